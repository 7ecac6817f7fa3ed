import type { Kysely, Selectable } from 'kysely';
import type { BreakoutRoundTable, Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Breakout rounds (and the meeting's findings and noun they show): Kysely queries only. */

export interface RoundRow {
	id: string;
	key: string;
	position: number;
	title: string;
	description: string | null;
	questions: string[];
	synthesis: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: string;
	dotsPerPerson: number;
	assignmentRuns: number;
	status: string;
	startedAt: string | null;
	endsAt: string | null;
	agendaItemId: string | null;
	meetingId: string;
	broadcastText: string | null;
	broadcastAt: string | null;
	warnedAt: string | null;
	closedAt: string | null;
	assignmentRevision: number;
}

type Db = Kysely<Database>;

export function toRound(row: Selectable<BreakoutRoundTable>): RoundRow {
	return {
		id: row.id,
		key: row.round_key,
		position: row.position,
		title: row.title,
		description: row.description,
		questions: fromJsonList(row.questions),
		synthesis: fromJsonList(row.synthesis),
		columns: fromJsonList(row.columns),
		roomCount: row.room_count,
		roomSize: row.room_size,
		durationMinutes: row.duration_minutes,
		mode: row.assignment_mode,
		dotsPerPerson: row.dots_per_person,
		assignmentRuns: row.assignment_runs,
		status: row.status,
		startedAt: row.started_at,
		endsAt: row.ends_at,
		agendaItemId: row.agenda_item_id,
		meetingId: row.meeting_id,
		broadcastText: row.broadcast_text,
		broadcastAt: row.broadcast_at,
		warnedAt: row.warned_at,
		closedAt: row.closed_at,
		assignmentRevision: row.assignment_revision
	};
}

export async function listRounds(db: Db, meetingId: string): Promise<RoundRow[]> {
	const rows = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	return rows.map((row) => toRound(row));
}

export async function findRound(db: Db, meetingId: string, key: string): Promise<RoundRow | undefined> {
	const row = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.where('round_key', '=', key)
		.executeTakeFirst();
	return row ? toRound(row) : undefined;
}

/**
 * Takes the round's row lock for the rest of the transaction (PostgreSQL; SQLite's write
 * transaction is exclusive already): dot votes of one round are counted and cast one at a time,
 * so that two concurrent votes cannot both pass the per-person limit.
 */
export async function lockRound(db: Db, roundId: string): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set((eb) => ({ assignment_runs: eb.ref('assignment_runs') }))
		.where('id', '=', roundId)
		.execute();
}

export interface RoundFields {
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: string;
	dotsPerPerson: number;
	agendaItemId: string | null;
}

const roundColumns = (fields: RoundFields) => ({
	title: fields.title,
	description: fields.description,
	questions: toJsonList(fields.questions),
	columns: toJsonList(fields.columns),
	room_count: fields.roomCount,
	room_size: fields.roomSize,
	duration_minutes: fields.durationMinutes,
	assignment_mode: fields.mode,
	dots_per_person: fields.dotsPerPerson,
	agenda_item_id: fields.agendaItemId
});

export async function insertRound(
	db: Db,
	meetingId: string,
	id: string,
	key: string,
	fields: RoundFields
): Promise<void> {
	const last = await db
		.selectFrom('breakout_rounds')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	await db
		.insertInto('breakout_rounds')
		.values({
			id,
			meeting_id: meetingId,
			round_key: key,
			position: Number(last?.max ?? -1) + 1,
			synthesis: toJsonList([]),
			...roundColumns(fields)
		})
		.execute();
}

export async function updateRound(db: Db, roundId: string, fields: RoundFields): Promise<void> {
	await db.updateTable('breakout_rounds').set(roundColumns(fields)).where('id', '=', roundId).execute();
}

export async function deleteRound(db: Db, roundId: string): Promise<void> {
	await db.deleteFrom('breakout_rounds').where('id', '=', roundId).execute();
}

export async function setRoundSynthesis(db: Db, roundId: string, paragraphs: string[]): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set({ synthesis: toJsonList(paragraphs) })
		.where('id', '=', roundId)
		.execute();
}

export async function countAssignmentRun(db: Db, roundId: string): Promise<number> {
	await db
		.updateTable('breakout_rounds')
		.set((eb) => ({ assignment_runs: eb('assignment_runs', '+', 1) }))
		.where('id', '=', roundId)
		.execute();
	const row = await db
		.selectFrom('breakout_rounds')
		.select('assignment_runs')
		.where('id', '=', roundId)
		.executeTakeFirstOrThrow();
	return row.assignment_runs;
}

export async function setMeetingFindings(db: Db, meetingId: string, paragraphs: string[]): Promise<void> {
	await db
		.updateTable('meetings')
		.set({ findings: toJsonList(paragraphs), updated_at: new Date().toISOString() })
		.where('id', '=', meetingId)
		.execute();
}

/** The series' noun for its meetings ("Austauschtreffen"), for page titles. */
export async function meetingNoun(db: Db, seriesId: string): Promise<string> {
	const row = await db
		.selectFrom('series')
		.select('meeting_noun')
		.where('id', '=', seriesId)
		.executeTakeFirst();
	return row?.meeting_noun ?? '';
}

export async function meetingFindings(db: Db, meetingId: string): Promise<string[]> {
	const row = await db
		.selectFrom('meetings')
		.select('findings')
		.where('id', '=', meetingId)
		.executeTakeFirst();
	return fromJsonList(row?.findings);
}

// Running a round live

/** Starts (or restarts) the round: running from `startedAt` to `endsAt`, no warning or message yet. */
export async function markRunning(
	db: Db,
	roundId: string,
	times: { startedAt: string; endsAt: string }
): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set({
			status: 'running',
			started_at: times.startedAt,
			ends_at: times.endsAt,
			warned_at: null,
			closed_at: null,
			broadcast_text: null,
			broadcast_at: null
		})
		.where('id', '=', roundId)
		.execute();
}

/**
 * Closes the round if it still runs; returns whether this call closed it. Guarded by the status in
 * the same UPDATE, so that of several instances (or a moderator and the timer) exactly one closes it.
 */
export async function markClosed(db: Db, roundId: string, closedAt: string): Promise<boolean> {
	const result = await db
		.updateTable('breakout_rounds')
		.set({ status: 'closed', closed_at: closedAt })
		.where('id', '=', roundId)
		.where('status', '=', 'running')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Marks the running round's rooms as warned of the end, once; returns whether this call did. */
export async function markWarned(db: Db, roundId: string, warnedAt: string): Promise<boolean> {
	const result = await db
		.updateTable('breakout_rounds')
		.set({ warned_at: warnedAt })
		.where('id', '=', roundId)
		.where('status', '=', 'running')
		.where('warned_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** A new end for the running round; its warning is due again. */
export async function setRoundEnd(db: Db, roundId: string, endsAt: string): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set({ ends_at: endsAt, warned_at: null })
		.where('id', '=', roundId)
		.execute();
}

export async function setBroadcast(db: Db, roundId: string, text: string, at: string): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set({ broadcast_text: text, broadcast_at: at })
		.where('id', '=', roundId)
		.execute();
}

/** Counts a change of who is in which room (live pages reload their room when it grows). */
export async function bumpAssignmentRevision(db: Db, roundId: string): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set((eb) => ({ assignment_revision: eb('assignment_revision', '+', 1) }))
		.where('id', '=', roundId)
		.execute();
}

/** The meeting's running round; else the round closed last, if it closed at or after `closedSince`. */
export async function findLiveRound(
	db: Db,
	meetingId: string,
	closedSince: string
): Promise<RoundRow | undefined> {
	// One query (it is part of every live state): the few candidates, the running one first.
	const rows = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.where((eb) =>
			eb.or([
				eb('status', '=', 'running'),
				eb.and([eb('status', '=', 'closed'), eb('closed_at', '>=', closedSince)])
			])
		)
		.execute();
	const running = rows.filter((row) => row.status === 'running');
	const pick = (running.length ? running : rows).reduce<(typeof rows)[number] | undefined>(
		(latest, row) =>
			!latest || (row.closed_at ?? row.started_at ?? '') > (latest.closed_at ?? latest.started_at ?? '')
				? row
				: latest,
		undefined
	);
	return pick ? toRound(pick) : undefined;
}

/** Every running round with an end (of one meeting, or of all): what the round timer watches. */
export async function listTimedRunningRounds(db: Db, meetingId?: string): Promise<RoundRow[]> {
	let query = db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('status', '=', 'running')
		.where('ends_at', 'is not', null);
	if (meetingId !== undefined) query = query.where('meeting_id', '=', meetingId);
	const rows = await query.orderBy('ends_at').execute();
	return rows.map((row) => toRound(row));
}
