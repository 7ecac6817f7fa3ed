import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildAndCopy, projectRoot } from '../../scripts/build-if-stale.js';

/**
 * The built app as a child process, for the live tests that need real processes (restart after
 * kill -9, two instances on one PostgreSQL database). Each test file builds under the shared
 * lock and runs its own copy of the build.
 */
export function copyBuild(): { dir: string; remove: () => void } {
	const dir = join(projectRoot, '.e2e-builds', `live-${process.pid}-${Date.now()}`);
	buildAndCopy(dir);
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface AppProcess {
	baseUrl: string;
	process: ChildProcess;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts build/index.js on a port with the given database and waits until /healthz answers.
 * `extra.env` overrides the environment (ORIGIN, LOG_LEVEL …); `extra.output` receives the app's
 * standard output (its log lines) instead of the test's console.
 */
export async function startApp(
	buildDir: string,
	env: { DATABASE_URL: string; DATA_DIR: string },
	port?: number,
	extra: { env?: Record<string, string>; output?: (chunk: string) => void } = {}
): Promise<AppProcess> {
	const chosen = port ?? (await freePort());
	const baseUrl = `http://127.0.0.1:${chosen}`;
	const child = spawn(process.execPath, [join(buildDir, 'index.js')], {
		env: {
			...process.env,
			...env,
			PORT: String(chosen),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			DEMO_DATA: 'off',
			JOBS: 'off',
			LOG_LEVEL: 'warn',
			...extra.env
		},
		stdio: ['ignore', extra.output ? 'pipe' : 'inherit', 'inherit']
	});
	const output = extra.output;
	if (output) child.stdout?.on('data', (chunk: Buffer) => output(chunk.toString('utf8')));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The app exited early with code ${child.exitCode}`);
		try {
			if ((await fetch(`${baseUrl}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('The app did not become healthy within 60 s');
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
	return {
		baseUrl,
		process: child,
		stop: (signal = 'SIGTERM') =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				// A graceful stop that hangs is ended hard, so a test never waits on it.
				const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
				child.once('exit', () => {
					clearTimeout(hard);
					resolve();
				});
				child.kill(signal);
			})
	};
}

/** A guest's cookie-keeping client of the live pages, as a browser without JavaScript uses them. */
export class LiveGuest {
	private cookie = '';
	constructor(
		private readonly baseUrl: string,
		private readonly code: string
	) {}

	private async post(action: string, form: URLSearchParams): Promise<Response> {
		return fetch(`${this.baseUrl}/live/${this.code}?/${action}`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: this.baseUrl,
				cookie: this.cookie
			},
			body: form
		});
	}

	async join(name: string): Promise<void> {
		const response = await this.post('join', new URLSearchParams({ displayName: name }));
		const set = response.headers.get('set-cookie');
		if (response.status !== 303 || !set) throw new Error(`join failed: ${response.status}`);
		this.cookie = set.split(';')[0]!;
	}

	/** Casts a vote; resolves true only when the server acknowledged it (303 after the commit). */
	async vote(questionId: string, answers: string[]): Promise<boolean> {
		const form = new URLSearchParams({ questionId });
		for (const answer of answers) form.append('answer', answer);
		const response = await this.post('vote', form);
		await response.arrayBuffer();
		return response.status === 303;
	}

	get cookieHeader(): string {
		return this.cookie;
	}
}
