import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { agendaKinds, paragraphsFrom, resolveSlot, sortByStart } from '../../domain/agenda-items';
import { checkItemInAgenda, durationOf, nextFreeStart, TIME_PATTERN } from '../../domain/agenda-timing';
import { notFound, problem, validationFailed } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as agenda from '../repositories/agenda';
import type { AgendaItemRecord, MeetingPersonRecord, MeetingPollRecord } from '../repositories/agenda';
import { lockMeeting, type MeetingHandle } from '../repositories/meeting-lookup';
import { requireMeeting } from './meeting-access';
import { reviewPrefill } from './series-memory';

/**
 * The agenda (Ablaufplan) of a meeting: reading it, and building it item by item. Every change
 * is checked against the timing rules (domain/agenda-timing.ts) before anything is written, and
 * leaves the positions contiguous (0..n-1) and in time order.
 */

/** Forms send empty fields as empty strings: those mean "not given". */
const blankAsUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const Time = z.string().trim().regex(TIME_PATTERN);
const OptionalTime = z.preprocess(blankAsUndefined, Time.optional());
const OptionalDuration = z.preprocess(
	blankAsUndefined,
	z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.optional()
);
const Kind = z.enum(agendaKinds);
const Title = z.string().trim().min(1).max(500);
/** Details as paragraphs: a text with blank lines between them (forms) or a list (API). */
const Details = z.union([
	z.string().max(20_000).transform(paragraphsFrom),
	z.array(z.string().trim().min(1).max(5_000)).max(50)
]);
/** Speakers: ids of the meeting's people, in the order they are named. */
const Speakers = z.array(z.string().trim().min(1).max(100)).max(50);
/**
 * The poll an item of kind poll opens: the id of one of the meeting's polls (as `pollId` in the
 * item, and as the live actions name polls), or null (forms: empty) for none.
 */
const PollChoice = z.preprocess(
	(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
	z.string().trim().min(1).max(100).nullable()
);

/** Add an item: a start (default: the next free start) and either an end or a duration. */
export const AddAgendaItem = z.strictObject({
	kind: Kind,
	title: Title,
	details: Details.optional(),
	speakers: Speakers.optional(),
	pollId: PollChoice.optional(),
	start: OptionalTime,
	end: OptionalTime,
	duration: OptionalDuration
});
export type AddAgendaItem = z.infer<typeof AddAgendaItem>;

/**
 * Change an item: only what is given changes; a new start alone keeps the duration. An item that
 * stops being of kind poll no longer opens a poll.
 */
export const UpdateAgendaItem = z.strictObject({
	kind: Kind.optional(),
	title: Title.optional(),
	details: Details.optional(),
	speakers: Speakers.optional(),
	pollId: PollChoice.optional(),
	start: OptionalTime,
	end: OptionalTime,
	duration: OptionalDuration
});
export type UpdateAgendaItem = z.infer<typeof UpdateAgendaItem>;

/** A new order: every item id exactly once. Times are recomputed from the durations. */
export const ReorderAgenda = z.strictObject({
	itemIds: z.array(z.string().trim().min(1).max(100)).max(500)
});
export type ReorderAgenda = z.infer<typeof ReorderAgenda>;

/** One step up or down (the buttons of the page). */
export const MoveAgendaItem = z.strictObject({
	itemId: z.string().trim().min(1).max(100),
	direction: z.enum(['up', 'down'])
});
export type MoveAgendaItem = z.infer<typeof MoveAgendaItem>;

export interface AgendaMeeting {
	seriesSlug: string;
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	isPublished: boolean;
}

export interface AgendaView {
	meeting: AgendaMeeting;
	items: AgendaItemRecord[];
}

export interface AgendaEditorView extends AgendaView {
	people: MeetingPersonRecord[];
	/** The polls an item of kind poll can open. */
	polls: MeetingPollRecord[];
	/** The number of the meeting to copy from: only when this agenda is empty and one exists. */
	copyFromNumber: number | null;
	nextFreeStart: string;
}

function agendaMeeting(handle: MeetingHandle): AgendaMeeting {
	return {
		seriesSlug: handle.seriesSlug,
		number: handle.number,
		date: handle.date,
		start: handle.start,
		end: handle.end,
		timeZone: handle.timeZone,
		isPublished: handle.isPublished
	};
}

/** A published meeting's agenda is public; a draft's only for those who manage it. */
export async function getAgenda(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress
): Promise<AgendaView> {
	const handle = await requireMeeting(db, actor, ref, 'view');
	return { meeting: agendaMeeting(handle), items: await agenda.listAgendaItems(db, handle.meetingId) };
}

/** Everything the agenda builder page shows. */
export async function getAgendaEditor(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress
): Promise<AgendaEditorView> {
	const handle = await requireMeeting(db, actor, ref, 'manage');
	const [items, people, polls, previous] = await Promise.all([
		agenda.listAgendaItems(db, handle.meetingId),
		agenda.listMeetingPeople(db, handle.meetingId),
		agenda.listMeetingPolls(db, handle.meetingId),
		agenda.findPreviousMeeting(db, handle.seriesId, handle.number)
	]);
	return {
		meeting: agendaMeeting(handle),
		items,
		people,
		polls,
		copyFromNumber: !items.length && previous ? previous.number : null,
		nextFreeStart: nextFreeStart(handle, items)
	};
}

/** The speakers as person ids of this meeting, without repeats; unknown ids are refused. */
function checkSpeakers(speakers: readonly string[], people: readonly MeetingPersonRecord[]): string[] {
	const known = new Set(people.map((person) => person.id));
	const unknownIndex = speakers.findIndex((id) => !known.has(id));
	if (unknownIndex >= 0)
		throw validationFailed([problem(`/speakers/${unknownIndex}`, 'agenda.unknownSpeaker')]);
	return [...new Set(speakers)];
}

/** The poll an item opens: only an item of kind poll opens one, and only a poll of its meeting. */
async function checkPoll(db: Kysely<Database>, meetingId: string, kind: string, pollId: string | null) {
	if (pollId === null) return null;
	if (kind !== 'poll') throw validationFailed([problem('/pollId', 'agenda.pollOnlyForPollItems')]);
	const polls = await agenda.listMeetingPolls(db, meetingId);
	if (!polls.some((poll) => poll.id === pollId))
		throw validationFailed([problem('/pollId', 'agenda.unknownPoll')]);
	return pollId;
}

/** Refuses a slot or timing problem of one item, naming the field it is about. */
function slotOrThrow(input: { start: string; end?: string; durationMinutes?: number }) {
	const slot = resolveSlot(input);
	if (!slot.ok) throw validationFailed([problem(`/${slot.field}`, slot.key, slot.params)]);
	return slot;
}

function checkItemOrThrow(
	meeting: MeetingHandle,
	others: readonly AgendaItemRecord[],
	item: { start: string; end: string; title: string }
): void {
	const problems = checkItemInAgenda(meeting, others, item);
	if (problems.length) throw validationFailed(problems.map((p) => problem(`/${p.field}`, p.key, p.params)));
}

/** Positions follow the times: sorts by start (stable) and writes positions 0..n-1 where they changed. */
async function renumber(
	db: Kysely<Database>,
	meetingId: string,
	items: readonly { id: string; position: number; start: string; end: string }[]
): Promise<void> {
	const slots = sortByStart(items).map((item, position) => ({ ...item, position }));
	await agenda.updateSlots(
		db,
		meetingId,
		slots.filter((slot) => slot.position !== items.find((item) => item.id === slot.id)?.position)
	);
}

async function itemById(db: Kysely<Database>, meetingId: string, itemId: string): Promise<AgendaItemRecord> {
	const item = (await agenda.listAgendaItems(db, meetingId)).find((entry) => entry.id === itemId);
	if (!item) throw notFound('agenda.itemNotFound');
	return item;
}

export async function addAgendaItem(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<AgendaItemRecord> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(AddAgendaItem, input);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		// Other changes to this agenda wait: the overlap check below sees every committed item.
		await lockMeeting(trx, meeting.meetingId);
		const items = await agenda.listAgendaItems(trx, meeting.meetingId);
		const slot = slotOrThrow({
			start: data.start ?? nextFreeStart(meeting, items),
			end: data.end,
			durationMinutes: data.duration
		});
		checkItemOrThrow(meeting, items, { start: slot.start, end: slot.end, title: data.title });
		const speakers = checkSpeakers(
			data.speakers ?? [],
			await agenda.listMeetingPeople(trx, meeting.meetingId)
		);
		const pollId = await checkPoll(trx, meeting.meetingId, data.kind, data.pollId ?? null);
		const position = items.length;
		await agenda.insertAgendaItem(trx, {
			id,
			meetingId: meeting.meetingId,
			position,
			start: slot.start,
			end: slot.end,
			kind: data.kind,
			title: data.title,
			// "Rückblick auf das letzte Treffen" left empty is prefilled from the previous meeting.
			details: data.details?.length ? data.details : ((await reviewPrefill(trx, meeting, data.title)) ?? []),
			pollId
		});
		await agenda.replaceSpeakers(trx, id, speakers);
		await renumber(trx, meeting.meetingId, [...items, { id, position, start: slot.start, end: slot.end }]);
	});
	return itemById(db, meeting.meetingId, id);
}

export async function updateAgendaItem(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	itemId: string,
	input: unknown
): Promise<AgendaItemRecord> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(UpdateAgendaItem, input);
	await db.transaction().execute(async (trx) => {
		// Other changes to this agenda wait: the overlap check below sees every committed item.
		await lockMeeting(trx, meeting.meetingId);
		const items = await agenda.listAgendaItems(trx, meeting.meetingId);
		const current = items.find((item) => item.id === itemId);
		if (!current) throw notFound('agenda.itemNotFound');
		const start = data.start ?? current.start;
		const keepsSlotShape = data.end === undefined && data.duration === undefined;
		// A new start alone moves the item and keeps its duration.
		const slot = keepsSlotShape
			? slotOrThrow({ start, durationMinutes: Math.max(1, durationOf(current)) })
			: slotOrThrow({ start, end: data.end, durationMinutes: data.duration });
		const title = data.title ?? current.title;
		const others = items.filter((item) => item.id !== itemId);
		checkItemOrThrow(meeting, others, { start: slot.start, end: slot.end, title });
		const speakers =
			data.speakers && checkSpeakers(data.speakers, await agenda.listMeetingPeople(trx, meeting.meetingId));
		const kind = data.kind ?? current.kind;
		const pollId =
			data.pollId !== undefined
				? await checkPoll(trx, meeting.meetingId, kind, data.pollId)
				: data.kind !== undefined && data.kind !== 'poll'
					? null
					: current.pollId;
		await agenda.updateAgendaItem(trx, meeting.meetingId, {
			id: itemId,
			start: slot.start,
			end: slot.end,
			kind,
			title,
			details: data.details ?? current.details,
			pollId
		});
		if (speakers) await agenda.replaceSpeakers(trx, itemId, speakers);
		await renumber(
			trx,
			meeting.meetingId,
			items.map((item) => (item.id === itemId ? { ...item, start: slot.start, end: slot.end } : item))
		);
	});
	return itemById(db, meeting.meetingId, itemId);
}

/** Deletes an item; the ones after it move up a position. Returns the deleted item's title. */
export async function deleteAgendaItem(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	itemId: string
): Promise<{ title: string }> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	return db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const items = await agenda.listAgendaItems(trx, meeting.meetingId);
		const current = items.find((item) => item.id === itemId);
		if (!current) throw notFound('agenda.itemNotFound');
		await agenda.deleteAgendaItem(trx, meeting.meetingId, itemId);
		await renumber(
			trx,
			meeting.meetingId,
			items.filter((item) => item.id !== itemId)
		);
		return { title: current.title };
	});
}
