import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Shared by the benchmarks: starts the built app on a random loopback port against the given
 * database, without demo data or jobs, and waits until /healthz answers. `nodeArgs` go before the
 * entry point (e.g. `--cpu-prof`).
 */
export async function startBuiltApp(
	buildDir: string,
	databaseUrl: string,
	dataDir: string,
	nodeArgs: string[] = []
): Promise<{ baseUrl: string; child: ChildProcess }> {
	const port = 20000 + Math.floor(Math.random() * 20000);
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [...nodeArgs, join(buildDir, 'index.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DATABASE_URL: databaseUrl,
			DATA_DIR: dataDir,
			DEMO_DATA: 'off',
			JOBS: 'off',
			LOG_LEVEL: 'error'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let attempt = 0; attempt < 300; attempt += 1) {
		try {
			if ((await fetch(`${baseUrl}/healthz`)).ok) return { baseUrl, child };
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error('the app did not start');
}

/** The p-th percentile (nearest rank) of ascending values; NaN for none. */
export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
