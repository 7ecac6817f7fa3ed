import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';

/**
 * A SQLite file's log is checkpointed by a worker thread (db/sqlite-checkpointer.ts), not inside
 * the app's commits. SQLite only: PostgreSQL has no such log to manage.
 */
describe('SQLite: the WAL checkpoint worker', () => {
	const dir = mkdtempSync(join(tmpdir(), 'nws-checkpoint-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Writes about 4 MB (1,000 pages) in 50 transactions, as many small commits do. */
	async function writeRows(db: Awaited<ReturnType<typeof openDatabase>>['db'], from: number) {
		const filler = 'x'.repeat(4000);
		for (let batch = 0; batch < 50; batch += 1)
			await db.transaction().execute(async (trx) => {
				for (let row = 0; row < 20; row += 1)
					await sql`insert into filler (id, text) values (${from + batch * 20 + row}, ${filler})`.execute(
						trx
					);
			});
	}

	it('copies the log into the database file while the app goes on writing, with no commit doing it', async () => {
		const path = join(dir, 'worker.sqlite');
		const handle = await openDatabase(`sqlite:${path}`);
		try {
			// The app's own connection would checkpoint only past 16,000 pages: the fallback.
			const threshold = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
				handle.db
			);
			expect(threshold.rows[0]!.wal_autocheckpoint).toBe(16000);
			await sql`create table filler (id integer primary key, text text not null)`.execute(handle.db);
			const emptySize = statSync(path).size;
			await writeRows(handle.db, 0);
			// Only a checkpoint moves pages from the log into the file: wait for the worker's.
			const deadline = Date.now() + 20_000;
			while (statSync(path).size <= emptySize + 3_000_000 && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 50));
			expect(statSync(path).size).toBeGreaterThan(emptySize + 3_000_000);
			// And the app's connection goes on writing and reading meanwhile.
			await writeRows(handle.db, 1000);
			const count = await sql<{ rows: number }>`select count(*) as rows from filler`.execute(handle.db);
			expect(count.rows[0]!.rows).toBe(2000);
		} finally {
			await handle.close();
		}
		// Closed last, the app's connection checkpointed the rest and removed the log.
		expect(existsSync(`${path}-wal`)).toBe(false);
		const reopened = await openDatabase(`sqlite:${path}`);
		try {
			const count = await sql<{ rows: number }>`select count(*) as rows from filler`.execute(reopened.db);
			expect(count.rows[0]!.rows).toBe(2000);
		} finally {
			await reopened.close();
		}
	});

	it('closes twice without complaint, and an in-memory database has no worker to stop', async () => {
		const handle = await openDatabase(`sqlite:${join(dir, 'twice.sqlite')}`);
		await sql`create table t (id integer primary key)`.execute(handle.db);
		await handle.close();
		await expect(handle.close()).resolves.toBeUndefined();
		const memory = await openDatabase('sqlite::memory:');
		const threshold = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(memory.db);
		// SQLite's own default: no log to hand to a worker.
		expect(threshold.rows[0]!.wal_autocheckpoint).toBe(1000);
		await memory.close();
	});

	it('keeps a process that closes the database alive until the worker has stopped (a CLI command)', () => {
		const connect = pathToFileURL(resolve('src/lib/server/db/connect.ts')).href;
		const script = `
			const { openDatabase } = await import(${JSON.stringify(connect)});
			const handle = await openDatabase(${JSON.stringify(`sqlite:${join(dir, 'cli.sqlite')}`)});
			await handle.close();
			console.log('closed');
		`;
		const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
			encoding: 'utf8'
		});
		expect(run.stderr).toBe('');
		expect(run.stdout.trim()).toBe('closed');
		expect(run.status).toBe(0);
	});
});
