import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';

/** True when the database answers a trivial query. */
export async function checkDatabase(db: Kysely<Database>): Promise<boolean> {
	try {
		await sql`select 1`.execute(db);
		return true;
	} catch (error) {
		logger.warn({ err: error }, 'health check: database unreachable');
		return false;
	}
}
