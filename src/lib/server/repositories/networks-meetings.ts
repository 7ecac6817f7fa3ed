import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The meetings (and agenda items) where a directory entry was presented, and the choices for linking one. */

export interface EntryMeetingRow {
	meeting_id: string;
	series_slug: string;
	series_title: string;
	meeting_noun: string;
	number: number;
	topic_title: string | null;
	date: string;
	published_at: string | null;
	series_published_at: string | null;
	agenda_item_id: string | null;
	agenda_item_title: string | null;
}

export async function meetingsOfEntry(db: Kysely<Database>, networkId: string): Promise<EntryMeetingRow[]> {
	return db
		.selectFrom('meeting_networks')
		.innerJoin('meetings', 'meetings.id', 'meeting_networks.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.leftJoin('agenda_items', 'agenda_items.id', 'meeting_networks.agenda_item_id')
		.select([
			'agenda_items.id as agenda_item_id',
			'agenda_items.title as agenda_item_title',
			'meetings.id as meeting_id',
			'series.slug as series_slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.topic_title',
			'meetings.date',
			'meetings.published_at',
			'series.published_at as series_published_at'
		])
		.where('meeting_networks.network_id', '=', networkId)
		.orderBy('meetings.date')
		.execute();
}

export async function linkMeeting(
	db: Kysely<Database>,
	networkId: string,
	meetingId: string,
	agendaItemId: string | null = null
): Promise<boolean> {
	const existing = await db
		.selectFrom('meeting_networks')
		.select(['position', 'agenda_item_id'])
		.where('meeting_id', '=', meetingId)
		.where('network_id', '=', networkId)
		.executeTakeFirst();
	if (existing) {
		if (agendaItemId === null || existing.agenda_item_id === agendaItemId) return false;
		await db
			.updateTable('meeting_networks')
			.set({ agenda_item_id: agendaItemId })
			.where('meeting_id', '=', meetingId)
			.where('network_id', '=', networkId)
			.execute();
		return true;
	}
	const last = await db
		.selectFrom('meeting_networks')
		.select((eb) => eb.fn.max('position').as('position'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
	await db
		.insertInto('meeting_networks')
		.values({ meeting_id: meetingId, network_id: networkId, position, agenda_item_id: agendaItemId })
		.execute();
	return true;
}

export async function unlinkMeeting(
	db: Kysely<Database>,
	networkId: string,
	meetingId: string
): Promise<void> {
	await db
		.deleteFrom('meeting_networks')
		.where('meeting_id', '=', meetingId)
		.where('network_id', '=', networkId)
		.execute();
}

/** Moves the duplicate's meeting links to the kept entry (skipping meetings it already names). */
export async function moveMeetingLinks(db: Kysely<Database>, fromId: string, toId: string): Promise<void> {
	const links = await db
		.selectFrom('meeting_networks')
		.select(['meeting_id', 'agenda_item_id'])
		.where('network_id', '=', fromId)
		.execute();
	for (const link of links) await linkMeeting(db, toId, link.meeting_id, link.agenda_item_id);
	await db.deleteFrom('meeting_networks').where('network_id', '=', fromId).execute();
}

/** A meeting by its series slug and number, for linking. */
export async function findMeetingId(
	db: Kysely<Database>,
	seriesSlug: string,
	number: number
): Promise<string | undefined> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select('meetings.id')
		.where('series.slug', '=', seriesSlug)
		.where('meetings.number', '=', number)
		.executeTakeFirst();
	return row?.id;
}

/** Every meeting, newest first, for the organizers' "presented at" choice. */
export async function listMeetingsForLinking(db: Kysely<Database>): Promise<
	{
		id: string;
		series_slug: string;
		series_title: string;
		meeting_noun: string;
		number: number;
		date: string;
	}[]
> {
	return db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id',
			'series.slug as series_slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.date'
		])
		.orderBy('meetings.date', 'desc')
		.execute();
}

/** The agenda items of the meetings, for the "presented at" choice. */
export async function listAgendaItemsForLinking(
	db: Kysely<Database>
): Promise<{ id: string; meeting_id: string; title: string; start_time: string }[]> {
	return db
		.selectFrom('agenda_items')
		.select(['id', 'meeting_id', 'title', 'start_time'])
		.orderBy('meeting_id')
		.orderBy('position')
		.execute();
}

/** Whether the meeting exists, and the agenda item (when given) belongs to it. */
export async function meetingExists(db: Kysely<Database>, meetingId: string): Promise<boolean> {
	const row = await db.selectFrom('meetings').select('id').where('id', '=', meetingId).executeTakeFirst();
	return row !== undefined;
}
