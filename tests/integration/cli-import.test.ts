import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalDocument, foundingDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { factories } from '../helpers/factories';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'netzwerkstatt.js');

describe('netzwerkstatt import (command line, SQLite file)', () => {
	let dir: string;
	let databaseUrl: string;
	let organization: string;

	const run = (...args: string[]) =>
		spawnSync(process.execPath, [bin, ...args], {
			env: { ...process.env, DATABASE_URL: databaseUrl, NETZWERKSTATT_LANG: 'en', LOG_LEVEL: 'silent' },
			encoding: 'utf8'
		});
	const file = (name: string, content: unknown) => {
		const path = join(dir, name);
		writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
		return path;
	};
	const query = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) => {
		const handle = await openDatabase(databaseUrl);
		try {
			return await work(handle.db);
		} finally {
			await handle.close();
		}
	};

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'nws-cli-import-'));
		databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
		const handle = await openDatabase(databaseUrl);
		await migrateToLatest(handle.db);
		organization = (await factories(handle.db).organization()).slug;
		await handle.close();
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('explains itself with --help', () => {
		const result = run('import', '--help');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/--replace/);
		expect(result.stdout).toMatch(/--organization <slug>/);
	});

	it("takes the document's organizer for a new series without --organization, and refuses an unknown one", async () => {
		const document = fictionalDocument();
		document.series.id = 'cli-first-steps';
		const path = file('first-steps.json', document);
		const unknown = run('import', path, '--organization', 'no-such-org');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toMatch(/There is no organization "no-such-org"/);

		const imported = run('import', path);
		expect(imported.stderr).toBe('');
		expect(imported.status).toBe(0);
		expect(imported.stdout).toBe(
			'Organization created: LWL-Kulturabteilung (fiktives Beispiel) (lwl-kulturabteilung-fiktives-beispiel)\n' +
				'Imported: cli-first-steps/1\n'
		);
		// The second meeting finds the series; a third document with another organizer is not a new series.
		document.meeting.number = 2;
		document.series.title = 'Ein anderer Titel';
		const second = run('import', file('first-steps-2.json', document));
		expect(second.status).toBe(0);
		expect(second.stdout).toBe(
			'Imported: cli-first-steps/2\n' +
				'The series cli-first-steps existed already and stays as it is. Not taken over because they differ: /series/title\n'
		);
		const rows = await query((db) =>
			db
				.selectFrom('series')
				.innerJoin('organizations', 'organizations.id', 'series.organization_id')
				.select(['organizations.slug', 'organizations.name', 'series.title'])
				.where('series.slug', '=', 'cli-first-steps')
				.execute()
		);
		expect(rows).toEqual([
			{
				slug: 'lwl-kulturabteilung-fiktives-beispiel',
				name: 'LWL-Kulturabteilung (fiktives Beispiel)',
				title: 'Fiktives Beispiel: Austauschtreffen Kultur und Engagement'
			}
		]);
	});

	it('imports, refuses a duplicate, replaces and publishes', async () => {
		const path = file('founding.json', foundingDocument());
		const imported = run('import', path, '--organization', organization);
		expect(imported.stderr).toBe('');
		expect(imported.status).toBe(0);
		expect(imported.stdout).toBe('Imported: austausch-kulturbueros-engagement/2\n');

		const duplicate = run('import', path);
		expect(duplicate.status).toBe(1);
		expect(duplicate.stderr).toMatch(/austausch-kulturbueros-engagement\/2 already exists/);

		const changed = foundingDocument();
		changed.meeting.agenda[0].title = 'Ankommen und Technik-Check';
		const replaced = run('import', file('changed.json', changed), '--replace', '--publish');
		expect(replaced.status).toBe(0);
		expect(replaced.stdout).toMatch(/Imported \(replaced\): austausch-kulturbueros-engagement\/2/);
		expect(replaced.stdout).toMatch(/Published: austausch-kulturbueros-engagement\/2/);

		const rows = await query((db) =>
			db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.innerJoin('agenda_items', 'agenda_items.meeting_id', 'meetings.id')
				.select(['meetings.published_at', 'series.published_at as seriesPublished', 'agenda_items.title'])
				.where('series.slug', '=', 'austausch-kulturbueros-engagement')
				.where('agenda_items.position', '=', 0)
				.execute()
		);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.title).toBe('Ankommen und Technik-Check');
		expect(rows[0]!.published_at).not.toBeNull();
		expect(rows[0]!.seriesPublished).not.toBeNull();
	});

	it('prints each problem of a bad file with its JSON pointer and writes nothing', async () => {
		const bad = fictionalDocument();
		bad.series.id = 'cli-bad-file';
		bad.meeting.agenda[2].speakers = ['niemand'];
		bad.meeting.agenda[3].end = '10:40';
		const result = run('import', file('bad.json', bad), '--organization', organization);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/^The document was not imported\. It has 2 error\(s\):/);
		expect(result.stderr).toMatch(
			/\/meeting\/agenda\/2\/speakers\/0: There is no person with the id "niemand"/
		);
		expect(result.stderr).toMatch(/\/meeting\/agenda\/3\/end: /);
		const series = await query((db) =>
			db.selectFrom('series').select('id').where('slug', '=', 'cli-bad-file').execute()
		);
		expect(series).toEqual([]);
	});

	it('names invalid JSON and an unreadable file', () => {
		const broken = run('import', file('broken.json', '{"format": "netzwerkstatt.meeting/v1",'));
		expect(broken.status).toBe(1);
		expect(broken.stderr).toMatch(/\/: The file is not valid JSON: .*JSON/);
		const missing = run('import', join(dir, 'missing.json'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/Cannot read the file .*missing\.json/);
	});

	it('answers a missing argument with a usage error', () => {
		const result = run('import');
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/missing required argument/);
	});
});
