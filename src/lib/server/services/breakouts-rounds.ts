import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
	defaultRoomName,
	DEFAULT_DOTS_PER_PERSON,
	DEFAULT_DURATION_MINUTES,
	normalizeColumns
} from '../../domain/breakouts/config';
import { conflict, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { uniqueSlug } from '../../domain/polls';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as repo from '../repositories/breakouts';
import type { MeetingAddress } from '../../domain/meeting-address';
import { CreateRound, DeleteRound, UpdateRound } from './breakouts-schemas';
import {
	type RoundView,
	type BreakoutsMeeting,
	meetingOf,
	type RoundsView,
	meetingToManage,
	roundOf,
	roundView
} from './breakouts-access';

/** Breakout rounds: listing, creating, changing and deleting rounds. */

/** Every round of the meeting with its rooms and members, and the meeting's findings. */
export async function listRounds(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<RoundsView> {
	const handle = await meetingToManage(db, actor, address);
	const people = await repo.listMeetingPeople(db, handle.meetingId);
	const rounds = await repo.listRounds(db, handle.meetingId);
	const views: RoundView[] = [];
	for (const round of rounds) views.push(await roundView(db, round, people));
	return {
		meeting: await meetingOf(db, handle),
		rounds: views,
		findings: await repo.meetingFindings(db, handle.meetingId)
	};
}

export async function getRound(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string
): Promise<{ meeting: BreakoutsMeeting; round: RoundView }> {
	const handle = await meetingToManage(db, actor, address);
	const round = await roundOf(db, handle, key);
	return {
		meeting: await meetingOf(db, handle),
		round: await roundView(db, round, await repo.listMeetingPeople(db, handle.meetingId))
	};
}

function roundFieldsOf(input: CreateRound): repo.RoundFields {
	if ((input.roomCount === undefined) === (input.roomSize === undefined)) {
		throw validationFailed([problem('roomCount', 'breakouts.sizingRequired')]);
	}
	return {
		title: input.title,
		description: input.description ?? null,
		questions: input.questions ?? [],
		columns: normalizeColumns(input.columns ?? []),
		roomCount: input.roomCount ?? null,
		roomSize: input.roomSize ?? null,
		durationMinutes: input.durationMinutes ?? DEFAULT_DURATION_MINUTES,
		mode: input.mode,
		dotsPerPerson: input.dotsPerPerson ?? DEFAULT_DOTS_PER_PERSON,
		agendaItemId: null
	};
}

/**
 * Makes the round have exactly `count` rooms: adds rooms with default names, removes surplus
 * rooms from the end (only rooms without cards: a board is never thrown away silently).
 */
export async function reconcileRooms(
	trx: Kysely<Database>,
	roundId: string,
	count: number
): Promise<repo.RoomRow[]> {
	const rooms = await repo.listRooms(trx, roundId);
	const cards = await repo.listCards(trx, roundId);
	for (let index = rooms.length; index < count; index++) {
		const room = {
			id: randomUUID(),
			roundId,
			position: (rooms.at(-1)?.position ?? -1) + 1,
			name: defaultRoomName(index),
			topic: null,
			cap: null,
			rapporteurPersonId: null
		};
		await repo.insertRoom(trx, room);
		rooms.push(room);
	}
	while (rooms.length > count) {
		const surplus = rooms.at(-1)!;
		if (cards.some((card) => card.roomId === surplus.id)) {
			throw conflict('breakouts.roomHasCards', { room: surplus.name });
		}
		await repo.deleteRoom(trx, surplus.id);
		rooms.pop();
	}
	return rooms;
}

/**
 * Inserts a round under a key made from its title (the next free one), with its rooms when their
 * number is fixed, in the caller's transaction. A concurrent insert of the same key fails unique.
 */
export async function insertRoundWithKey(
	trx: Kysely<Database>,
	meetingId: string,
	fields: repo.RoundFields
): Promise<{ id: string; key: string }> {
	const taken = (await repo.listRounds(trx, meetingId)).map((round) => round.key);
	// `findings` is an address of its own under /breakouts.
	const key = uniqueSlug(fields.title, [...taken, 'findings'], 'runde');
	const id = randomUUID();
	await repo.insertRound(trx, meetingId, id, key, fields);
	if (fields.roomCount !== null) await reconcileRooms(trx, id, fields.roomCount);
	return { id, key };
}

/** Creates a round; with a fixed number of rooms, its rooms too. Returns the round's key. */
export async function createRound(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<{ key: string }> {
	const handle = await meetingToManage(db, actor, address);
	const fields = roundFieldsOf(parseOrThrow(CreateRound, input));
	for (let attempt = 0; ; attempt++) {
		try {
			return await db
				.transaction()
				.execute(async (trx) => ({ key: (await insertRoundWithKey(trx, handle.meetingId, fields)).key }));
		} catch (caught) {
			// Two rounds of one title created at once: the second takes the next free key.
			if (attempt < 3 && isUniqueViolation(caught)) continue;
			throw caught;
		}
	}
}

export async function updateRound(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(UpdateRound, input);
	const { round: key, ...rest } = parsed;
	const fields = roundFieldsOf(rest);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await repo.updateRound(trx, round.id, { ...fields, agendaItemId: round.agendaItemId });
		if (fields.roomCount !== null) await reconcileRooms(trx, round.id, fields.roomCount);
	});
}

export async function deleteRound(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const { round: key } = parseOrThrow(DeleteRound, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await repo.deleteRound(trx, round.id);
	});
}
