import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromJsonList } from '../db/json-columns';

/** Agenda items of a meeting: SQL only. */

export interface AgendaItemRecord {
	id: string;
	position: number;
	start: string;
	end: string;
	kind: string;
	title: string;
	details: string[];
	pollId: string | null;
	breakoutRoundId: string | null;
	speakers: { personId: string; personKey: string; name: string; organization: string | null }[];
}

/** The meeting's agenda in its order, with the speakers of each item. */
export async function listAgendaItems(db: Kysely<Database>, meetingId: string): Promise<AgendaItemRecord[]> {
	const items = await db
		.selectFrom('agenda_items')
		.select([
			'id',
			'position',
			'start_time',
			'end_time',
			'kind',
			'title',
			'details',
			'poll_id',
			'breakout_round_id'
		])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
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
