import type { Kysely } from 'kysely';
import type { Database, MeetingTable } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';
import { setPublishedAt } from './publication';

/** Meetings of a series and their credits (moderation, documentation): SQL only. */

export type VenueMode = 'online' | 'in-person' | 'hybrid';
export type CreditRole = 'moderation' | 'documentation';

export interface MeetingFields {
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	venueMode: VenueMode;
	venuePlatform: string | null;
	venueUrl: string | null;
	venueAddress: string | null;
	topicTitle: string | null;
	topicSummary: string[];
	topicGuidingQuestions: string[];
	outlookText: string[];
	topicWishesContact: string | null;
}

export interface MeetingRecord extends MeetingFields {
	id: string;
	seriesId: string;
	publishedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface CreditRecord {
	role: CreditRole;
	personKey: string;
	name: string;
	organization: string | null;
}

const meetingColumns = [
	'id',
	'series_id',
	'number',
	'date',
	'start_time',
	'end_time',
	'time_zone',
	'venue_mode',
	'venue_platform',
	'venue_url',
	'venue_address',
	'topic_title',
	'topic_summary',
	'topic_guiding_questions',
	'outlook_text',
	'topic_wishes_contact',
	'published_at',
	'created_at',
	'updated_at'
] as const;

type MeetingSelection = Pick<MeetingTable, (typeof meetingColumns)[number]>;

function toRecord(row: MeetingSelection): MeetingRecord {
	return {
		id: row.id,
		seriesId: row.series_id,
		number: row.number,
		date: row.date,
		start: row.start_time,
		end: row.end_time,
		timeZone: row.time_zone,
		venueMode: row.venue_mode as VenueMode,
		venuePlatform: row.venue_platform,
		venueUrl: row.venue_url,
		venueAddress: row.venue_address,
		topicTitle: row.topic_title,
		topicSummary: fromJsonList(row.topic_summary),
		topicGuidingQuestions: fromJsonList(row.topic_guiding_questions),
		outlookText: fromJsonList(row.outlook_text),
		topicWishesContact: row.topic_wishes_contact,
		publishedAt: row.published_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function toColumns(fields: MeetingFields) {
	return {
		number: fields.number,
		date: fields.date,
		start_time: fields.start,
		end_time: fields.end,
		time_zone: fields.timeZone,
		venue_mode: fields.venueMode,
		venue_platform: fields.venuePlatform,
		venue_url: fields.venueUrl,
		venue_address: fields.venueAddress,
		topic_title: fields.topicTitle,
		topic_summary: toJsonList(fields.topicSummary),
		topic_guiding_questions: toJsonList(fields.topicGuidingQuestions),
		outlook_text: toJsonList(fields.outlookText),
		topic_wishes_contact: fields.topicWishesContact
	};
}

/** The series' meetings by number; `publishedOnly` leaves out drafts. */
export async function listMeetings(
	db: Kysely<Database>,
	seriesId: string,
	options: { publishedOnly: boolean }
): Promise<MeetingRecord[]> {
	let query = db.selectFrom('meetings').select(meetingColumns).where('series_id', '=', seriesId);
	if (options.publishedOnly) query = query.where('published_at', 'is not', null);
	const rows = await query.orderBy('number').execute();
	return rows.map(toRecord);
}

export async function findMeeting(
	db: Kysely<Database>,
	seriesId: string,
	number: number
): Promise<MeetingRecord | undefined> {
	const row = await db
		.selectFrom('meetings')
		.select(meetingColumns)
		.where('series_id', '=', seriesId)
		.where('number', '=', number)
		.executeTakeFirst();
	return row && toRecord(row);
}

/** One more than the highest number in the series (1 for the first meeting). */
export async function nextFreeNumber(db: Kysely<Database>, seriesId: string): Promise<number> {
	const row = await db
		.selectFrom('meetings')
		.select((eb) => eb.fn.max('number').as('highest'))
		.where('series_id', '=', seriesId)
		.executeTakeFirst();
	return Number(row?.highest ?? 0) + 1;
}

export async function isNumberTaken(
	db: Kysely<Database>,
	seriesId: string,
	number: number,
	exceptId?: string
): Promise<boolean> {
	let query = db
		.selectFrom('meetings')
		.select('id')
		.where('series_id', '=', seriesId)
		.where('number', '=', number);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

export async function insertMeeting(
	db: Kysely<Database>,
	meeting: { id: string; seriesId: string; now: string; fields: MeetingFields }
): Promise<void> {
	await db
		.insertInto('meetings')
		.values({
			id: meeting.id,
			series_id: meeting.seriesId,
			...toColumns(meeting.fields),
			findings: toJsonList([]),
			published_at: null,
			created_at: meeting.now,
			updated_at: meeting.now
		})
		.execute();
}

export async function updateMeeting(
	db: Kysely<Database>,
	id: string,
	fields: MeetingFields,
	now: string
): Promise<void> {
	await db
		.updateTable('meetings')
		.set({ ...toColumns(fields), updated_at: now })
		.where('id', '=', id)
		.execute();
}

export async function setMeetingPublishedAt(
	db: Kysely<Database>,
	id: string,
	publishedAt: string | null,
	now: string
): Promise<void> {
	await setPublishedAt(db, 'meetings', id, publishedAt, now);
}

/** The meeting's credits, per role in their order. */
export async function listCredits(db: Kysely<Database>, meetingId: string): Promise<CreditRecord[]> {
	const rows = await db
		.selectFrom('meeting_credits')
		.select(['role', 'person_key', 'name', 'organization'])
		.where('meeting_id', '=', meetingId)
		.orderBy('role')
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		role: row.role as CreditRole,
		personKey: row.person_key,
		name: row.name,
		organization: row.organization
	}));
}

/** Replaces the credits of one role (call inside a transaction). */
export async function replaceCredits(
	db: Kysely<Database>,
	meetingId: string,
	role: CreditRole,
	credits: readonly { id: string; personKey: string; name: string; organization: string | null }[]
): Promise<void> {
	await db
		.deleteFrom('meeting_credits')
		.where('meeting_id', '=', meetingId)
		.where('role', '=', role)
		.execute();
	if (!credits.length) return;
	await db
		.insertInto('meeting_credits')
		.values(
			credits.map((credit, position) => ({
				id: credit.id,
				meeting_id: meetingId,
				role,
				position,
				person_key: credit.personKey,
				name: credit.name,
				organization: credit.organization
			}))
		)
		.execute();
}

/** Follows a person's new key, name and organization in every credit that names them. */
export async function renameCredits(
	db: Kysely<Database>,
	meetingId: string,
	oldKey: string,
	person: { personKey: string; name: string; organization: string | null }
): Promise<void> {
	await db
		.updateTable('meeting_credits')
		.set({ person_key: person.personKey, name: person.name, organization: person.organization })
		.where('meeting_id', '=', meetingId)
		.where('person_key', '=', oldKey)
		.execute();
}

export async function deleteCreditsOf(
	db: Kysely<Database>,
	meetingId: string,
	personKey: string
): Promise<void> {
	await db
		.deleteFrom('meeting_credits')
		.where('meeting_id', '=', meetingId)
		.where('person_key', '=', personKey)
		.execute();
}

/** Deletes a meeting; its rows in every meeting table go with it (foreign keys cascade). */
export async function deleteMeeting(db: Kysely<Database>, meetingId: string): Promise<void> {
	await db.deleteFrom('meetings').where('id', '=', meetingId).execute();
}
