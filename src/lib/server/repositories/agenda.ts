import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Agenda items of a meeting: SQL only. */

export interface AgendaItemRecord {
	id: string;
	position: number;
	start: string;
	end: string;
	kind: string;
	title: string;
	details: string[];
	/** The poll this item opens (row id), and its key as the exchange format names it. */
	pollId: string | null;
	pollKey: string | null;
	breakoutRoundId: string | null;
	speakers: { personId: string; personKey: string; name: string; organization: string | null }[];
}

/** The meeting's agenda in its order, with the speakers of each item. */
export async function listAgendaItems(db: Kysely<Database>, meetingId: string): Promise<AgendaItemRecord[]> {
	const items = await db
		.selectFrom('agenda_items')
		.leftJoin('polls', 'polls.id', 'agenda_items.poll_id')
		.select([
			'agenda_items.id',
			'agenda_items.position',
			'agenda_items.start_time',
			'agenda_items.end_time',
			'agenda_items.kind',
			'agenda_items.title',
			'agenda_items.details',
			'agenda_items.poll_id',
			'polls.poll_key',
			'agenda_items.breakout_round_id'
		])
		.where('agenda_items.meeting_id', '=', meetingId)
		.orderBy('agenda_items.position')
		.execute();
	if (!items.length) return [];
	const speakers = await db
		.selectFrom('agenda_item_speakers')
		.innerJoin('people', 'people.id', 'agenda_item_speakers.person_id')
		.select([
			'agenda_item_speakers.agenda_item_id',
			'agenda_item_speakers.position',
			'people.id as personId',
			'people.person_key',
			'people.name',
			'people.organization'
		])
		.where(
			'agenda_item_speakers.agenda_item_id',
			'in',
			items.map((item) => item.id)
		)
		.orderBy('agenda_item_speakers.position')
		.execute();
	return items.map((item) => ({
		id: item.id,
		position: item.position,
		start: item.start_time,
		end: item.end_time,
		kind: item.kind,
		title: item.title,
		details: fromJsonList(item.details),
		pollId: item.poll_id,
		pollKey: item.poll_key,
		breakoutRoundId: item.breakout_round_id,
		speakers: speakers
			.filter((speaker) => speaker.agenda_item_id === item.id)
			.map((speaker) => ({
				personId: speaker.personId,
				personKey: speaker.person_key,
				name: speaker.name,
				organization: speaker.organization
			}))
	}));
}

export interface MeetingPersonRecord {
	id: string;
	personKey: string;
	name: string;
	organization: string | null;
}

/** The meeting's people, who can be chosen as speakers. */
export async function listMeetingPeople(
	db: Kysely<Database>,
	meetingId: string
): Promise<MeetingPersonRecord[]> {
	const rows = await db
		.selectFrom('people')
		.select(['id', 'person_key', 'name', 'organization'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.orderBy('name')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		personKey: row.person_key,
		name: row.name,
		organization: row.organization
	}));
}

export interface MeetingPollRecord {
	id: string;
	key: string;
	title: string;
	state: string;
}

/** The meeting's polls, which an item of kind poll can open. */
export async function listMeetingPolls(
	db: Kysely<Database>,
	meetingId: string
): Promise<MeetingPollRecord[]> {
	const rows = await db
		.selectFrom('polls')
		.select(['id', 'poll_key', 'title', 'state'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({ id: row.id, key: row.poll_key, title: row.title, state: row.state }));
}

/** The meeting with the next lower number in the same series, if any. */
export async function findPreviousMeeting(
	db: Kysely<Database>,
	seriesId: string,
	number: number
): Promise<{ meetingId: string; number: number; start: string } | undefined> {
	const row = await db
		.selectFrom('meetings')
		.select(['id', 'number', 'start_time'])
		.where('series_id', '=', seriesId)
		.where('number', '<', number)
		.orderBy('number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row && { meetingId: row.id, number: row.number, start: row.start_time };
}

export interface NewAgendaItem {
	id: string;
	meetingId: string;
	position: number;
	start: string;
	end: string;
	kind: string;
	title: string;
	details: string[];
	/** A poll of the same meeting (the service checks), or null. */
	pollId: string | null;
}

export async function insertAgendaItem(db: Kysely<Database>, item: NewAgendaItem): Promise<void> {
	await db
		.insertInto('agenda_items')
		.values({
			id: item.id,
			meeting_id: item.meetingId,
			position: item.position,
			start_time: item.start,
			end_time: item.end,
			kind: item.kind,
			title: item.title,
			details: toJsonList(item.details),
			poll_id: item.pollId,
			breakout_round_id: null
		})
		.execute();
}

/** Changes an item's content and slot (its position is set by `updateSlots`). */
export async function updateAgendaItem(
	db: Kysely<Database>,
	meetingId: string,
	item: {
		id: string;
		start: string;
		end: string;
		kind: string;
		title: string;
		details: string[];
		pollId: string | null;
	}
): Promise<void> {
	await db
		.updateTable('agenda_items')
		.set({
			start_time: item.start,
			end_time: item.end,
			kind: item.kind,
			title: item.title,
			details: toJsonList(item.details),
			poll_id: item.pollId
		})
		.where('id', '=', item.id)
		.where('meeting_id', '=', meetingId)
		.execute();
}

export async function deleteAgendaItem(db: Kysely<Database>, meetingId: string, id: string): Promise<void> {
	await db.deleteFrom('agenda_items').where('id', '=', id).where('meeting_id', '=', meetingId).execute();
}

/** Sets position and times of each item given (one statement per item: agendas are short). */
export async function updateSlots(
	db: Kysely<Database>,
	meetingId: string,
	slots: readonly { id: string; position: number; start: string; end: string }[]
): Promise<void> {
	for (const slot of slots) {
		await db
			.updateTable('agenda_items')
			.set({ position: slot.position, start_time: slot.start, end_time: slot.end })
			.where('id', '=', slot.id)
			.where('meeting_id', '=', meetingId)
			.execute();
	}
}

/** Replaces an item's speakers with the given people, in this order. */
export async function replaceSpeakers(
	db: Kysely<Database>,
	itemId: string,
	personIds: readonly string[]
): Promise<void> {
	await db.deleteFrom('agenda_item_speakers').where('agenda_item_id', '=', itemId).execute();
	if (!personIds.length) return;
	await db
		.insertInto('agenda_item_speakers')
		.values(
			personIds.map((personId, position) => ({ agenda_item_id: itemId, person_id: personId, position }))
		)
		.execute();
}

/** Whether the agenda item is one of the meeting's (an id from a form names an item of another meeting too). */
export async function agendaItemBelongsTo(
	db: Kysely<Database>,
	meetingId: string,
	agendaItemId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('agenda_items')
		.select('id')
		.where('id', '=', agendaItemId)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return row !== undefined;
}
