import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt } from '../db/booleans';
import { meetingHandleQuery, toMeetingHandle, type MeetingHandle } from './meeting-lookup';

/** The meetings as registration, its mails, reminders and calendar feeds see them: SQL only. */

/** What registration needs to know of a meeting and its series: the meeting's handle and more. */
export interface RegistrationMeeting extends Omit<MeetingHandle, 'isPublished'> {
	venueMode: string;
	venuePlatform: string | null;
	venueUrl: string | null;
	venueAddress: string | null;
	topicTitle: string | null;
	capacity: number | null;
	isRegistrationOpen: boolean;
	remindDayBefore: boolean;
	remindHourBefore: boolean;
	/** The meeting's own flag; whether the public sees it depends on its series too. */
	isMeetingPublished: boolean;
	createdAt: string;
	updatedAt: string;
	seriesTitle: string;
	seriesLanguage: string;
	meetingNoun: string;
	organizerName: string;
	organizerEmail: string | null;
	privacyNotice: string | null;
}

function meetingQuery(db: Kysely<Database>) {
	return meetingHandleQuery(db).select([
		'meetings.venue_mode',
		'meetings.venue_platform',
		'meetings.venue_url',
		'meetings.venue_address',
		'meetings.topic_title',
		'meetings.capacity',
		'meetings.is_registration_open',
		'meetings.remind_day_before',
		'meetings.remind_hour_before',
		'meetings.created_at',
		'meetings.updated_at',
		'series.title as seriesTitle',
		'series.language',
		'series.meeting_noun',
		'series.organizer_name',
		'series.organizer_email',
		'series.privacy_notice'
	]);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

function toMeeting(row: MeetingRow): RegistrationMeeting {
	const { isPublished: _isPublic, ...handle } = toMeetingHandle(row);
	return {
		...handle,
		venueMode: row.venue_mode,
		venuePlatform: row.venue_platform,
		venueUrl: row.venue_url,
		venueAddress: row.venue_address,
		topicTitle: row.topic_title,
		capacity: row.capacity,
		isRegistrationOpen: fromBoolInt(row.is_registration_open),
		remindDayBefore: fromBoolInt(row.remind_day_before),
		remindHourBefore: fromBoolInt(row.remind_hour_before),
		isMeetingPublished: row.meetingPublishedAt !== null,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		seriesTitle: row.seriesTitle,
		seriesLanguage: row.language,
		meetingNoun: row.meeting_noun,
		organizerName: row.organizer_name,
		organizerEmail: row.organizer_email,
		privacyNotice: row.privacy_notice
	};
}

export async function findRegistrationMeetingById(
	db: Kysely<Database>,
	meetingId: string
): Promise<RegistrationMeeting | undefined> {
	const row = await meetingQuery(db).where('meetings.id', '=', meetingId).executeTakeFirst();
	return row && toMeeting(row);
}

/** Published meetings of a published series, for its calendar feed, in date order. */
export async function listPublishedMeetingsOfSeries(
	db: Kysely<Database>,
	seriesSlug: string
): Promise<RegistrationMeeting[]> {
	const rows = await meetingQuery(db)
		.where('series.slug', '=', seriesSlug)
		.where('meetings.published_at', 'is not', null)
		.where('series.published_at', 'is not', null)
		.orderBy('meetings.date')
		.orderBy('meetings.number')
		.execute();
	return rows.map(toMeeting);
}

/** Meetings on the given dates (ISO `YYYY-MM-DD`), for the reminder job. */
export async function listMeetingsOnDates(
	db: Kysely<Database>,
	dates: readonly string[]
): Promise<RegistrationMeeting[]> {
	if (!dates.length) return [];
	const rows = await meetingQuery(db)
		.where('meetings.date', 'in', [...dates])
		.execute();
	return rows.map(toMeeting);
}

export async function seriesIsPublished(db: Kysely<Database>, seriesSlug: string): Promise<boolean> {
	const row = await db
		.selectFrom('series')
		.select('published_at')
		.where('slug', '=', seriesSlug)
		.executeTakeFirst();
	return row !== undefined && row.published_at !== null;
}
