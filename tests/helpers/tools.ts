import { spawnSync } from 'node:child_process';

/**
 * Whether a command-line tool (pdftotext, qpdf, soffice …) is installed. A fresh machine may lack
 * one: the tests that need it then skip loudly; in CI (CI=true) a missing tool is a failure.
 */
export function hasTool(command: string, purpose: string): boolean {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
	if (!found) {
		const message = `${command} is not installed: the tests for ${purpose} are SKIPPED (apt-get install the package that provides it).`;
		if (process.env.CI === 'true' || process.env.E2E_REQUIRED === '1')
			throw new Error(`${message} In CI this is a failure.`);
		console.warn(`\n⚠⚠⚠ ${message}\n`);
	}
	return found;
}

/** Runs a tool and returns its standard output; throws with its standard error on failure. */
export function runTool(command: string, args: string[], input?: Buffer): string {
	const result = spawnSync(command, args, {
		input,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: 120_000
	});
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	return result.stdout;
}

/** Whether a missing PostgreSQL server is a failure (CI) rather than a loud skip (a fresh machine). */
export function postgresServerRequired(): boolean {
	return (
		process.env.CI === 'true' || process.env.E2E_REQUIRED === '1' || process.env.POSTGRES_REQUIRED === '1'
	);
}

/**
 * For tests that need a real PostgreSQL server (two app instances, LISTEN/NOTIFY between
 * processes): its URL from TEST_POSTGRES_URL, or '' after saying loudly that they are skipped.
 * In CI a missing server is a failure instead.
 */
export function postgresServerFor(purpose: string): string {
	const url = process.env.TEST_POSTGRES_URL ?? '';
	if (!url) {
		const message = `TEST_POSTGRES_URL is not set: the tests for ${purpose} need a PostgreSQL server and are SKIPPED.`;
		if (postgresServerRequired()) throw new Error(`${message} In CI this is a failure.`);
		console.warn(`\n⚠⚠⚠ ${message}\n`);
	}
	return url;
}
