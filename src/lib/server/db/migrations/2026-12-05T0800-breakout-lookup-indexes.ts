// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Every board action looks up who the viewer is and which room is theirs (repositories/
 * breakouts-lookups.ts). The person behind an account was found by reading all of the meeting's
 * people (1,000 rows for a large meeting, a few times per card); with people_user_meeting_idx
 * it is one index probe (and the live guests' "no person of the meeting" check uses it too).
 * A round's rooms were found by reading the whole table: PostgreSQL does not index foreign keys
 * by itself, and breakout_rooms had no index on round_id, which every board, assignment and
 * cascade reads by.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('people_user_meeting_idx')
		.on('people')
		.columns(['user_id', 'meeting_id'])
		.execute();
	await db.schema
		.createIndex('breakout_rooms_round_idx')
		.on('breakout_rooms')
		.columns(['round_id', 'position'])
		.execute();
}
