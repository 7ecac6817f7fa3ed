import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	assignMixed,
	assignRandom,
	assignRemaining,
	choose,
	districtOf,
	organizationKindOf,
	placeLateJoiner as placeLate,
	type AssignablePerson,
	type Assignment,
	type RoomState
} from '../../domain/breakouts/assignment';
import {
	canCastDot,
	canDeleteCard,
	canEditCard,
	checkVersion,
	MAX_CARD_LENGTH,
	voterKey,
	type BoardIdentity
} from '../../domain/breakouts/cards';
import {
	assignmentModes,
	defaultRoomName,
	DEFAULT_DOTS_PER_PERSON,
	DEFAULT_DURATION_MINUTES,
	isAssignmentMode,
	isRoundStatus,
	MAX_COLUMNS,
	MAX_ROOMS,
	normalizeColumns,
	roomCountFor,
	type AssignmentMode,
	type RoundStatus
} from '../../domain/breakouts/config';
import { seededRandom, seedFrom } from '../../domain/breakouts/random';
import { zoomPreassignment, type AssignedPerson } from '../../domain/breakouts/zoom-csv';
import {
	conflict,
	forbidden,
	notFound,
	problem,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { formatMeetingTitle, splitParagraphs } from '../../domain/meeting-display';
import { canModerateMeeting, canView, type Actor } from '../../domain/policy';
import { uniqueSlug } from '../../domain/polls';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { toCsv, toXlsx, type ExportTable } from '../exports/table-files';
import * as repo from '../repositories/breakouts';
import { findMeetingHandle, type MeetingHandle } from '../repositories/meeting-lookup';

/**
 * Breakout rounds (issue 11): organizers and the meeting's moderators configure rounds, assign
 * people to rooms (random, mixed, self-chosen, by hand), export the assignment (Zoom CSV, CSV,
 * XLSX), group cards into clusters and write the synthesis and the meeting's findings. Room
 * members and moderators use the room's board: cards with optimistic concurrency (a stale edit
 * is refused with the current text) and dot votes within a per-person limit per round, both
 * checked inside the transaction under a row lock.
 *
 * Authors are never named on a board; the moderators' overview names the author of a card only
 * when that person consented to the participant list (guests are never named).
 */

export interface MeetingRef {
	series: string;
	number: string | number;
}

const blankAsUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;
const RowId = z.string().trim().min(1).max(100);
const RoundKey = z.string().trim().min(1).max(100);
const Count = (max: number) =>
	z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(max).optional());
/** One entry per line (forms) or a list (API). */
const Lines = (max: number, length: number) =>
	z.preprocess(
		(value) =>
			typeof value === 'string'
				? value
						.split(/\r?\n/)
						.map((line) => line.trim())
						.filter(Boolean)
				: value,
		z.array(z.string().trim().min(1).max(length)).max(max)
	);
/** Paragraphs separated by blank lines (forms) or a list (API). */
const Paragraphs = z.preprocess(
	(value) => (typeof value === 'string' ? splitParagraphs(value) : value),
	z.array(z.string().trim().min(1).max(5000)).max(100)
);
const OptionalText = (max: number) => z.preprocess(blankAsUndefined, z.string().trim().max(max).optional());

const roundFields = {
	title: z.string().trim().min(1).max(300),
	description: OptionalText(5000),
	questions: Lines(20, 1000).optional(),
	columns: Lines(MAX_COLUMNS, 100).optional(),
	/** Exactly one of roomCount and roomSize. */
	roomCount: Count(MAX_ROOMS),
	roomSize: Count(500),
	durationMinutes: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(600).optional()),
	mode: z.enum(assignmentModes).default('random'),
	dotsPerPerson: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).max(50).optional())
};

export const CreateRound = z.strictObject(roundFields);
export type CreateRound = z.infer<typeof CreateRound>;
export const UpdateRound = z.strictObject({ round: RoundKey, ...roundFields });
export type UpdateRound = z.infer<typeof UpdateRound>;
export const DeleteRound = z.strictObject({ round: RoundKey });
export const RunAssignment = z.strictObject({
	round: RoundKey,
	/** Optional: the same seed gives the same rooms; without one each run draws anew. */
	seed: z.preprocess(blankAsUndefined, z.coerce.number().int().min(0).optional())
});
export const MovePerson = z.strictObject({
	round: RoundKey,
	personId: RowId,
	/** Empty: out of every room of the round. */
	roomId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const PlaceLateJoiner = z.strictObject({
	round: RoundKey,
	personId: RowId,
	/** Self-chosen rounds: the room the person picked. */
	roomId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const ChooseRoom = z.strictObject({ round: RoundKey, roomId: RowId });
export const UpdateRoom = z.strictObject({
	round: RoundKey,
	roomId: RowId,
	name: z.string().trim().min(1).max(200),
	topic: OptionalText(500),
	cap: Count(500),
	rapporteurPersonId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const AddCard = z.strictObject({
	round: RoundKey,
	roomId: RowId,
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH),
	column: OptionalText(100)
});
export const EditCard = z.strictObject({
	cardId: RowId,
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH),
	column: OptionalText(100),
	/** The version the edit was based on. */
	version: z.coerce.number().int().min(1)
});
export const CardRef = z.strictObject({ cardId: RowId });
export const CreateCluster = z.strictObject({ round: RoundKey, label: z.string().trim().min(1).max(200) });
export const DeleteCluster = z.strictObject({ round: RoundKey, clusterId: RowId });
export const SetCardCluster = z.strictObject({
	cardId: RowId,
	clusterId: z.preprocess(blankAsUndefined, RowId.optional())
});
export const WriteSynthesis = z.strictObject({ round: RoundKey, synthesis: Paragraphs });
export const WriteFindings = z.strictObject({ findings: Paragraphs });
export const ExportAssignment = z.strictObject({ round: RoundKey, format: z.enum(['zoom', 'csv', 'xlsx']) });

// Views

export interface RoomMemberView {
	personId: string;
	name: string;
	organization: string | null;
	hasEmail: boolean;
}

export interface RoomView {
	id: string;
	name: string;
	topic: string | null;
	cap: number | null;
	rapporteurPersonId: string | null;
	members: RoomMemberView[];
	cardCount: number;
}

export interface RoundView {
	key: string;
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: AssignmentMode;
	dotsPerPerson: number;
	status: RoundStatus;
	startedAt: string | null;
	endsAt: string | null;
	synthesis: string[];
	rooms: RoomView[];
	/** People of the meeting in no room of this round. */
	unassigned: RoomMemberView[];
}

export interface BreakoutsMeeting {
	seriesSlug: string;
	number: number;
	/** "2. Austauschtreffen" */
	title: string;
}

async function meetingOf(db: Kysely<Database>, handle: MeetingHandle): Promise<BreakoutsMeeting> {
	return {
		seriesSlug: handle.seriesSlug,
		number: handle.number,
		title: formatMeetingTitle(handle.number, await repo.meetingNoun(db, handle.seriesId))
	};
}

export interface RoundsView {
	meeting: BreakoutsMeeting;
	rounds: RoundView[];
	findings: string[];
}

async function meetingHandle(db: Kysely<Database>, actor: Actor, ref: MeetingRef): Promise<MeetingHandle> {
	const number = String(ref.number);
	if (!/^[1-9][0-9]{0,8}$/.test(number)) throw notFound('meeting.notFound');
	const handle = await findMeetingHandle(db, ref.series, Number(number));
	if (!handle) throw notFound('meeting.notFound');
	if (actor.kind === 'anonymous') throw unauthenticated();
	return handle;
}

/** Organizers of the meeting and its moderators manage rounds; others: 403 or, for a draft, 404. */
async function meetingToManage(db: Kysely<Database>, actor: Actor, ref: MeetingRef): Promise<MeetingHandle> {
	const handle = await meetingHandle(db, actor, ref);
	if (!canModerateMeeting(actor, handle)) {
		const isVisible = canView(actor, {
			organizationId: handle.organizationId,
			isPublished: handle.isPublished
		});
		throw isVisible ? forbidden() : notFound('meeting.notFound');
	}
	return handle;
}

async function roundOf(db: Kysely<Database>, handle: MeetingHandle, key: string): Promise<repo.RoundRow> {
	const round = await repo.findRound(db, handle.meetingId, key);
	if (!round) throw notFound('breakouts.notFound');
	return round;
}

const memberView = (person: repo.MeetingPersonRow): RoomMemberView => ({
	personId: person.id,
	name: person.name,
	organization: person.organization,
	hasEmail: Boolean(person.email)
});

async function roundView(
	db: Kysely<Database>,
	round: repo.RoundRow,
	people: repo.MeetingPersonRow[]
): Promise<RoundView> {
	const rooms = await repo.listRooms(db, round.id);
	const members = await repo.listMembers(db, round.id);
	const cards = await repo.listCards(db, round.id);
	const byId = new Map(people.map((person) => [person.id, person]));
	const assigned = new Set(members.map((member) => member.personId));
	return {
		key: round.key,
		title: round.title,
		description: round.description,
		questions: round.questions,
		columns: normalizeColumns(round.columns),
		roomCount: round.roomCount,
		roomSize: round.roomSize,
		durationMinutes: round.durationMinutes,
		mode: isAssignmentMode(round.mode) ? round.mode : 'manual',
		dotsPerPerson: round.dotsPerPerson,
		status: isRoundStatus(round.status) ? round.status : 'draft',
		startedAt: round.startedAt,
		endsAt: round.endsAt,
		synthesis: round.synthesis,
		rooms: rooms.map((room) => ({
			id: room.id,
			name: room.name,
			topic: room.topic,
			cap: room.cap,
			rapporteurPersonId: room.rapporteurPersonId,
			members: members
				.filter((member) => member.roomId === room.id)
				.flatMap((member) => {
					const person = byId.get(member.personId);
					return person ? [memberView(person)] : [];
				}),
			cardCount: cards.filter((card) => card.roomId === room.id).length
		})),
		unassigned: people.filter((person) => !assigned.has(person.id)).map(memberView)
	};
}

/** Every round of the meeting with its rooms and members, and the meeting's findings. */
export async function listRounds(db: Kysely<Database>, actor: Actor, ref: MeetingRef): Promise<RoundsView> {
	const handle = await meetingToManage(db, actor, ref);
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
	ref: MeetingRef,
	key: string
): Promise<{ meeting: BreakoutsMeeting; round: RoundView }> {
	const handle = await meetingToManage(db, actor, ref);
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
async function reconcileRooms(
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

/** Creates a round; with a fixed number of rooms, its rooms too. Returns the round's key. */
export async function createRound(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ key: string }> {
	const handle = await meetingToManage(db, actor, ref);
	const fields = roundFieldsOf(parseOrThrow(CreateRound, input));
	for (let attempt = 0; ; attempt++) {
		try {
			return await db.transaction().execute(async (trx) => {
				const taken = (await repo.listRounds(trx, handle.meetingId)).map((round) => round.key);
				// `findings` is an address of its own under /breakouts.
				const key = uniqueSlug(fields.title, [...taken, 'findings'], 'runde');
				const id = randomUUID();
				await repo.insertRound(trx, handle.meetingId, id, key, fields);
				if (fields.roomCount !== null) await reconcileRooms(trx, id, fields.roomCount);
				return { key };
			});
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
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
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
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const { round: key } = parseOrThrow(DeleteRound, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await repo.deleteRound(trx, round.id);
	});
}

const assignable = (person: repo.MeetingPersonRow): AssignablePerson => ({
	id: person.id,
	district: districtOf(person.ags),
	organizationKind: organizationKindOf(person.organization)
});

/**
 * Runs the round's assignment in one transaction. random, mixed and manual (as a starting point
 * to move people from) deal everyone anew into as many rooms as the sizing asks; self-chosen
 * keeps every pick and places only those who did not pick, into rooms with space.
 */
export async function runAssignment(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ assigned: number; unplaced: number }> {
	const handle = await meetingToManage(db, actor, ref);
	const { round: key, seed } = parseOrThrow(RunAssignment, input);
	return db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		const run = await repo.countAssignmentRun(trx, round.id);
		const random = seededRandom(seed ?? seedFrom(`${round.id}:${run}:${Date.now()}`));
		const people = (await repo.listMeetingPeople(trx, handle.meetingId)).map(assignable);
		const mode: AssignmentMode = isAssignmentMode(round.mode) ? round.mode : 'random';
		let assignment: Assignment;
		if (mode === 'self') {
			const rooms = await repo.listRooms(trx, round.id);
			if (!rooms.length) throw validationFailed([problem('round', 'breakouts.noRooms')]);
			const members = await repo.listMembers(trx, round.id);
			const placed = new Set(members.map((member) => member.personId));
			const byId = new Map(people.map((person) => [person.id, person]));
			const state: RoomState[] = rooms.map((room) => ({
				id: room.id,
				cap: room.cap,
				members: members.filter((m) => m.roomId === room.id).flatMap((m) => byId.get(m.personId) ?? [])
			}));
			assignment = assignRemaining(
				people.filter((person) => !placed.has(person.id)),
				state,
				random
			);
			for (const [personId, roomId] of assignment) await repo.addMember(trx, roomId, personId);
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
		await repo.clearMembers(trx, round.id);
		for (const person of people) await repo.addMember(trx, assignment.get(person.id)!, person.id);
		// A rapporteur who is no longer in their room is no longer its rapporteur.
		for (const room of rooms) {
			if (room.rapporteurPersonId && assignment.get(room.rapporteurPersonId) !== room.id) {
				await repo.updateRoom(trx, room.id, { ...room, rapporteurPersonId: null });
			}
		}
		return { assigned: assignment.size, unplaced: 0 };
	});
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

async function personOf(
	db: Kysely<Database>,
	handle: MeetingHandle,
	personId: string
): Promise<repo.MeetingPersonRow> {
	const person = (await repo.listMeetingPeople(db, handle.meetingId)).find((entry) => entry.id === personId);
	if (!person) throw validationFailed([problem('personId', 'breakouts.personNotFound')]);
	return person;
}

/** Puts a person (by hand) into a room, or out of every room; caps do not bind the organizer. */
async function movePersonIn(
	trx: Kysely<Database>,
	round: repo.RoundRow,
	personId: string,
	roomId: string | undefined
): Promise<void> {
	await repo.removeMember(trx, round.id, personId);
	for (const room of await repo.listRooms(trx, round.id)) {
		if (room.rapporteurPersonId === personId && room.id !== roomId) {
			await repo.updateRoom(trx, room.id, { ...room, rapporteurPersonId: null });
		}
	}
	if (roomId) await repo.addMember(trx, roomId, personId);
}

export async function movePerson(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const { round: key, personId, roomId } = parseOrThrow(MovePerson, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await personOf(trx, handle, personId);
		if (roomId) await roomOf(trx, round, roomId);
		await movePersonIn(trx, round, personId, roomId);
	});
}

/**
 * Places someone who arrived after the assignment by the round's rule: the smallest room
 * (random), the best-spreading of the smallest rooms (mixed), their pick if it has space (self).
 * A manual round, or a full choice, is a validation problem: the organizer places them by hand.
 */
export async function placeLateJoiner(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ roomId: string }> {
	const handle = await meetingToManage(db, actor, ref);
	const { round: key, personId, roomId: choice } = parseOrThrow(PlaceLateJoiner, input);
	return db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, key);
		await repo.lockRound(trx, round.id);
		const people = (await repo.listMeetingPeople(trx, handle.meetingId)).map(assignable);
		const person = people.find((entry) => entry.id === personId);
		if (!person) throw validationFailed([problem('personId', 'breakouts.personNotFound')]);
		const members = await repo.listMembers(trx, round.id);
		const current = members.find((member) => member.personId === personId);
		if (current) return { roomId: current.roomId };
		const byId = new Map(people.map((entry) => [entry.id, entry]));
		const rooms = (await repo.listRooms(trx, round.id)).map((room) => ({
			id: room.id,
			cap: room.cap,
			members: members.filter((m) => m.roomId === room.id).flatMap((m) => byId.get(m.personId) ?? [])
		}));
		const mode: AssignmentMode = isAssignmentMode(round.mode) ? round.mode : 'manual';
		const roomId = placeLate(mode, person, rooms, seededRandom(seedFrom(`${round.id}:${personId}`)), choice);
		if (!roomId)
			throw validationFailed([
				problem('roomId', mode === 'self' ? 'breakouts.roomFull' : 'breakouts.placeByHand')
			]);
		await repo.addMember(trx, roomId, personId);
		return { roomId };
	});
}

export async function updateRoom(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(UpdateRoom, input);
	await db.transaction().execute(async (trx) => {
		const round = await roundOf(trx, handle, parsed.round);
		await roomOf(trx, round, parsed.roomId);
		if (parsed.rapporteurPersonId) {
			const members = await repo.listMembers(trx, round.id);
			if (!members.some((m) => m.roomId === parsed.roomId && m.personId === parsed.rapporteurPersonId)) {
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

/** The meeting's person behind a signed-in account (their registration), if any. */
async function ownPerson(
	db: Kysely<Database>,
	actor: Actor,
	handle: MeetingHandle
): Promise<repo.MeetingPersonRow | undefined> {
	if (actor.kind !== 'user') return undefined;
	return (await repo.listMeetingPeople(db, handle.meetingId)).find(
		(person) => person.userId === actor.userId
	);
}

/**
 * Rights before the body for the board's changes, whose round, room or card come in the body: only
 * the meeting's moderators and its people may use a board at all. The room's own rule follows.
 */
async function requireBoardUser(db: Kysely<Database>, actor: Actor, ref: MeetingRef): Promise<void> {
	const handle = await meetingHandle(db, actor, ref);
	if (!canModerateMeeting(actor, handle) && !(await ownPerson(db, actor, handle))) throw forbidden();
}

/** A participant picks a room of a self-chosen round by its topic, within the room's cap. */
export async function chooseRoom(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingHandle(db, actor, ref);
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
}

// Boards

export interface CardView {
	id: string;
	roomId: string;
	text: string;
	column: string | null;
	/** Imported dot votes plus live ones. */
	votes: number;
	version: number;
	isMine: boolean;
	hasMyVote: boolean;
	canEdit: boolean;
	canDelete: boolean;
	clusterId: string | null;
}

export interface BoardView {
	meeting: BreakoutsMeeting;
	round: {
		key: string;
		title: string;
		questions: string[];
		columns: string[];
		dotsPerPerson: number;
		status: RoundStatus;
		endsAt: string | null;
	};
	room: { id: string; name: string; topic: string | null; rapporteurPersonId: string | null };
	cards: CardView[];
	dotsLeft: number;
	isModerator: boolean;
}

interface BoardAccess {
	handle: MeetingHandle;
	round: repo.RoundRow;
	room: repo.RoomRow;
	identity: BoardIdentity;
}

/**
 * Who may use a room's board: the meeting's organizers and moderators (as moderators), and the
 * room's members (through the person their account registered as). Others: 403.
 */
async function boardAccess(
	db: Kysely<Database>,
	actor: Actor,
	handle: MeetingHandle,
	round: repo.RoundRow,
	roomId: string
): Promise<BoardAccess> {
	const room = (await repo.listRooms(db, round.id)).find((entry) => entry.id === roomId);
	if (!room) throw notFound('breakouts.roomNotFound');
	if (canModerateMeeting(actor, handle)) return { handle, round, room, identity: { kind: 'moderator' } };
	const person = await ownPerson(db, actor, handle);
	const members = await repo.listMembers(db, round.id);
	if (!person || !members.some((m) => m.roomId === room.id && m.personId === person.id)) {
		throw forbidden('breakouts.notInRoom');
	}
	return { handle, round, room, identity: { kind: 'person', personId: person.id } };
}

async function accessByRoom(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	key: string,
	roomId: string
) {
	const handle = await meetingHandle(db, actor, ref);
	const round = await roundOf(db, handle, key);
	return boardAccess(db, actor, handle, round, roomId);
}

async function accessByCard(db: Kysely<Database>, actor: Actor, ref: MeetingRef, cardId: string) {
	const handle = await meetingHandle(db, actor, ref);
	const context = await repo.cardContext(db, cardId);
	if (!context || context.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	const round = (await repo.listRounds(db, handle.meetingId)).find((entry) => entry.id === context.roundId)!;
	return boardAccess(db, actor, handle, round, context.roomId);
}

function authorOf(identity: BoardIdentity) {
	return {
		authorPersonId: identity.kind === 'person' ? identity.personId : null,
		authorParticipantId: identity.kind === 'participant' ? identity.participantId : null
	};
}

export async function getBoard(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	key: string,
	roomId: string
): Promise<BoardView> {
	const access = await accessByRoom(db, actor, ref, key, roomId);
	const { round, room, identity } = access;
	const voter = voterKey(identity);
	const cards = (await repo.listCards(db, round.id, voter)).filter((card) => card.roomId === room.id);
	const used = voter ? await repo.countDots(db, round.id, voter) : 0;
	return {
		meeting: await meetingOf(db, access.handle),
		round: {
			key: round.key,
			title: round.title,
			questions: round.questions,
			columns: normalizeColumns(round.columns),
			dotsPerPerson: round.dotsPerPerson,
			status: isRoundStatus(round.status) ? round.status : 'draft',
			endsAt: round.endsAt
		},
		room: { id: room.id, name: room.name, topic: room.topic, rapporteurPersonId: room.rapporteurPersonId },
		cards: cards.map((card) => ({
			id: card.id,
			roomId: card.roomId,
			text: card.text,
			column: card.column,
			votes: card.importedVotes + card.liveVotes,
			version: card.version,
			isMine:
				identity.kind !== 'moderator' &&
				(card.authorPersonId === authorOf(identity).authorPersonId ||
					(card.authorParticipantId !== null &&
						card.authorParticipantId === authorOf(identity).authorParticipantId)),
			hasMyVote: card.hasMyVote,
			canEdit: canEditCard(identity, card, room.rapporteurPersonId),
			canDelete: canDeleteCard(identity, card, room.rapporteurPersonId),
			clusterId: card.clusterId
		})),
		dotsLeft: voter ? Math.max(0, round.dotsPerPerson - used) : 0,
		isModerator: identity.kind === 'moderator'
	};
}

function checkColumn(round: repo.RoundRow, column: string | undefined): string | null {
	if (column === undefined) return normalizeColumns(round.columns)[0] ?? null;
	if (!normalizeColumns(round.columns).includes(column)) {
		throw validationFailed([problem('column', 'breakouts.columnUnknown')]);
	}
	return column;
}

/** Adds a card to a room's board; returns its id and version. */
export async function addCard(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ id: string; version: number }> {
	await requireBoardUser(db, actor, ref);
	const parsed = parseOrThrow(AddCard, input);
	const access = await accessByRoom(db, actor, ref, parsed.round, parsed.roomId);
	const column = checkColumn(access.round, parsed.column);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		await repo.insertCard(trx, {
			id,
			roomId: access.room.id,
			text: parsed.text,
			column,
			...authorOf(access.identity),
			createdAt: new Date().toISOString()
		});
	});
	return { id, version: 1 };
}

/**
 * Edits a card when the edit is based on its current version. Checked inside the transaction
 * under the card's row lock (PostgreSQL) and written only where the version still matches, so
 * that of two concurrent edits of one version exactly one wins; the other is refused with the
 * current text and version (a conflict), never silently overwritten.
 */
export async function editCard(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ version: number }> {
	await requireBoardUser(db, actor, ref);
	const parsed = parseOrThrow(EditCard, input);
	const access = await accessByCard(db, actor, ref, parsed.cardId);
	const column = checkColumn(access.round, parsed.column);
	return db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, parsed.cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canEditCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		const check = checkVersion(parsed.version, card.version);
		const refused = () =>
			conflict('breakouts.cardConflict', { currentText: card.text, currentVersion: card.version }, [
				problem('text', 'breakouts.cardConflict', { currentText: card.text, currentVersion: card.version })
			]);
		if (!check.ok) throw refused();
		const written = await repo.updateCardText(trx, card.id, parsed.version, {
			text: parsed.text,
			column,
			updatedAt: new Date().toISOString()
		});
		if (!written) throw refused();
		return { version: check.next };
	});
}

export async function deleteCard(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, ref, cardId);
	await db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canDeleteCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		await repo.deleteCard(trx, cardId);
	});
}

/**
 * One dot on a card, within the person's limit for the round: counted and cast under the
 * round's row lock in one transaction, so that concurrent votes never spend more than the limit.
 * A second dot on the same card is refused (one per card and voter).
 */
export async function castDot(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ dotsLeft: number }> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, ref, cardId);
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	const identity = access.identity;
	try {
		return await db.transaction().execute(async (trx) => {
			await repo.lockRound(trx, access.round.id);
			if (await repo.hasDot(trx, cardId, voter)) throw conflict('breakouts.alreadyVoted');
			const used = await repo.countDots(trx, access.round.id, voter);
			if (!canCastDot(used, access.round.dotsPerPerson)) {
				throw conflict('breakouts.dotLimit', { limit: access.round.dotsPerPerson });
			}
			await repo.insertDot(trx, {
				cardId,
				roundId: access.round.id,
				voterKey: voter,
				personId: identity.kind === 'person' ? identity.personId : null,
				participantId: identity.kind === 'participant' ? identity.participantId : null
			});
			return { dotsLeft: access.round.dotsPerPerson - used - 1 };
		});
	} catch (caught) {
		if (isUniqueViolation(caught)) throw conflict('breakouts.alreadyVoted');
		throw caught;
	}
}

export async function withdrawDot(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, ref, cardId);
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	await db.transaction().execute(async (trx) => repo.deleteDot(trx, cardId, voter));
}

// Synthesis

export interface OverviewCard {
	id: string;
	roomName: string;
	text: string;
	column: string | null;
	votes: number;
	clusterId: string | null;
	/** Only a person who consented to the participant list is named; guests never. */
	author: string | null;
}

export interface SynthesisView {
	meeting: BreakoutsMeeting;
	round: { key: string; title: string; columns: string[]; synthesis: string[] };
	clusters: repo.ClusterRow[];
	cards: OverviewCard[];
	findings: string[];
}

/** All rooms' cards side by side for the moderators' plenary view, with the clusters. */
export async function getSynthesis(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	key: string
): Promise<SynthesisView> {
	const handle = await meetingToManage(db, actor, ref);
	const round = await roundOf(db, handle, key);
	const rooms = await repo.listRooms(db, round.id);
	const people = new Map((await repo.listMeetingPeople(db, handle.meetingId)).map((p) => [p.id, p]));
	const cards = await repo.listCards(db, round.id);
	return {
		meeting: await meetingOf(db, handle),
		round: {
			key: round.key,
			title: round.title,
			columns: normalizeColumns(round.columns),
			synthesis: round.synthesis
		},
		clusters: await repo.listClusters(db, round.id),
		cards: cards.map((card) => {
			const author = card.authorPersonId ? people.get(card.authorPersonId) : undefined;
			return {
				id: card.id,
				roomName: rooms.find((room) => room.id === card.roomId)?.name ?? '',
				text: card.text,
				column: card.column,
				votes: card.importedVotes + card.liveVotes,
				clusterId: card.clusterId,
				author: author?.hasListConsent ? author.name : null
			};
		}),
		findings: await repo.meetingFindings(db, handle.meetingId)
	};
}

export async function createCluster(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<{ id: string }> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(CreateCluster, input);
	const round = await roundOf(db, handle, parsed.round);
	const id = randomUUID();
	await db
		.transaction()
		.execute((trx) => repo.insertCluster(trx, { id, roundId: round.id, label: parsed.label }));
	return { id };
}

export async function deleteCluster(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(DeleteCluster, input);
	const round = await roundOf(db, handle, parsed.round);
	const cluster = (await repo.listClusters(db, round.id)).find((entry) => entry.id === parsed.clusterId);
	if (!cluster) throw validationFailed([problem('clusterId', 'breakouts.clusterNotFound')]);
	await db.transaction().execute((trx) => repo.deleteCluster(trx, cluster.id));
}

export async function setCardCluster(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(SetCardCluster, input);
	const context = await repo.cardContext(db, parsed.cardId);
	if (!context || context.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	if (parsed.clusterId) {
		const clusters = await repo.listClusters(db, context.roundId);
		if (!clusters.some((cluster) => cluster.id === parsed.clusterId)) {
			throw validationFailed([problem('clusterId', 'breakouts.clusterNotFound')]);
		}
	}
	await db.transaction().execute((trx) => repo.setCardCluster(trx, parsed.cardId, parsed.clusterId ?? null));
}

/** The round's synthesis ("Einordnen der Ergebnisse"), written by moderators. */
export async function writeSynthesis(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(WriteSynthesis, input);
	const round = await roundOf(db, handle, parsed.round);
	await db.transaction().execute((trx) => repo.setRoundSynthesis(trx, round.id, parsed.synthesis));
}

/** The meeting's findings ("Zusammenführung der wichtigsten Erkenntnisse"), written by moderators. */
export async function writeFindings(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, ref);
	const parsed = parseOrThrow(WriteFindings, input);
	await db.transaction().execute((trx) => repo.setMeetingFindings(trx, handle.meetingId, parsed.findings));
}

// Export

export interface AssignmentFile {
	fileName: string;
	contentType: string;
	body: Buffer;
	/** Zoom: people without an email, for the moderator to move in Zoom by hand. */
	withoutEmail: { name: string; roomName: string }[];
}

/**
 * The assignment as a file: Zoom's pre-assignment CSV (comma, header exactly as Zoom expects,
 * no byte order mark), or the participant-list style CSV (semicolon) and XLSX with room, name,
 * organization and email. For organizers and moderators only: it holds email addresses.
 */
export async function exportAssignment(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingRef,
	input: unknown,
	headers: { room: string; name: string; organization: string; email: string }
): Promise<AssignmentFile> {
	const handle = await meetingToManage(db, actor, ref);
	const { round: key, format } = parseOrThrow(ExportAssignment, input);
	const round = await roundOf(db, handle, key);
	const rooms = await repo.listRooms(db, round.id);
	const members = await repo.listMembers(db, round.id);
	const people = new Map((await repo.listMeetingPeople(db, handle.meetingId)).map((p) => [p.id, p]));
	const assigned: AssignedPerson[] = members.flatMap((member) => {
		const person = people.get(member.personId);
		const room = rooms.find((entry) => entry.id === member.roomId);
		return person && room
			? [{ name: person.name, organization: person.organization, email: person.email, roomName: room.name }]
			: [];
	});
	const base = `breakout-${round.key}`;
	if (format === 'zoom') {
		const { csv, withoutEmail } = zoomPreassignment(assigned);
		return {
			fileName: `${base}-zoom.csv`,
			contentType: 'text/csv; charset=utf-8',
			body: Buffer.from(csv, 'utf8'),
			withoutEmail: withoutEmail.map((person) => ({ name: person.name, roomName: person.roomName }))
		};
	}
	const table: ExportTable = {
		sheetName: round.title,
		columns: [
			{ header: headers.room, width: 24 },
			{ header: headers.name, width: 28 },
			{ header: headers.organization, width: 32 },
			{ header: headers.email, width: 32 }
		],
		rows: assigned.map((person) => [
			person.roomName,
			person.name,
			person.organization ?? '',
			person.email ?? ''
		])
	};
	return format === 'csv'
		? {
				fileName: `${base}.csv`,
				contentType: 'text/csv; charset=utf-8',
				body: toCsv(table),
				withoutEmail: []
			}
		: {
				fileName: `${base}.xlsx`,
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				body: await toXlsx(table),
				withoutEmail: []
			};
}
