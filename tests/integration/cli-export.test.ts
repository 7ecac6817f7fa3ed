import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areEquivalent } from '../../src/lib/domain/exchange-format/equivalence';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { factories } from '../helpers/factories';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'netzwerkstatt.js');

describe('netzwerkstatt export (command line, SQLite file)', () => {
	let dir: string;
	let databaseUrl: string;
	const document = fictionalDocument();

	const run = (...args: string[]) =>
		spawnSync(process.execPath, [bin, ...args], {
			env: { ...process.env, DATABASE_URL: databaseUrl, NETZWERKSTATT_LANG: 'en', LOG_LEVEL: 'silent' },
			encoding: 'utf8'
		});

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'nws-cli-export-'));
		databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
		const handle = await openDatabase(databaseUrl);
		await migrateToLatest(handle.db);
		const organization = await factories(handle.db).organization();
		await handle.close();
		const path = join(dir, 'fictional.json');
		writeFileSync(path, JSON.stringify(document));
		const imported = run('import', path, '--organization', organization.slug);
		expect(imported.status, imported.stderr).toBe(0);
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the document as pretty JSON to standard output', () => {
		const result = run('export', 'beispiel-reihe-fiktiv/1');
		expect(result.status).toBe(0);
		expect(result.stdout.startsWith('{\n  "format": "netzwerkstatt.meeting/v1"')).toBe(true);
		expect(areEquivalent(JSON.parse(result.stdout), document)).toBe(true);
	});

	it('writes to a file with --out', () => {
		const out = join(dir, 'out.json');
		const result = run('export', 'beispiel-reihe-fiktiv/1', '--out', out);
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('');
		expect(areEquivalent(JSON.parse(readFileSync(out, 'utf8')), document)).toBe(true);
	});

	it('answers a malformed address with exit code 2 and an unknown meeting with 1', () => {
		const malformed = run('export', 'Beispiel Reihe/eins');
		expect(malformed.status).toBe(2);
		expect(malformed.stderr).toMatch(/is not the address of a meeting/);
		const unknown = run('export', 'beispiel-reihe-fiktiv/7');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toMatch(/no such series or meeting/);
	});

	it('explains itself with --help', () => {
		const result = run('export', '--help');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/SERIES\/NUMBER/);
	});
});
