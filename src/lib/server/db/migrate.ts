import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import type { Database } from './schema';
import { migrations } from './migrations/index';

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: () => Promise.resolve(migrations) }
	});
	const result: MigrationResultSet = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		const reason = result.error instanceof Error ? result.error.message : String(result.error);
		throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, {
			cause: result.error
		});
	}
	return (result.results ?? []).map((r) => r.migrationName);
}
