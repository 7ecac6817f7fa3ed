import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * The `netzwerkstatt` command as a user runs it (a child process), against the database a test
 * file sets up (read when a command runs, so it may be set in `beforeAll`).
 */
export function cliRunner(databaseUrl: () => string) {
	/** Runs the CLI; `stdin` undefined gives it an empty, closed standard input. */
	function runCli(args: string[], stdin?: string, lang = 'en'): Promise<CliRun> {
		return new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [join(projectRoot, 'bin', 'netzwerkstatt.js'), ...args], {
				cwd: projectRoot,
				env: { ...process.env, DATABASE_URL: databaseUrl(), NETZWERKSTATT_LANG: lang, LOG_LEVEL: 'silent' },
				stdio: ['pipe', 'pipe', 'pipe']
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('error', reject);
			child.on('close', (code) => resolve({ code, stdout, stderr }));
			child.stdin.end(stdin ?? '');
		});
	}

	/** Opens the test's database for a look at what a command wrote, and closes it again. */
	async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
		const handle = await openDatabase(databaseUrl());
		try {
			return await work(handle);
		} finally {
			await handle.close();
		}
	}

	return { runCli, withDatabase };
}
