import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What services need to find a meeting by its address (`SERIES-ID/NUMBER`) and to authorize. */
export interface MeetingHandle {
	meetingId: string;
	number: number;
	seriesId: string;
	seriesSlug: string;
	organizationId: string;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	isPublished: boolean;
	isSeriesPublished: boolean;
}

/** The meeting with its series' identity; other look-ups (registration's) select more on top of it. */
export function meetingHandleQuery(db: Kysely<Database>) {
	return db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id as meetingId',
			'meetings.number',
			'meetings.date',
			'meetings.start_time',
			'meetings.end_time',
			'meetings.time_zone',
			'meetings.published_at as meetingPublishedAt',
			'series.id as seriesId',
			'series.slug',
			'series.organization_id',
			'series.published_at as seriesPublishedAt'
		]);
}

type HandleRow = Awaited<ReturnType<ReturnType<typeof meetingHandleQuery>['executeTakeFirstOrThrow']>>;

export function toMeetingHandle(row: HandleRow): MeetingHandle {
	return {
		meetingId: row.meetingId,
		number: row.number,
		seriesId: row.seriesId,
		seriesSlug: row.slug,
		organizationId: row.organization_id,
		date: row.date,
		start: row.start_time,
		end: row.end_time,
		timeZone: row.time_zone,
		// A meeting is public only when it and its series are published.
		isPublished: row.meetingPublishedAt !== null && row.seriesPublishedAt !== null,
		isSeriesPublished: row.seriesPublishedAt !== null
	};
}

export async function findMeetingHandle(
	db: Kysely<Database>,
	seriesSlug: string,
	number: number
): Promise<MeetingHandle | undefined> {
	const row = await meetingHandleQuery(db)
		.where('series.slug', '=', seriesSlug)
		.where('meetings.number', '=', number)
		.executeTakeFirst();
	return row && toMeetingHandle(row);
}

export async function findMeetingHandleById(
	db: Kysely<Database>,
	meetingId: string
): Promise<MeetingHandle | undefined> {
	const row = await meetingHandleQuery(db).where('meetings.id', '=', meetingId).executeTakeFirst();
	return row && toMeetingHandle(row);
}

/**
 * Takes the meeting's row lock for the rest of the transaction (PostgreSQL), so that changes that
 * check the meeting's other rows first cannot interleave: two confirmations cannot both take the
 * last place, two agenda items cannot both pass the overlap check. On SQLite the write
 * transaction is already exclusive; the no-op update is harmless there.
 */
export async function lockMeeting(db: Kysely<Database>, meetingId: string): Promise<void> {
	await db
		.updateTable('meetings')
		.set((eb) => ({ capacity: eb.ref('capacity') }))
		.where('id', '=', meetingId)
		.execute();
}
