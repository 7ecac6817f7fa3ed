import type { Kysely } from 'kysely';
import {
	assignMixed,
	assignRandom,
	assignRemaining,
	choose,
	type Assignment,
	type RoomState
} from '../../domain/breakouts/assignment';
import { isAssignmentMode, roomCountFor, type AssignmentMode } from '../../domain/breakouts/config';
import { seededRandom, seedFrom } from '../../domain/breakouts/random';
import { conflict, forbidden, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import type { MeetingAddress } from '../../domain/meeting-address';
import { RunAssignment, MovePerson, PlaceLateJoiner, ChooseRoom, UpdateRoom } from './breakouts-schemas';
import { boardMeeting, meetingToManage, roundOf, ownPerson } from './breakouts-access';
import { reconcileRooms } from './breakouts-rounds';
import { publishState } from './live-state';
import type { LiveBus } from '../live/bus';
import {
	addPlacement,
	clearPlacements,
	guestOf,
	listPlaceable,
	placeLate,
	removePlacement,
	roomStates
} from './breakouts-placement';

/**
 * Breakout rounds: assigning people to rooms, moving them, late joiners, rooms, choosing a room.
 * The live session's guests are placed with the people (breakouts-placement.ts: `guest:` keys).
 */

/**
 * Runs the round's assignment in one transaction. random, mixed and manual (as a starting point
 * to move people from) deal everyone anew into as many rooms as the sizing asks; self-chosen
 * keeps every pick and places only those who did not pick, into rooms with space.
 */
export async function runAssignment(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<{ assigned: number; unplaced: number }> {
	const handle = await meetingToManage(db, actor, address);
	const { round: key, seed } = parseOrThrow(RunAssignment, input);
	const result = await db
		.transaction()
		.execute(async (trx) =>
			assignInTransaction(trx, handle.meetingId, await roundOf(trx, handle, key), seed)
		);
	await announce(db, bus, handle);
	return result;
}

/**
 * Tells the live session that people were placed or moved (a `state` with the new assignment
 * revision: the participants' streams read their rooms again). Nothing without a bus or a session.
 */
async function announce(
	db: Kysely<Database>,
	bus: LiveBus | undefined,
	handle: MeetingHandle
): Promise<void> {
	if (bus) await publishState(bus, handle.meetingId);
}

/** The assignment of runAssignment, in the caller's transaction (also when a round starts live). */
export async function assignInTransaction(
	trx: Kysely<Database>,
	meetingId: string,
	round: repo.RoundRow,
	seed?: number
): Promise<{ assigned: number; unplaced: number }> {
	const run = await repo.countAssignmentRun(trx, round.id);
	const random = seededRandom(seed ?? seedFrom(`${round.id}:${run}:${Date.now()}`));
	const people = await listPlaceable(trx, meetingId);
	const mode: AssignmentMode = isAssignmentMode(round.mode) ? round.mode : 'random';
	await repo.bumpAssignmentRevision(trx, round.id);
	let assignment: Assignment;
	if (mode === 'self') {
		const rooms = await roomStates(trx, round.id, people);
		if (!rooms.length) throw validationFailed([problem('round', 'breakouts.noRooms')]);
		const placed = new Set(rooms.flatMap((room) => room.members.map((member) => member.id)));
		assignment = assignRemaining(
			people.filter((person) => !placed.has(person.id)),
			rooms,
			random
		);
		for (const [key, roomId] of assignment) await addPlacement(trx, roomId, key);
		return {
			assigned: placed.size + assignment.size,
			unplaced: people.length - placed.size - assignment.size
		};
	}
	const sizing =
		round.roomCount !== null
			? ({ kind: 'count', rooms: round.roomCount } as const)
			: ({ kind: 'size', perRoom: round.roomSize ?? 5 } as const);
	const rooms = await reconcileRooms(trx, round.id, roomCountFor(sizing, people.length));
	const roomIds = rooms.map((room) => room.id);
	assignment =
		mode === 'mixed' ? assignMixed(people, roomIds, random) : assignRandom(people, roomIds, random);
	await clearPlacements(trx, round.id);
	for (const person of people) await addPlacement(trx, assignment.get(person.id)!, person.id);
	// A rapporteur who is no longer in their room is no longer its rapporteur.
	for (const room of rooms) {
		if (room.rapporteurPersonId && assignment.get(room.rapporteurPersonId) !== room.id) {
			await repo.updateRoom(trx, room.id, { ...room, rapporteurPersonId: null });
		}
	}
	return { assigned: assignment.size, unplaced: 0 };
}

async function roomOf(
	db: Kysely<Database>,
	round: repo.RoundRow,
	roomId: string,
	field = 'roomId'
): Promise<repo.RoomRow> {
	const room = (await repo.listRooms(db, round.id)).find((entry) => entry.id === roomId);
	if (!room) throw validationFailed([problem(field, 'breakouts.roomNotFound')]);
	return room;
}

/** Checks that the key names a person of the meeting or a guest of its live session. */
async function checkPlaceable(db: Kysely<Database>, handle: MeetingHandle, key: string): Promise<void> {
	if (!(await listPlaceable(db, handle.meetingId)).some((entry) => entry.id === key))
		throw validationFailed([problem('personId', 'breakouts.personNotFound')]);
}

/** Puts a person (by hand) into a room, or out of every room; caps do not bind the organizer. */
async function movePersonIn(
	trx: Kysely<Database>,
	round: repo.RoundRow,
	personId: string,
	roomId: string | undefined
): Promise<void> {
	await removePlacement(trx, round.id, personId);
	for (const room of await repo.listRooms(trx, round.id)) {
		if (room.rapporteurPersonId === personId && room.id !== roomId) {
			await repo.updateRoom(trx, room.id, { ...room, rapporteurPersonId: null });
		}
	}
	if (roomId) await addPlacement(trx, roomId, personId);
	await repo.bumpAssignmentRevision(trx, round.id);
}

export async function movePerson(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const { round: key, personId, roomId } = parseOrThrow(MovePerson, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await checkPlaceable(trx, handle, personId);
		if (roomId) await roomOf(trx, round, roomId);
		await movePersonIn(trx, round, personId, roomId);
	});
	await announce(db, bus, handle);
}

/**
 * Places someone who arrived after the assignment by the round's rule: the smallest room
 * (random), the best-spreading of the smallest rooms (mixed), their pick if it has space (self).
 * A manual round, or a full choice, is a validation problem: the organizer places them by hand.
 */
export async function placeLateJoiner(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<{ roomId: string }> {
	const handle = await meetingToManage(db, actor, address);
	const { round: key, personId, roomId: choice } = parseOrThrow(PlaceLateJoiner, input);
	const placed = await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		const everyone = await listPlaceable(trx, handle.meetingId);
		if (!everyone.some((entry) => entry.id === personId))
			throw validationFailed([problem('personId', 'breakouts.personNotFound')]);
		const { roomId } = await placeLate(trx, round, everyone, personId, choice);
		if (!roomId)
			throw validationFailed([
				problem('roomId', round.mode === 'self' ? 'breakouts.roomFull' : 'breakouts.placeByHand')
			]);
		return { roomId };
	});
	await announce(db, bus, handle);
	return placed;
}

export async function updateRoom(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(UpdateRoom, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, parsed.round);
		await roomOf(trx, round, parsed.roomId);
		if (parsed.rapporteurPersonId) {
			const members = await repo.listMembers(trx, round.id);
			if (
				guestOf(parsed.rapporteurPersonId) ||
				!members.some((m) => m.roomId === parsed.roomId && m.personId === parsed.rapporteurPersonId)
			) {
				throw validationFailed([problem('rapporteurPersonId', 'breakouts.rapporteurNotMember')]);
			}
		}
		await repo.updateRoom(trx, parsed.roomId, {
			name: parsed.name,
			topic: parsed.topic ?? null,
			cap: parsed.cap ?? null,
			rapporteurPersonId: parsed.rapporteurPersonId ?? null
		});
	});
}

/** A participant picks a room of a self-chosen round by its topic, within the room's cap. */
export async function chooseRoom(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const handle = await boardMeeting(db, actor, address);
	const person = await ownPerson(db, actor, handle);
	if (!person) throw forbidden();
	const { round: key, roomId } = parseOrThrow(ChooseRoom, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		if (round.mode !== 'self') throw conflict('breakouts.notSelfChosen');
		// Under the round's lock: two people cannot both take a room's last place.
		await repo.lockRound(trx, round.id);
		const room = await roomOf(trx, round, roomId);
		const members = (await repo.listMembers(trx, round.id)).filter((m) => m.roomId === room.id);
		const state: RoomState = {
			id: room.id,
			cap: room.cap,
			members: members.map((m) => ({ id: m.personId, district: null, organizationKind: null }))
		};
		if (choose(state, person.id) === 'full')
			throw validationFailed([problem('roomId', 'breakouts.roomFull')]);
		if (!members.some((m) => m.personId === person.id)) await movePersonIn(trx, round, person.id, room.id);
	});
	await announce(db, bus, handle);
}
