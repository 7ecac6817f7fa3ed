import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Fresh databases for tests that run the built app as a child process: a SQLite file in the
 * test's data folder, and a database of its own on the PostgreSQL server that TEST_POSTGRES_URL
 * names. Without that server the PostgreSQL run is skipped loudly, and refused in CI.
 */
export interface AppDatabaseTarget {
	name: 'sqlite' | 'postgres';
	/** A fresh database: its URL and how to remove it. */
	create(dataDir: string): Promise<{ url: string; drop: () => Promise<void> }>;
}

/** A fresh database on a PostgreSQL server (created with the admin URL), and how to drop it. */
export async function createServerDatabase(
	serverUrl: string,
	prefix: string
): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			const client = new pg.Client({ connectionString: serverUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}

/** The PostgreSQL server for app tests, or '' after a loud warning (an error in CI). */
export function postgresServerFor(what: string): string {
	const serverUrl = process.env.TEST_POSTGRES_URL ?? '';
	if (!serverUrl) {
		const message = `TEST_POSTGRES_URL is not set: ${what} on PostgreSQL is SKIPPED.`;
		if (process.env.CI === 'true' || process.env.POSTGRES_REQUIRED === '1') throw new Error(message);
		console.warn(`\n⚠⚠⚠ ${message}\n`);
	}
	return serverUrl;
}

/** SQLite always; PostgreSQL when its server is named. */
export function appDatabaseTargets(what: string, prefix: string): AppDatabaseTarget[] {
	const serverUrl = postgresServerFor(what);
	const sqlite: AppDatabaseTarget = {
		name: 'sqlite',
		create: async (dataDir) => ({ url: `sqlite:${join(dataDir, `${prefix}.sqlite`)}`, drop: async () => {} })
	};
	if (!serverUrl) return [sqlite];
	return [sqlite, { name: 'postgres', create: () => createServerDatabase(serverUrl, prefix) }];
}
