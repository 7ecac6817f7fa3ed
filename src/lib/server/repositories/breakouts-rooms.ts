import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { BreakoutRoomTable, Database } from '../db/schema';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import { fromBoolInt } from '../db/booleans';

/** Breakout rooms, their members (people of the meeting) and who may be placed in them: Kysely queries only. */

export interface RoomRow {
	id: string;
	roundId: string;
	position: number;
	name: string;
	topic: string | null;
	cap: number | null;
	rapporteurPersonId: string | null;
}

export interface MemberRow {
	roomId: string;
	personId: string;
	position: number;
}

export interface MeetingPersonRow {
	id: string;
	name: string;
	organization: string | null;
	email: string | null;
	ags: string | null;
	userId: string | null;
	hasListConsent: boolean;
}

type Db = Kysely<Database>;

export function toRoom(row: Selectable<BreakoutRoomTable>): RoomRow {
	return {
		id: row.id,
		roundId: row.round_id,
		position: row.position,
		name: row.name,
		topic: row.topic,
		cap: row.cap,
		rapporteurPersonId: row.rapporteur_person_id
	};
}

export async function listRooms(db: Db, roundId: string): Promise<RoomRow[]> {
	const rows = await db
		.selectFrom('breakout_rooms')
		.selectAll()
		.where('round_id', '=', roundId)
		.orderBy('position')
		.execute();
	return rows.map(toRoom);
}

export async function insertRoom(db: Db, room: RoomRow): Promise<void> {
	await db
		.insertInto('breakout_rooms')
		.values({
			id: room.id,
			round_id: room.roundId,
			position: room.position,
			name: room.name,
			topic: room.topic,
			cap: room.cap,
			rapporteur_person_id: room.rapporteurPersonId
		})
		.execute();
}

export async function updateRoom(
	db: Db,
	roomId: string,
	fields: { name: string; topic: string | null; cap: number | null; rapporteurPersonId: string | null }
): Promise<void> {
	await db
		.updateTable('breakout_rooms')
		.set({
			name: fields.name,
			topic: fields.topic,
			cap: fields.cap,
			rapporteur_person_id: fields.rapporteurPersonId
		})
		.where('id', '=', roomId)
		.execute();
}

export async function deleteRoom(db: Db, roomId: string): Promise<void> {
	await db.deleteFrom('breakout_rooms').where('id', '=', roomId).execute();
}

export async function listMembers(db: Db, roundId: string): Promise<MemberRow[]> {
	const rows = await db
		.selectFrom('breakout_room_members')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_room_members.room_id')
		.select([
			'breakout_room_members.room_id',
			'breakout_room_members.person_id',
			'breakout_room_members.position'
		])
		.where('breakout_rooms.round_id', '=', roundId)
		.orderBy('breakout_rooms.position')
		.orderBy('breakout_room_members.position')
		.execute();
	return rows.map((row) => ({ roomId: row.room_id, personId: row.person_id, position: row.position }));
}

/** Takes the person out of every room of the round. */
export async function removeMember(db: Db, roundId: string, personId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_members')
		.where('person_id', '=', personId)
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export async function clearMembers(db: Db, roundId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_members')
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export async function addMember(db: Db, roomId: string, personId: string): Promise<void> {
	const last = await db
		.selectFrom('breakout_room_members')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('room_id', '=', roomId)
		.executeTakeFirst();
	await db
		.insertInto('breakout_room_members')
		.values({ room_id: roomId, person_id: personId, position: Number(last?.max ?? -1) + 1 })
		.execute();
}

/** A person takes part when not cancelled, waiting, pending or only invited (imported: no status). */
export const takesPart = (eb: ExpressionBuilder<Database, 'people'>) =>
	eb.or([eb('people.status', 'is', null), eb('people.status', '=', REGISTRATION_STATUS.confirmed)]);

export const meetingPersonColumns = [
	'people.id',
	'people.name',
	'people.organization',
	'people.email',
	'people.ags',
	'people.user_id',
	'people.consent_participant_list'
] as const;

export function toMeetingPerson(row: {
	id: string;
	name: string;
	organization: string | null;
	email: string | null;
	ags: string | null;
	user_id: string | null;
	consent_participant_list: number;
}): MeetingPersonRow {
	return {
		id: row.id,
		name: row.name,
		organization: row.organization,
		email: row.email,
		ags: row.ags,
		userId: row.user_id,
		hasListConsent: fromBoolInt(row.consent_participant_list)
	};
}

/**
 * The meeting's people who take part: not cancelled, waiting, pending or only invited
 * (imported people without a registration status take part).
 */
export async function listMeetingPeople(db: Db, meetingId: string): Promise<MeetingPersonRow[]> {
	const rows = await db
		.selectFrom('people')
		.select(meetingPersonColumns)
		.where('meeting_id', '=', meetingId)
		.where(takesPart)
		.orderBy('position')
		.execute();
	return rows.map(toMeetingPerson);
}

// Guests: live participants without a person row

export interface GuestMemberRow {
	roomId: string;
	participantId: string;
	position: number;
}

export async function listGuestMembers(db: Db, roundId: string): Promise<GuestMemberRow[]> {
	const rows = await db
		.selectFrom('breakout_room_guests')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_room_guests.room_id')
		.select([
			'breakout_room_guests.room_id',
			'breakout_room_guests.participant_id',
			'breakout_room_guests.position'
		])
		.where('breakout_rooms.round_id', '=', roundId)
		.orderBy('breakout_rooms.position')
		.orderBy('breakout_room_guests.position')
		.execute();
	return rows.map((row) => ({
		roomId: row.room_id,
		participantId: row.participant_id,
		position: row.position
	}));
}

export async function addGuestMember(db: Db, roomId: string, participantId: string): Promise<void> {
	const last = await db
		.selectFrom('breakout_room_guests')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('room_id', '=', roomId)
		.executeTakeFirst();
	await db
		.insertInto('breakout_room_guests')
		.values({ room_id: roomId, participant_id: participantId, position: Number(last?.max ?? -1) + 1 })
		.execute();
}

/** Takes the guest out of every room of the round. */
export async function removeGuestMember(db: Db, roundId: string, participantId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_guests')
		.where('participant_id', '=', participantId)
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export async function clearGuestMembers(db: Db, roundId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_guests')
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export interface SessionGuestRow {
	id: string;
	displayName: string;
}

/**
 * The live session's participants who are no person of the meeting: guests who joined by code,
 * and signed-in users without a registration (a registered user is placed as their person).
 * Those who run the meeting (its moderators, its organization's organizers, admins) are never
 * placed: the live page joins them as participants, but they watch every room.
 */
export async function listSessionGuests(db: Db, meetingId: string): Promise<SessionGuestRow[]> {
	const rows = await db
		.selectFrom('live_participants')
		.select(['live_participants.id', 'live_participants.display_name'])
		.where('live_participants.meeting_id', '=', meetingId)
		.where((eb) =>
			eb.or([
				eb('live_participants.user_id', 'is', null),
				eb.and([
					eb.not(
						eb.exists(
							eb
								.selectFrom('people')
								.select('people.id')
								.whereRef('people.user_id', '=', 'live_participants.user_id')
								.where('people.meeting_id', '=', meetingId)
								.where((inner) =>
									inner.or([
										inner('people.status', 'is', null),
										inner('people.status', '=', REGISTRATION_STATUS.confirmed)
									])
								)
						)
					),
					eb.not(
						eb.exists(
							eb
								.selectFrom('meeting_roles')
								.select('meeting_roles.user_id')
								.whereRef('meeting_roles.user_id', '=', 'live_participants.user_id')
								.where('meeting_roles.meeting_id', '=', meetingId)
						)
					),
					eb.not(
						eb.exists(
							eb
								.selectFrom('memberships')
								.innerJoin('series', 'series.organization_id', 'memberships.organization_id')
								.innerJoin('meetings', 'meetings.series_id', 'series.id')
								.select('memberships.user_id')
								.whereRef('memberships.user_id', '=', 'live_participants.user_id')
								.where('meetings.id', '=', meetingId)
						)
					),
					eb.not(
						eb.exists(
							eb
								.selectFrom('users')
								.select('users.id')
								.whereRef('users.id', '=', 'live_participants.user_id')
								.where('users.is_admin', '=', 1)
						)
					)
				])
			])
		)
		.orderBy('live_participants.created_at')
		.orderBy('live_participants.id')
		.execute();
	return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
