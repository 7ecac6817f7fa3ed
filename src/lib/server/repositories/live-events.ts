import type { Kysely } from 'kysely';
import { toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';

/**
 * Kysely queries of live_events, the event log the live streams replay from: appending and
 * reading events, and removing old rows.
 */

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

export interface LiveEventRecord {
	meetingId: string;
	seq: number;
	type: string;
	payload: string;
}

/**
 * Takes the meeting's next sequence number (call inside a transaction): the counter lives on the
 * session row, whose update lock serializes concurrent writers until they commit. Undefined
 * without a session.
 */
export async function takeNextSeq(db: Kysely<Database>, meetingId: string): Promise<number | undefined> {
	const bumped = await db
		.updateTable('live_sessions')
		.set((eb) => ({ last_event_seq: eb('last_event_seq', '+', 1) }))
		.where('meeting_id', '=', meetingId)
		.returning('last_event_seq')
		.executeTakeFirst();
	return bumped ? Number(bumped.last_event_seq) : undefined;
}

/** Stores an event under the number `takeNextSeq` gave it, in the same transaction. */
export async function insertEvent(
	db: Kysely<Database>,
	values: { meetingId: string; seq: number; type: string; payload: string; now: string }
): Promise<void> {
	await db
		.insertInto('live_events')
		.values({
			meeting_id: values.meetingId,
			seq: values.seq,
			type: values.type,
			payload: values.payload,
			created_at: values.now
		})
		.execute();
}

/** Events after a sequence number, oldest first, at most `limit`. */
export function eventsAfter(
	db: Kysely<Database>,
	meetingId: string,
	seq: number,
	limit: number
): Promise<LiveEventRecord[]> {
	return eventsBetween(db, meetingId, seq + 1, undefined, limit);
}

export async function lastEventSeq(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('live_sessions')
		.select('last_event_seq')
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return Number(row?.last_event_seq ?? 0);
}

/**
 * A meeting's events numbered `from` to `to` (no upper bound: undefined), oldest first, at most
 * `limit`: the ones still stored.
 */
export async function eventsBetween(
	db: Kysely<Database>,
	meetingId: string,
	from: number,
	to: number | undefined,
	limit: number
): Promise<LiveEventRecord[]> {
	const rows = await db
		.selectFrom('live_events')
		.select(['meeting_id as meetingId', 'seq', 'type', 'payload'])
		.where('meeting_id', '=', meetingId)
		.where('seq', '>=', from)
		.$if(to !== undefined, (query) => query.where('seq', '<=', to!))
		.orderBy('seq')
		.limit(limit)
		.execute();
	return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
