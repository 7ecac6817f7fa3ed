import type { Kysely } from 'kysely';
import { fromJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';

/** What a good practice entry is made from in one meeting: its talks, breakout cards and network entries: SQL only. */

export interface TalkSource {
	id: string;
	title: string;
	details: string[];
	speakers: { name: string; organization: string | null }[];
	attachmentIds: string[];
}

/** The meeting's agenda items (talks) with their speakers and the attachments (slides) they carry. */
export async function listTalkSources(db: Kysely<Database>, meetingId: string): Promise<TalkSource[]> {
	const [items, speakers, attachments] = await Promise.all([
		db
			.selectFrom('agenda_items')
			.select(['id', 'title', 'details', 'kind'])
			.where('meeting_id', '=', meetingId)
			.orderBy('position')
			.execute(),
		db
			.selectFrom('agenda_item_speakers')
			.innerJoin('people', 'people.id', 'agenda_item_speakers.person_id')
			.innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_speakers.agenda_item_id')
			.select(['agenda_item_speakers.agenda_item_id', 'people.name', 'people.organization'])
			.where('agenda_items.meeting_id', '=', meetingId)
			.orderBy('agenda_item_speakers.position')
			.execute(),
		db
			.selectFrom('attachments')
			.select(['id', 'agenda_item_id'])
			.where('meeting_id', '=', meetingId)
			.where('agenda_item_id', 'is not', null)
			.orderBy('position')
			.execute()
	]);
	return items.map((item) => ({
		id: item.id,
		title: item.title,
		details: fromJsonList(item.details),
		speakers: speakers
			.filter((speaker) => speaker.agenda_item_id === item.id)
			.map((speaker) => ({ name: speaker.name, organization: speaker.organization })),
		attachmentIds: attachments.filter((entry) => entry.agenda_item_id === item.id).map((entry) => entry.id)
	}));
}

export interface CardSource {
	id: string;
	text: string;
	roundTitle: string;
	roomName: string;
}

export async function listCardSources(db: Kysely<Database>, meetingId: string): Promise<CardSource[]> {
	const rows = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['board_cards.id', 'board_cards.text', 'breakout_rounds.title', 'breakout_rooms.name'])
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('breakout_rounds.position')
		.orderBy('breakout_rooms.position')
		.orderBy('board_cards.position')
		.execute();
	return rows.map((row) => ({ id: row.id, text: row.text, roundTitle: row.title, roomName: row.name }));
}

export interface NetworkSource {
	id: string;
	name: string;
	description: string | null;
	origin: string | null;
	municipality: string | null;
	ags: string | null;
	contactName: string | null;
	contactEmail: string | null;
}

/** The network entries presented at the meeting. */
export async function listNetworkSources(db: Kysely<Database>, meetingId: string): Promise<NetworkSource[]> {
	const rows = await db
		.selectFrom('meeting_networks')
		.innerJoin('networks', 'networks.id', 'meeting_networks.network_id')
		.select([
			'networks.id',
			'networks.name',
			'networks.description',
			'networks.origin',
			'networks.municipality',
			'networks.ags',
			'networks.contact_name',
			'networks.contact_email'
		])
		.where('meeting_networks.meeting_id', '=', meetingId)
		.orderBy('meeting_networks.position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		description: row.description,
		origin: row.origin,
		municipality: row.municipality,
		ags: row.ags,
		contactName: row.contact_name,
		contactEmail: row.contact_email
	}));
}
