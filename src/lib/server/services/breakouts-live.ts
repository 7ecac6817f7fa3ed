import type { Kysely } from 'kysely';
import { z } from 'zod';
import { durationOf } from '../../domain/agenda-timing';
import {
	DEFAULT_DOTS_PER_PERSON,
	DEFAULT_DURATION_MINUTES,
	endsAt as endOf,
	isRoundStatus,
	normalizeColumns
} from '../../domain/breakouts/config';
import type { LiveRoundView } from '../../domain/breakouts/live-views';
import { conflict, problem, validationFailed } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import { listAgendaItems, type AgendaItemRecord } from '../repositories/agenda';
import * as repo from '../repositories/breakouts';
import { meetingToManage, roundOf } from './breakouts-access';
import { assignInTransaction } from './breakouts-assignment';
import { listPlacements, placeEveryoneUnplaced } from './breakouts-placement';
import { insertRoundWithKey } from './breakouts-rounds';
import { findLiveRound, liveRoundView } from './breakouts-live-view';
import { publishState } from './live-state';

/**
 * Running a breakout round from the cockpit: start it from its agenda item (people and the
 * session's guests placed, the clock set from the item's duration), send a message to every room,
 * give it more time, end it. Its end comes by itself too: `advanceRounds` (run by the round timer,
 * jobs/breakout-rounds.ts) warns every room a minute before and closes the round at its end.
 * Every change is published as a live `state` (LiveState `breakout`). Only the meeting's
 * organizers and moderators (`requireMeeting(…, 'moderate')`), checked before any input is read.
 */

type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** Rooms are warned this long before the round ends. */
export const WARNING_MS = 60_000;

const RowId = z.string().trim().min(1).max(100);
export const StartRound = z.strictObject({ agendaItem: RowId });
export const RoundRef = z.strictObject({ round: RowId });
export const BroadcastToRooms = z.strictObject({ round: RowId, text: z.string().trim().min(1).max(500) });
export const ExtendRound = z.strictObject({ round: RowId, minutes: z.coerce.number().int().min(1).max(120) });

const sameTitle = (a: string, b: string) =>
	a.trim().toLocaleLowerCase('de') === b.trim().toLocaleLowerCase('de');

/** The item's round: linked to it, else linked from it (imported), else the one of the same title. */
function roundForItem(rounds: repo.RoundRow[], item: AgendaItemRecord): repo.RoundRow | undefined {
	return (
		rounds.find((round) => round.agendaItemId === item.id) ??
		rounds.find((round) => round.id === item.breakoutRoundId) ??
		rounds.find((round) => sameTitle(round.title, item.title))
	);
}

/** A new round from the agenda item: its title and duration, rooms of five, assigned at random. */
function fieldsFromItem(item: AgendaItemRecord): repo.RoundFields {
	const minutes = durationOf(item);
	return {
		title: item.title,
		description: null,
		questions: [],
		columns: normalizeColumns([]),
		roomCount: null,
		roomSize: 5,
		durationMinutes: minutes > 0 ? minutes : DEFAULT_DURATION_MINUTES,
		mode: 'random',
		dotsPerPerson: DEFAULT_DOTS_PER_PERSON,
		agendaItemId: item.id
	};
}

/**
 * "Runde starten" on an agenda item of kind `breakout`: takes the item's round (or makes one from
 * the item), assigns everyone if nobody is placed yet (else places those who are not, by the
 * round's rule), and runs it from now for the item's duration (the round's own duration when the
 * item has none). Another round of the meeting still running is a conflict: end it first.
 * Starting the round that already runs changes nothing.
 */
export async function startRoundFromAgendaItem(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	address: MeetingAddress,
	agendaItemId: string,
	clock: Clock = systemClock
): Promise<{ key: string; endsAt: string }> {
	const handle = await meetingToManage(db, actor, address);
	const { agendaItem } = parseOrThrow(StartRound, { agendaItem: agendaItemId });
	const item = (await listAgendaItems(db, handle.meetingId)).find((entry) => entry.id === agendaItem);
	if (!item || item.kind !== 'breakout')
		throw validationFailed([problem('agendaItem', 'breakouts.notBreakoutItem')]);
	return startIn(db, bus, handle.meetingId, clock, async (trx, rounds) => {
		const round = roundForItem(rounds, item);
		if (!round) {
			const { key } = await insertRoundWithKey(trx, handle.meetingId, fieldsFromItem(item));
			return { round: (await repo.findRound(trx, handle.meetingId, key))!, item };
		}
		if (round.agendaItemId !== item.id)
			await repo.updateRound(trx, round.id, { ...round, agendaItemId: item.id });
		return { round, item };
	});
}

/** Starts a round by its key (the API): timed by its agenda item when it has one, else by its duration. */
export async function startRound(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	address: MeetingAddress,
	roundKey: string,
	clock: Clock = systemClock
): Promise<{ key: string; endsAt: string }> {
	const { handle, round } = await roundToRun(db, actor, address, roundKey);
	const items = await listAgendaItems(db, handle.meetingId);
	const item = items.find((entry) => entry.id === round.agendaItemId || entry.breakoutRoundId === round.id);
	return startIn(db, bus, handle.meetingId, clock, async () => ({ round, item }));
}

/** The common part of starting: in one transaction, then the new state is published. */
async function startIn(
	db: Kysely<Database>,
	bus: LiveBus,
	meetingId: string,
	clock: Clock,
	pick: (
		trx: Kysely<Database>,
		rounds: repo.RoundRow[]
	) => Promise<{ round: repo.RoundRow; item: AgendaItemRecord | undefined }>
): Promise<{ key: string; endsAt: string }> {
	const started = await db.transaction().execute(async (trx) => {
		const rounds = await repo.listRounds(trx, meetingId);
		const { round, item } = await pick(trx, rounds);
		const running = rounds.find((entry) => entry.status === 'running');
		if (running?.id === round.id) return { round: running, isNew: false };
		if (running) throw conflict('breakouts.otherRoundRunning', { title: running.title });
		if ((await listPlacements(trx, round.id)).length === 0) await assignInTransaction(trx, meetingId, round);
		else await placeEveryoneUnplaced(trx, round, meetingId);
		const now = clock().toISOString();
		const minutes = item && durationOf(item) > 0 ? durationOf(item) : round.durationMinutes;
		await repo.markRunning(trx, round.id, { startedAt: now, endsAt: endOf(now, minutes) });
		return { round: (await repo.findRound(trx, meetingId, round.key))!, isNew: true };
	});
	if (started.isNew) await publishState(bus, meetingId);
	return { key: started.round.key, endsAt: started.round.endsAt ?? '' };
}

async function roundToRun(db: Kysely<Database>, actor: Actor, address: MeetingAddress, key: string) {
	const handle = await meetingToManage(db, actor, address);
	const { round: roundKey } = parseOrThrow(RoundRef, { round: key });
	const round = await roundOf(db, handle, roundKey);
	return { handle, round };
}

/** Ends the round now (a round already closed stays closed: ending twice is harmless). */
export async function endRound(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	address: MeetingAddress,
	roundKey: string,
	clock: Clock = systemClock
): Promise<void> {
	const { handle, round } = await roundToRun(db, actor, address, roundKey);
	if (round.status === 'draft') throw conflict('breakouts.notRunning');
	if (await repo.markClosed(db, round.id, clock().toISOString())) await publishState(bus, handle.meetingId);
}

/** A message to every room of the running round (LiveRoundView `broadcast`). */
export async function broadcastToRooms(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	address: MeetingAddress,
	roundKey: string,
	text: string,
	clock: Clock = systemClock
): Promise<void> {
	const { handle } = await roundToRun(db, actor, address, roundKey);
	const parsed = parseOrThrow(BroadcastToRooms, { round: roundKey, text });
	const round = await roundOf(db, handle, parsed.round);
	if (round.status !== 'running') throw conflict('breakouts.notRunning');
	await repo.setBroadcast(db, round.id, parsed.text, clock().toISOString());
	await publishState(bus, handle.meetingId);
}

/** More time for the running round: its end moves by `minutes` (from now, if it is already over). */
export async function extendRound(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	address: MeetingAddress,
	roundKey: string,
	minutes: number | string,
	clock: Clock = systemClock
): Promise<{ endsAt: string }> {
	const { handle } = await roundToRun(db, actor, address, roundKey);
	const parsed = parseOrThrow(ExtendRound, { round: roundKey, minutes });
	const round = await roundOf(db, handle, parsed.round);
	if (round.status !== 'running') throw conflict('breakouts.notRunning');
	const now = clock().toISOString();
	const from = round.endsAt && round.endsAt > now ? round.endsAt : now;
	const endsAt = endOf(from, parsed.minutes);
	await repo.setRoundEnd(db, round.id, endsAt);
	await publishState(bus, handle.meetingId);
	return { endsAt };
}

/**
 * The round timer's step at `now`: every running round whose end has come is closed, every one
 * within a minute of its end is warned (LiveRoundView `endingSoon`), each published as a state.
 * Both are guarded UPDATEs, so that several instances (or a restarted one) running this at once
 * close and warn each round exactly once. Returns when the next step is due.
 */
export async function advanceRounds(
	db: Kysely<Database>,
	bus: LiveBus,
	now: Date,
	/** Only this meeting's rounds (tests running side by side); the timer takes every meeting's. */
	meetingId?: string
): Promise<{ warned: number; closed: number; nextDueAt: Date | null }> {
	let warned = 0;
	let closed = 0;
	let nextDue: number | null = null;
	const due = (at: number) => {
		nextDue = nextDue === null ? at : Math.min(nextDue, at);
	};
	for (const round of await repo.listTimedRunningRounds(db, meetingId)) {
		const end = Date.parse(round.endsAt!);
		if (end <= now.getTime()) {
			if (await publishAfter(db, bus, round, repo.markClosed(db, round.id, now.toISOString()))) closed += 1;
		} else if (end - WARNING_MS <= now.getTime()) {
			if (
				!round.warnedAt &&
				(await publishAfter(db, bus, round, repo.markWarned(db, round.id, now.toISOString())))
			)
				warned += 1;
			due(end);
		} else due(end - WARNING_MS);
	}
	return { warned, closed, nextDueAt: nextDue === null ? null : new Date(nextDue) };
}

async function publishAfter(
	db: Kysely<Database>,
	bus: LiveBus,
	round: repo.RoundRow,
	change: Promise<boolean>
): Promise<boolean> {
	if (!(await change)) return false;
	await publishState(bus, round.meetingId);
	return true;
}

export interface CockpitBreakouts {
	/** The agenda's breakout items, each with its round (linked, or of the same title) and its status. */
	items: {
		agendaItemId: string;
		title: string;
		start: string;
		end: string;
		roundKey: string | null;
		status: 'draft' | 'running' | 'closed' | null;
	}[];
	/** The running (or just closed) round with its rooms' members and cards counted. */
	current:
		(LiveRoundView & { rooms: { id: string; name: string; members: number; cardCount: number }[] }) | null;
}

/** What the cockpit shows of breakout rounds (its load calls this after authorizing). */
export async function cockpitBreakouts(db: Kysely<Database>, meetingId: string): Promise<CockpitBreakouts> {
	const rounds = await repo.listRounds(db, meetingId);
	const items = (await listAgendaItems(db, meetingId)).filter((item) => item.kind === 'breakout');
	const live = await findLiveRound(db, meetingId);
	let current: CockpitBreakouts['current'] = null;
	if (live) {
		const rooms = await repo.listRooms(db, live.id);
		const placements = await listPlacements(db, live.id);
		const cards = await repo.listCards(db, live.id);
		current = {
			...liveRoundView(live),
			rooms: rooms.map((room) => ({
				id: room.id,
				name: room.name,
				members: placements.filter((placement) => placement.roomId === room.id).length,
				cardCount: cards.filter((card) => card.roomId === room.id).length
			}))
		};
	}
	return {
		items: items.map((item) => {
			const round = roundForItem(rounds, item);
			return {
				agendaItemId: item.id,
				title: item.title,
				start: item.start,
				end: item.end,
				roundKey: round?.key ?? null,
				status: round ? (isRoundStatus(round.status) ? round.status : 'draft') : null
			};
		}),
		current
	};
}
