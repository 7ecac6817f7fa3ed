import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';

/** Kysely queries of a live session and its participants. */

export interface LiveSessionRecord {
	meetingId: string;
	joinCode: string;
	allowsGuests: boolean;
	isActive: boolean;
	currentAgendaItemId: string | null;
	message: string | null;
	countdownEndsAt: string | null;
	resultsVisiblePollId: string | null;
	/** Of the meeting and its series, for authorization and display. */
	organizationId: string;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	number: number;
	topicTitle: string | null;
	videoUrl: string | null;
}

function sessionQuery(db: Kysely<Database>) {
	return db
		.selectFrom('live_sessions')
		.innerJoin('meetings', 'meetings.id', 'live_sessions.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'live_sessions.meeting_id',
			'live_sessions.join_code',
			'live_sessions.allows_guests',
			'live_sessions.is_active',
			'live_sessions.current_agenda_item_id',
			'live_sessions.message',
			'live_sessions.countdown_ends_at',
			'live_sessions.results_visible_poll_id',
			'series.organization_id',
			'series.slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.topic_title',
			'meetings.venue_url'
		]);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

function toSession(row: SessionRow): LiveSessionRecord {
	return {
		meetingId: row.meeting_id,
		joinCode: row.join_code,
		allowsGuests: fromBoolInt(row.allows_guests),
		isActive: fromBoolInt(row.is_active),
		currentAgendaItemId: row.current_agenda_item_id,
		message: row.message,
		countdownEndsAt: row.countdown_ends_at,
		resultsVisiblePollId: row.results_visible_poll_id,
		organizationId: row.organization_id,
		seriesSlug: row.slug,
		seriesTitle: row.series_title,
		meetingNoun: row.meeting_noun,
		number: row.number,
		topicTitle: row.topic_title,
		videoUrl: row.venue_url
	};
}

export async function findSessionByCode(db: Kysely<Database>, code: string) {
	const row = await sessionQuery(db).where('live_sessions.join_code', '=', code).executeTakeFirst();
	return row ? toSession(row) : undefined;
}

export async function findSessionByMeeting(db: Kysely<Database>, meetingId: string) {
	const row = await sessionQuery(db).where('live_sessions.meeting_id', '=', meetingId).executeTakeFirst();
	return row ? toSession(row) : undefined;
}

export async function isJoinCodeTaken(db: Kysely<Database>, code: string): Promise<boolean> {
	const row = await db
		.selectFrom('live_sessions')
		.select('meeting_id')
		.where('join_code', '=', code)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insertSession(
	db: Kysely<Database>,
	values: { meetingId: string; joinCode: string; allowsGuests: boolean; now: string }
): Promise<void> {
	await db
		.insertInto('live_sessions')
		.values({
			meeting_id: values.meetingId,
			join_code: values.joinCode,
			allows_guests: toBoolInt(values.allowsGuests),
			is_active: 1,
			current_agenda_item_id: null,
			message: null,
			countdown_ends_at: null,
			results_visible_poll_id: null,
			started_at: values.now,
			updated_at: values.now
		})
		.execute();
}

export interface SessionChange {
	isActive?: boolean;
	allowsGuests?: boolean;
	currentAgendaItemId?: string | null;
	message?: string | null;
	countdownEndsAt?: string | null;
	resultsVisiblePollId?: string | null;
}

export async function updateSession(
	db: Kysely<Database>,
	meetingId: string,
	change: SessionChange,
	now: string
): Promise<void> {
	await db
		.updateTable('live_sessions')
		.set({
			...(change.isActive === undefined ? {} : { is_active: toBoolInt(change.isActive) }),
			...(change.allowsGuests === undefined ? {} : { allows_guests: toBoolInt(change.allowsGuests) }),
			...(change.currentAgendaItemId === undefined
				? {}
				: { current_agenda_item_id: change.currentAgendaItemId }),
			...(change.message === undefined ? {} : { message: change.message }),
			...(change.countdownEndsAt === undefined ? {} : { countdown_ends_at: change.countdownEndsAt }),
			...(change.resultsVisiblePollId === undefined
				? {}
				: { results_visible_poll_id: change.resultsVisiblePollId }),
			updated_at: now
		})
		.where('meeting_id', '=', meetingId)
		.execute();
}

export interface ParticipantRecord {
	id: string;
	meetingId: string;
	displayName: string;
	userId: string | null;
}

export async function insertParticipant(
	db: Kysely<Database>,
	values: {
		meetingId: string;
		displayName: string;
		userId: string | null;
		tokenHash: string | null;
		now: string;
	}
): Promise<ParticipantRecord> {
	const id = randomUUID();
	await db
		.insertInto('live_participants')
		.values({
			id,
			meeting_id: values.meetingId,
			display_name: values.displayName,
			user_id: values.userId,
			token_hash: values.tokenHash,
			created_at: values.now
		})
		.execute();
	return { id, meetingId: values.meetingId, displayName: values.displayName, userId: values.userId };
}

const participantColumns = [
	'id',
	'meeting_id as meetingId',
	'display_name as displayName',
	'user_id as userId'
] as const;

export async function findParticipantByToken(db: Kysely<Database>, meetingId: string, tokenHash: string) {
	return db
		.selectFrom('live_participants')
		.select(participantColumns)
		.where('meeting_id', '=', meetingId)
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst() as Promise<ParticipantRecord | undefined>;
}

export async function findParticipantByUser(db: Kysely<Database>, meetingId: string, userId: string) {
	return db
		.selectFrom('live_participants')
		.select(participantColumns)
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.executeTakeFirst() as Promise<ParticipantRecord | undefined>;
}

export async function countParticipants(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('live_participants')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
