import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foundingDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { signIn } from '../../src/lib/server/services/auth';
import { cliRunner } from '../helpers/cli';

/**
 * An operator's first steps on the command line, on an empty SQLite file: create an
 * organization, make someone its organizer, import the first meeting. (The services behind the
 * commands run on both databases in the organizations and exchange tests.)
 */
let dir: string;
let databaseUrl: string;

const { runCli, withDatabase } = cliRunner(() => databaseUrl);

const organizationsOf = (email: string) =>
	withDatabase(async ({ db }) =>
		(
			await db
				.selectFrom('memberships')
				.innerJoin('users', 'users.id', 'memberships.user_id')
				.innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
				.select('organizations.slug')
				.where('users.email', '=', email)
				.where('memberships.role', '=', 'organizer')
				.orderBy('organizations.slug')
				.execute()
		).map((row) => row.slug)
	);

describe('cli: the first steps on an empty database', () => {
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'nws-cli-organizations-'));
		databaseUrl = `sqlite:${join(dir, 'netzwerkstatt.sqlite')}`;
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('create-organization and add-organizer explain themselves; missing arguments are usage errors', async () => {
		const help = await runCli(['create-organization', '--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('Usage: netzwerkstatt create-organization [options] <slug>');
		expect(help.stdout).toContain('--name <name>');
		expect(help.stdout).toContain('Exit codes: 0 done');
		const addHelp = await runCli(['add-organizer', '--help'], undefined, 'de');
		expect(addHelp.code).toBe(0);
		expect(addHelp.stdout).toContain('Usage: netzwerkstatt add-organizer [options] <slug> <email>');
		expect(addHelp.stdout).toContain('Exit-Codes: 0 erledigt');
		const withoutName = await runCli(['create-organization', 'lwl']);
		expect(withoutName.code).toBe(2);
		expect(withoutName.stderr).toContain("required option '--name <name>' not specified");
		const withoutEmail = await runCli(['add-organizer', 'lwl']);
		expect(withoutEmail.code).toBe(2);
		expect(withoutEmail.stderr).toContain("missing required argument 'email'");
	});

	it('creates an organization, and refuses a bad or taken slug with exit code 1', async () => {
		const created = await runCli(['create-organization', 'lwl-kultur', '--name', 'LWL-Kulturabteilung']);
		expect(created.stderr).toBe('');
		expect(created.code).toBe(0);
		expect(created.stdout).toBe('Organization LWL-Kulturabteilung (lwl-kultur) has been created.\n');
		const taken = await runCli(['create-organization', 'lwl-kultur', '--name', 'Noch eine']);
		expect(taken.code).toBe(1);
		expect(taken.stderr).toMatch(/slug: /);
		const bad = await runCli(['create-organization', 'Groß Buchstaben', '--name', 'X']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('/slug: ');
		const rows = await withDatabase(({ db }) =>
			db.selectFrom('organizations').select(['slug', 'name']).orderBy('slug').execute()
		);
		expect(rows).toEqual([{ slug: 'lwl-kultur', name: 'LWL-Kulturabteilung' }]);
	});

	it('adds an organizer: a new account with the piped password, an existing one kept, twice is no change', async () => {
		const email = `orga-${randomUUID().slice(0, 6)}@example.org`;
		const added = await runCli(['add-organizer', 'lwl-kultur', email], 'ein sehr langes Passwort\n');
		expect(added.stderr).toBe('');
		expect(added.code).toBe(0);
		expect(added.stdout).toBe(
			`Account ${email} has been created.\n${email} now organizes for LWL-Kulturabteilung.\n`
		);
		await withDatabase(async ({ db }) => {
			const session = await signIn(
				db,
				{ email, password: 'ein sehr langes Passwort' },
				{ clientAddress: `10.4.${randomUUID()}`, sessionDays: 14, loginRateLimit: 10 }
			);
			expect(session).toHaveProperty('token');
		});

		await runCli(['create-organization', 'zweite', '--name', 'Zweite Organisation']);
		const second = await runCli(['add-organizer', 'zweite', email.toUpperCase()]);
		expect(second.code).toBe(0);
		expect(second.stdout).toBe(`${email} now organizes for Zweite Organisation.\n`);
		const again = await runCli(['add-organizer', 'zweite', email]);
		expect(again.code).toBe(0);
		expect(again.stdout).toBe(`${email} already organizes for Zweite Organisation.\n`);
		expect(await organizationsOf(email)).toEqual(['lwl-kultur', 'zweite']);
	});

	it('generates and prints a password for a new account when nothing is piped in', async () => {
		const email = `neu-${randomUUID().slice(0, 6)}@example.org`;
		const run = await runCli(['add-organizer', 'lwl-kultur', email]);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^Generated password \(shown this one time only\): \S{20,}$/m);
		expect(await organizationsOf(email)).toEqual(['lwl-kultur']);
	});

	it('refuses an unknown organization or a bad email with exit code 1 and writes nothing', async () => {
		const unknown = await runCli(['add-organizer', 'gibt-es-nicht', 'x@example.org']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('slug: There is no organization "gibt-es-nicht".');
		const bad = await runCli(['add-organizer', 'lwl-kultur', 'keine-adresse']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('/email: Please give a valid email address.');
		const users = await withDatabase(({ db }) =>
			db
				.selectFrom('users')
				.select('email')
				.where('email', 'in', ['x@example.org', 'keine-adresse'])
				.execute()
		);
		expect(users).toEqual([]);
	});

	it("imports the first meeting without --organization into the organization of the document's organizer", async () => {
		const path = join(dir, 'founding.json');
		writeFileSync(path, JSON.stringify(foundingDocument()));
		// "LWL-Kulturabteilung" exists (created above, slug lwl-kultur): it is found by its name.
		const imported = await runCli(['import', path]);
		expect(imported.stderr).toBe('');
		expect(imported.code).toBe(0);
		expect(imported.stdout).toBe('Imported: austausch-kulturbueros-engagement/2\n');
		const series = await withDatabase(({ db }) =>
			db
				.selectFrom('series')
				.innerJoin('organizations', 'organizations.id', 'series.organization_id')
				.select('organizations.slug')
				.where('series.slug', '=', 'austausch-kulturbueros-engagement')
				.execute()
		);
		expect(series).toEqual([{ slug: 'lwl-kultur' }]);
	});
});
