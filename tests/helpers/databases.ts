import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { openDatabase, wrapDialect, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Database } from '../../src/lib/server/db/schema';

export interface TestDatabase {
	name: string;
	/** Opens (once per test file) and migrates the database. */
	open(): Promise<Kysely<Database>>;
	close(): Promise<void>;
}

/**
 * The databases every integration test runs against: SQLite in memory, and PostgreSQL — the
 * server named by TEST_POSTGRES_URL (a fresh database per test file is created by the global
 * setup), else PGlite in process.
 */
export function testDatabases(): TestDatabase[] {
	return [sqliteTestDatabase(), postgresTestDatabase()];
}

function lazy(name: string, factory: () => Promise<DatabaseHandle>): TestDatabase {
	let handle: Promise<DatabaseHandle> | undefined;
	return {
		name,
		async open() {
			handle ??= factory().then(async (opened) => {
				await migrateToLatest(opened.db);
				return opened;
			});
			return (await handle).db;
		},
		async close() {
			if (handle) await (await handle).close();
			handle = undefined;
		}
	};
}

function sqliteTestDatabase(): TestDatabase {
	return lazy('sqlite', () => openDatabase('sqlite::memory:'));
}

function postgresTestDatabase(): TestDatabase {
	const serverUrl = inject('postgresTemplateUrl');
	if (serverUrl) {
		return lazy('postgres', async () => {
			const url = await createScratchDatabase(serverUrl);
			return openDatabase(url);
		});
	}
	return lazy('pglite', async () => {
		const { PGlite } = await import('@electric-sql/pglite');
		const { PGliteDialect } = await import('kysely-pglite-dialect');
		const pglite = new PGlite();
		await pglite.waitReady;
		// Destroying the Kysely instance closes PGlite through the dialect.
		return wrapDialect(new PGliteDialect(pglite), 'postgres', 'pglite:memory');
	});
}

/** Creates an empty database on the test server for one test file; returns its URL. */
async function createScratchDatabase(serverUrl: string): Promise<string> {
	const { default: pg } = await import('pg');
	const name = `nws_test_${inject('postgresRunId')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return url.toString();
}
