import type { Kysely } from 'kysely';
import {
	districtOf,
	organizationKindOf,
	placeLateJoiner as placeByRule,
	type AssignablePerson,
	type RoomState
} from '../../domain/breakouts/assignment';
import { isAssignmentMode, type AssignmentMode } from '../../domain/breakouts/config';
import { seededRandom, seedFrom } from '../../domain/breakouts/random';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';

/**
 * Who can be placed in a round's rooms, in one key space for the assignment rules: the meeting's
 * people by their person id, and the live session's guests (live participants without a person
 * row) as `guest:` + their participant id. Guests have no district or organization, so the mixed
 * rule spreads them only by room size.
 */

const GUEST_PREFIX = 'guest:';

export function guestKey(participantId: string): string {
	return `${GUEST_PREFIX}${participantId}`;
}

/** The participant id behind a guest key, or undefined for a person id. */
export function guestOf(key: string): string | undefined {
	return key.startsWith(GUEST_PREFIX) ? key.slice(GUEST_PREFIX.length) : undefined;
}

export const assignablePerson = (person: repo.MeetingPersonRow): AssignablePerson => ({
	id: person.id,
	district: districtOf(person.ags),
	organizationKind: organizationKindOf(person.organization)
});

/** Everyone who can be placed: the meeting's people, then the live session's guests. */
export async function listPlaceable(db: Kysely<Database>, meetingId: string): Promise<AssignablePerson[]> {
	const people = (await repo.listMeetingPeople(db, meetingId)).map(assignablePerson);
	const guests = (await repo.listSessionGuests(db, meetingId)).map((guest) => ({
		id: guestKey(guest.id),
		district: null,
		organizationKind: null
	}));
	return [...people, ...guests];
}

/** Who is in which room now, people and guests, by placement key. */
export async function listPlacements(
	db: Kysely<Database>,
	roundId: string
): Promise<{ roomId: string; key: string }[]> {
	const members = (await repo.listMembers(db, roundId)).map((m) => ({ roomId: m.roomId, key: m.personId }));
	const guests = (await repo.listGuestMembers(db, roundId)).map((g) => ({
		roomId: g.roomId,
		key: guestKey(g.participantId)
	}));
	return [...members, ...guests];
}

/** The rooms as the assignment rules see them: their caps and who is in them. */
export async function roomStates(
	db: Kysely<Database>,
	roundId: string,
	everyone: readonly AssignablePerson[]
): Promise<RoomState[]> {
	const byKey = new Map(everyone.map((entry) => [entry.id, entry]));
	const placements = await listPlacements(db, roundId);
	return (await repo.listRooms(db, roundId)).map((room) => ({
		id: room.id,
		cap: room.cap,
		members: placements
			.filter((placement) => placement.roomId === room.id)
			.map(
				(placement) =>
					byKey.get(placement.key) ?? { id: placement.key, district: null, organizationKind: null }
			)
	}));
}

export async function addPlacement(db: Kysely<Database>, roomId: string, key: string): Promise<void> {
	const guest = guestOf(key);
	if (guest) await repo.addGuestMember(db, roomId, guest);
	else await repo.addMember(db, roomId, key);
}

/** Takes a person or guest out of every room of the round. */
export async function removePlacement(db: Kysely<Database>, roundId: string, key: string): Promise<void> {
	const guest = guestOf(key);
	if (guest) await repo.removeGuestMember(db, roundId, guest);
	else await repo.removeMember(db, roundId, key);
}

export async function clearPlacements(db: Kysely<Database>, roundId: string): Promise<void> {
	await repo.clearMembers(db, roundId);
	await repo.clearGuestMembers(db, roundId);
}

export function modeOf(round: repo.RoundRow): AssignmentMode {
	return isAssignmentMode(round.mode) ? round.mode : 'manual';
}

/**
 * Places one late arrival by the round's rule (domain/breakouts/assignment `placeLateJoiner`), in
 * the caller's transaction under the round's row lock: their room, the room they already had, or
 * undefined when the rule leaves them to the organizer (manual, a full or missing choice).
 */
export async function placeLate(
	trx: Kysely<Database>,
	round: repo.RoundRow,
	everyone: readonly AssignablePerson[],
	key: string,
	choice?: string
): Promise<{ roomId: string | undefined; isNew: boolean }> {
	await repo.lockRound(trx, round.id);
	const current = (await listPlacements(trx, round.id)).find((placement) => placement.key === key);
	if (current) return { roomId: current.roomId, isNew: false };
	const person = everyone.find((entry) => entry.id === key) ?? {
		id: key,
		district: null,
		organizationKind: null
	};
	const rooms = await roomStates(trx, round.id, everyone);
	const random = seededRandom(seedFrom(`${round.id}:${key}`));
	const roomId = placeByRule(modeOf(round), person, rooms, random, choice);
	if (!roomId) return { roomId: undefined, isNew: false };
	await addPlacement(trx, roomId, key);
	await repo.bumpAssignmentRevision(trx, round.id);
	return { roomId, isNew: true };
}

/**
 * Places everyone not yet in a room by the late-joiner rule, one after the other (so that each
 * sees the rooms as the previous one left them); returns how many were placed.
 */
export async function placeEveryoneUnplaced(
	trx: Kysely<Database>,
	round: repo.RoundRow,
	meetingId: string
): Promise<number> {
	const everyone = await listPlaceable(trx, meetingId);
	const placed = new Set((await listPlacements(trx, round.id)).map((placement) => placement.key));
	let count = 0;
	for (const entry of everyone) {
		if (placed.has(entry.id)) continue;
		if ((await placeLate(trx, round, everyone, entry.id)).isNew) count += 1;
	}
	return count;
}
