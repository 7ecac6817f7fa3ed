import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { postgresServerRequired } from './tools';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The PostgreSQL server URL for scratch databases, or '' to use PGlite. */
		postgresTemplateUrl: string;
		/** Names this run's scratch databases, so that teardown drops only its own. */
		postgresRunId: string;
	}
}

/**
 * Integration tests run on PostgreSQL as well as SQLite. With TEST_POSTGRES_URL the tests use
 * that server (each test file creates its own scratch database, dropped here afterwards);
 * without it they use PGlite in process and say so loudly.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const url = process.env.TEST_POSTGRES_URL ?? '';
	const runId = randomUUID().replaceAll('-', '').slice(0, 8);
	project.provide('postgresTemplateUrl', url);
	project.provide('postgresRunId', runId);
	if (!url) {
		console.warn(
			'\n⚠ TEST_POSTGRES_URL is not set: the PostgreSQL integration tests run on PGlite (in process) instead of a PostgreSQL server.\n'
		);
		if (postgresServerRequired()) {
			throw new Error(
				'TEST_POSTGRES_URL must be set in CI (CI=true, E2E_REQUIRED=1 or POSTGRES_REQUIRED=1).'
			);
		}
		return async () => {};
	}
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
	} catch (error) {
		throw new Error(`TEST_POSTGRES_URL is set but the server does not answer: ${String(error)}`, {
			cause: error
		});
	}
	await client.end();
	return async () => {
		const cleanup = new pg.Client({ connectionString: url });
		await cleanup.connect();
		try {
			const { rows } = await cleanup.query<{ datname: string }>(
				`select datname from pg_database where datname like 'nws_test_${runId}_%'`
			);
			for (const row of rows) await cleanup.query(`drop database if exists ${row.datname} with (force)`);
		} finally {
			await cleanup.end();
		}
	};
}
