import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A loopback port that is free now (the system picks it), so that no other server answers there. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))
			);
		});
	});
}

/**
 * Shared by the benchmarks: starts the built app on a free loopback port against the given
 * database, without demo data or jobs, and waits until it listens and /healthz answers. `nodeArgs`
 * go before the entry point (e.g. `--cpu-prof`).
 *
 * It refuses (throws) when the app process exits before that: the port may have been taken in
 * the meantime by another server, which would then answer /healthz and take the benchmark's load.
 * So an answer counts only once our own process has said it listens (scripts/server.js prints
 * "Listening on …") and is still running.
 */
export async function startBuiltApp(
	buildDir: string,
	databaseUrl: string,
	dataDir: string,
	nodeArgs: string[] = []
): Promise<{ baseUrl: string; child: ChildProcess }> {
	const port = await freePort();
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
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let exit: string | undefined;
	child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
	let isListening = false;
	let output = '';
	child.stdout!.setEncoding('utf8');
	child.stdout!.on('data', (chunk: string) => {
		// Read to the end (a full pipe would stall the app); only the start is looked at.
		if (isListening) return;
		output += chunk;
		isListening = output.includes('Listening on');
	});
	const refuseIfExited = () => {
		if (exit !== undefined)
			throw new Error(
				`the app exited (${exit}) before it answered on ${baseUrl}: its port was taken, or it failed to start (see its errors above)`
			);
	};
	for (let attempt = 0; attempt < 300; attempt += 1) {
		refuseIfExited();
		try {
			if (isListening && (await fetch(`${baseUrl}/healthz`)).ok) {
				refuseIfExited();
				return { baseUrl, child };
			}
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`the app did not start within a minute (listening: ${isListening})`);
}

/** The p-th percentile (nearest rank) of ascending values; NaN for none. */
export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
