// Builds the app when the build is missing or older than the sources. Used by `npm start` and
// by the end-to-end tests.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const buildMarker = join(projectRoot, 'build', 'handler.js');
const sourcePaths = [
	'src',
	'static',
	'spec',
	'reference-data',
	'svelte.config.js',
	'scripts/server.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json'
];

/**
 * Newest modification time under a path, in milliseconds.
 * @param {string} path
 * @returns {number}
 */
function newestChange(path) {
	if (!existsSync(path)) return 0;
	const stats = statSync(path);
	if (!stats.isDirectory()) return stats.mtimeMs;
	let newest = stats.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
	return newest;
}

const lockDir = join(projectRoot, '.build-lock');

/**
 * Runs `work` while holding a lock folder, so that two test runs never build at once.
 * @template T
 * @param {() => T} work
 * @returns {T}
 */
function whileLocked(work) {
	const deadline = Date.now() + 10 * 60 * 1000;
	for (;;) {
		try {
			mkdirSync(lockDir);
			break;
		} catch (error) {
			if (/** @type {{ code?: string }} */ (error).code !== 'EEXIST') throw error;
			// A lock older than 10 minutes was left by a killed build.
			if (Date.now() - statSync(lockDir).mtimeMs > 10 * 60 * 1000)
				rmSync(lockDir, { recursive: true, force: true });
			if (Date.now() > deadline) throw new Error(`Waited too long for ${lockDir}`);
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @returns {boolean} whether a build was needed */
export function buildIfStale() {
	return whileLocked(buildIfStaleUnlocked);
}

/** @returns {boolean} */
function buildIfStaleUnlocked() {
	const builtAt = existsSync(buildMarker) ? statSync(buildMarker).mtimeMs : 0;
	const sourcesChangedAt = Math.max(...sourcePaths.map((path) => newestChange(join(projectRoot, path))));
	if (builtAt >= sourcesChangedAt) return false;
	console.log(
		builtAt === 0
			? 'Building Netzwerkstatt (first start)…'
			: 'Sources changed since the last build: rebuilding…'
	);
	const vite = join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: projectRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('The build failed; see above.');
	return true;
}

/**
 * Builds when stale and copies the build to `destination` while holding the lock, so that a test
 * server runs from its own copy: another run rebuilding `build/` cannot pull it from under it.
 * The destination must lie inside the project, so that the copy finds node_modules.
 * @param {string} destination
 */
export function buildAndCopy(destination) {
	whileLocked(() => {
		buildIfStaleUnlocked();
		cpSync(join(projectRoot, 'build'), destination, { recursive: true });
	});
}
