import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/services/auth';
import { cliRunner } from '../helpers/cli';

/**
 * `netzwerkstatt create-admin` as a user runs it: a child process on a SQLite file. (The command
 * itself only calls the accounts service, which the accounts tests run on both databases.)
 */
let dataDir: string;
let databaseUrl: string;

const { runCli, withDatabase } = cliRunner(() => databaseUrl);

const countUsers = (email: string) =>
	withDatabase(
		async ({ db }) => (await db.selectFrom('users').select('id').where('email', '=', email).execute()).length
	);

const signInOptions = () => ({ clientAddress: `10.3.${randomUUID()}`, sessionDays: 14, loginRateLimit: 10 });

describe('cli: create-admin', () => {
	beforeAll(() => {
		dataDir = mkdtempSync(join(tmpdir(), 'nws-cli-'));
		databaseUrl = `sqlite:${join(dataDir, 'netzwerkstatt.sqlite')}`;
	});
	afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

	it('creates an admin with the password piped in (first line), who can then sign in', async () => {
		const run = await runCli(
			['create-admin', 'Chefin@Example.org', '--name', 'Die Chefin'],
			'ein sehr langes Passwort\nzweite Zeile\n'
		);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Admin account chefin@example.org has been created.\n');
		await withDatabase(async ({ db }) => {
			await expect(
				signIn(db, { email: 'chefin@example.org', password: 'ein sehr langes Passwort' }, signInOptions())
			).resolves.toHaveProperty('token');
			const row = await db
				.selectFrom('users')
				.select(['display_name', 'is_admin'])
				.where('email', '=', 'chefin@example.org')
				.executeTakeFirstOrThrow();
			expect(row).toEqual({ display_name: 'Die Chefin', is_admin: 1 });
		});
	});

	it('generates a password when nothing is piped in, prints it once, and it works', async () => {
		const run = await runCli(['create-admin', 'generated@example.org'], undefined, 'de');
		expect(run.code).toBe(0);
		const match = /^Erzeugtes Passwort \(wird nur dieses eine Mal angezeigt\): (\S+)$/m.exec(run.stdout);
		expect(run.stdout).toContain('Admin-Konto generated@example.org wurde angelegt.');
		const password = match?.[1] ?? '';
		expect(password.length).toBeGreaterThanOrEqual(20);
		await withDatabase(async ({ db }) => {
			await expect(
				signIn(db, { email: 'generated@example.org', password }, signInOptions())
			).resolves.toHaveProperty('token');
		});
	});

	it('refuses an existing email (in any case) with exit code 1 and writes nothing', async () => {
		await runCli(['create-admin', 'twice@example.org'], 'ein sehr langes Passwort\n');
		const run = await runCli(['create-admin', 'TWICE@example.org'], 'ein anderes langes Passwort\n');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('There already is an account with this email address.');
		expect(run.stdout).toBe('');
		expect(await countUsers('twice@example.org')).toBe(1);
	});

	it('refuses a piped password shorter than 12 characters', async () => {
		const run = await runCli(['create-admin', 'short@example.org'], 'kurz\n', 'de');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('/password: Mindestens 12 Zeichen.');
		expect(await countUsers('short@example.org')).toBe(0);
	});

	it('refuses an invalid email', async () => {
		const run = await runCli(['create-admin', 'not-an-email'], 'ein sehr langes Passwort\n');
		expect(run.code).toBe(1);
		expect(run.stderr).toContain('/email: Please give a valid email address.');
		expect(await countUsers('not-an-email')).toBe(0);
	});

	it('explains itself with --help, and a missing email is a usage error', async () => {
		const help = await runCli(['create-admin', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('Usage: netzwerkstatt create-admin [options] <email>');
		expect(help.stdout).toContain('--name <name>');
		const missing = await runCli(['create-admin']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain("missing required argument 'email'");
	});
});
