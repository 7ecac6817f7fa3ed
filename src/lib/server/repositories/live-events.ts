import type { Kysely } from 'kysely';
import { toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';

/** Kysely queries that remove old rows of live_events (the event log the live streams replay from). */

/** Deletes every event of the sessions stopped (is_active 0) before `stoppedBefore`; how many went. */
export async function deleteEventsOfStoppedSessions(
	db: Kysely<Database>,
	stoppedBefore: string
): Promise<number> {
	const result = await db
		.deleteFrom('live_events')
		.where('meeting_id', 'in', (eb) =>
			eb
				.selectFrom('live_sessions')
				.select('meeting_id')
				.where('is_active', '=', toBoolInt(false))
				.where('updated_at', '<', stoppedBefore)
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The sessions whose event counter has passed `keep`: only they can hold events beyond the newest `keep`. */
export async function sessionsBeyond(
	db: Kysely<Database>,
	keep: number
): Promise<{ meetingId: string; lastSeq: number }[]> {
	const rows = await db
		.selectFrom('live_sessions')
		.select(['meeting_id', 'last_event_seq'])
		.where('last_event_seq', '>', keep)
		.execute();
	return rows.map((row) => ({ meetingId: row.meeting_id, lastSeq: Number(row.last_event_seq) }));
}

/**
 * Deletes a meeting's events up to and including `seq` (a range of the primary key, so cheap even
 * when nothing is left to delete); how many went.
 */
export async function deleteEventsUpTo(
	db: Kysely<Database>,
	meetingId: string,
	seq: number
): Promise<number> {
	const result = await db
		.deleteFrom('live_events')
		.where('meeting_id', '=', meetingId)
		.where('seq', '<=', seq)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
