import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import { fromBoolInt } from '../db/booleans';
import { toRound, type RoundRow } from './breakouts-rounds';
import {
	meetingPersonColumns,
	takesPart,
	toMeetingPerson,
	toRoom,
	type MeetingPersonRow,
	type RoomRow
} from './breakouts-rooms';

/**
 * One-row lookups for the boards' actions: who the viewer is, which room is theirs, which room and
 * round a card belongs to. Each reads the few rows it needs by an index (people_user_meeting_idx,
 * breakout_room_members_person_idx, breakout_room_guests_participant_idx, the primary keys), so
 * that an action costs the same in a round of 20 people as in one of 2,000; listing everyone
 * is left to the pages that show everyone.
 */

type Db = Kysely<Database>;

/** The meeting's person (taking part) behind an account; the first by position, as on the lists. */
export async function findMeetingPersonByUser(
	db: Db,
	meetingId: string,
	userId: string
): Promise<MeetingPersonRow | undefined> {
	const row = await db
		.selectFrom('people')
		.select(meetingPersonColumns)
		.where('people.user_id', '=', userId)
		.where('people.meeting_id', '=', meetingId)
		.where(takesPart)
		.orderBy('people.position')
		.executeTakeFirst();
	return row ? toMeetingPerson(row) : undefined;
}

/** The round of the meeting by its id. */
export async function findRoundById(
	db: Db,
	meetingId: string,
	roundId: string
): Promise<RoundRow | undefined> {
	const row = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('id', '=', roundId)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return row ? toRound(row) : undefined;
}

/** The room of the round by its id (undefined: no room, or one of another round). */
export async function findRoom(db: Db, roundId: string, roomId: string): Promise<RoomRow | undefined> {
	const row = await db
		.selectFrom('breakout_rooms')
		.selectAll()
		.where('id', '=', roomId)
		.where('round_id', '=', roundId)
		.executeTakeFirst();
	return row ? toRoom(row) : undefined;
}

/**
 * The first room (by position) of the rooms a membership table puts someone in, in the round.
 * Normally one row; sorted here, not in SQL: an ORDER BY on the rooms' position makes SQLite walk
 * the round's rooms (its index gives that order) instead of the person's few memberships.
 */
function firstRoom(rows: { room_id: string; room_position: number }[]): string | undefined {
	return rows.reduce<(typeof rows)[number] | undefined>(
		(first, row) => (!first || row.room_position < first.room_position ? row : first),
		undefined
	)?.room_id;
}

/** The person's room in the round, if they are in one. */
export async function findMemberRoom(db: Db, roundId: string, personId: string): Promise<string | undefined> {
	const rows = await db
		.selectFrom('breakout_room_members')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_room_members.room_id')
		.select(['breakout_room_members.room_id', 'breakout_rooms.position as room_position'])
		.where('breakout_room_members.person_id', '=', personId)
		.where('breakout_rooms.round_id', '=', roundId)
		.execute();
	return firstRoom(rows);
}

/** The live guest's room in the round, if they are in one. */
export async function findGuestRoom(
	db: Db,
	roundId: string,
	participantId: string
): Promise<string | undefined> {
	const rows = await db
		.selectFrom('breakout_room_guests')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_room_guests.room_id')
		.select(['breakout_room_guests.room_id', 'breakout_rooms.position as room_position'])
		.where('breakout_room_guests.participant_id', '=', participantId)
		.where('breakout_rooms.round_id', '=', roundId)
		.execute();
	return firstRoom(rows);
}

/** The board a card is on: its room and round, in one query (undefined: no such card). */
export async function findCardBoard(
	db: Db,
	cardId: string
): Promise<{ round: RoundRow; room: RoomRow } | undefined> {
	const row = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.selectAll('breakout_rounds')
		.select([
			'breakout_rooms.id as room_id',
			'breakout_rooms.position as room_position',
			'breakout_rooms.name as room_name',
			'breakout_rooms.topic as room_topic',
			'breakout_rooms.cap as room_cap',
			'breakout_rooms.rapporteur_person_id as room_rapporteur_person_id'
		])
		.where('board_cards.id', '=', cardId)
		.executeTakeFirst();
	if (!row) return undefined;
	const room = toRoom({
		id: row.room_id,
		round_id: row.id,
		position: row.room_position,
		name: row.room_name,
		topic: row.room_topic,
		cap: row.room_cap,
		rapporteur_person_id: row.room_rapporteur_person_id
	});
	return { round: toRound(row), room };
}

/** A room's people in their order: who they are and whether they may be named (they take part and consented). */
export async function listRoomPeople(
	db: Db,
	roomId: string
): Promise<{ personId: string; name: string; isNameable: boolean }[]> {
	const rows = await db
		.selectFrom('breakout_room_members')
		.innerJoin('people', 'people.id', 'breakout_room_members.person_id')
		.select(['people.id', 'people.name', 'people.status', 'people.consent_participant_list'])
		.where('breakout_room_members.room_id', '=', roomId)
		.orderBy('breakout_room_members.position')
		.execute();
	return rows.map((row) => ({
		personId: row.id,
		name: row.name,
		isNameable:
			(row.status === null || row.status === REGISTRATION_STATUS.confirmed) &&
			fromBoolInt(row.consent_participant_list)
	}));
}

/** The live guests in a room, by participant id. */
export async function listRoomGuests(db: Db, roomId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('breakout_room_guests')
		.select('participant_id')
		.where('room_id', '=', roomId)
		.execute();
	return rows.map((row) => row.participant_id);
}
