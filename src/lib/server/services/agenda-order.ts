import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { moveStep, sortByStart } from '../../domain/agenda-items';
import {
	checkAgenda,
	earliestStart,
	layOutSequentially,
	shiftAgenda,
	type TimingProblem
} from '../../domain/agenda-timing';
import { conflict, notFound, problem, validationFailed } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as agenda from '../repositories/agenda';
import type { AgendaItemRecord } from '../repositories/agenda';
import { lockMeeting, type MeetingHandle } from '../repositories/meeting-lookup';
import { MoveAgendaItem, ReorderAgenda } from './agenda';
import { requireMeeting } from './meeting-access';
import { reviewPrefill } from './series-memory';

/**
 * The order of a meeting's agenda as a whole: reordering and moving items (the times follow from
 * the durations) and starting an empty agenda from the previous meeting's.
 */

/**
 * Puts the items in a new order and lays them out one after another from the earliest start,
 * each keeping its duration. Refused (nothing written) when the result leaves the meeting's time.
 */
async function applyOrder(
	db: Kysely<Database>,
	meeting: MeetingHandle,
	items: readonly AgendaItemRecord[],
	itemIds: readonly string[]
): Promise<void> {
	const byId = new Map(items.map((item) => [item.id, item]));
	const isPermutation =
		itemIds.length === items.length &&
		new Set(itemIds).size === itemIds.length &&
		itemIds.every((id) => byId.has(id));
	if (!isPermutation) throw validationFailed([problem('/itemIds', 'agenda.reorderMismatch')]);
	if (!items.length) return;
	const ordered = itemIds.map((id) => byId.get(id)!);
	const laidOut = layOutSequentially(ordered, earliestStart(items));
	const problems = checkAgenda(meeting, laidOut);
	if (problems.length) {
		throw validationFailed(
			problems.map((p: TimingProblem) => problem(`/itemIds/${p.index}`, p.key, p.params)),
			{ key: 'agenda.reorderRefused' }
		);
	}
	await agenda.updateSlots(
		db,
		meeting.meetingId,
		laidOut.map((item, position) => ({ id: item.id, position, start: item.start, end: item.end }))
	);
}

export async function reorderAgenda(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<AgendaItemRecord[]> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(ReorderAgenda, input);
	await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		await applyOrder(trx, meeting, await agenda.listAgendaItems(trx, meeting.meetingId), data.itemIds);
	});
	return agenda.listAgendaItems(db, meeting.meetingId);
}

/** Moves one item a step up or down; returns it with its new position and times. */
export async function moveAgendaItem(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<{ item: AgendaItemRecord; count: number }> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(MoveAgendaItem, input);
	await db.transaction().execute(async (trx) => {
		// Other changes to this agenda wait: the overlap check below sees every committed item.
		await lockMeeting(trx, meeting.meetingId);
		const items = await agenda.listAgendaItems(trx, meeting.meetingId);
		if (!items.some((item) => item.id === data.itemId)) throw notFound('agenda.itemNotFound');
		const ids = items.map((item) => item.id);
		await applyOrder(trx, meeting, items, moveStep(ids, data.itemId, data.direction === 'up' ? -1 : 1));
	});
	const items = await agenda.listAgendaItems(db, meeting.meetingId);
	return { item: items.find((item) => item.id === data.itemId)!, count: items.length };
}

/**
 * Starts an empty agenda from the previous meeting's (the next lower number in the series),
 * shifted to this meeting's start, with details; speakers are matched by person key and dropped
 * when the person is not one of this meeting's people. Polls and breakout rounds stay behind.
 */
export async function copyPreviousAgenda(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress
): Promise<{ fromNumber: number; items: AgendaItemRecord[] }> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const fromNumber = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		if ((await agenda.listAgendaItems(trx, meeting.meetingId)).length) throw conflict('agenda.copyNotEmpty');
		const previous = await agenda.findPreviousMeeting(trx, meeting.seriesId, meeting.number);
		if (!previous) throw conflict('agenda.noPreviousMeeting');
		const source = await agenda.listAgendaItems(trx, previous.meetingId);
		const shifted = shiftAgenda(source, previous.start, meeting.start);
		const problems = checkAgenda(meeting, shifted);
		if (problems.length) {
			throw validationFailed(
				problems.map((p) => problem(`/items/${p.index}/${p.field}`, p.key, p.params)),
				{
					key: 'agenda.copyRefused',
					params: { number: previous.number, start: meeting.start, end: meeting.end }
				}
			);
		}
		const people = await agenda.listMeetingPeople(trx, meeting.meetingId);
		const idByKey = new Map(people.map((person) => [person.personKey, person.id]));
		for (const [position, item] of sortByStart(shifted).entries()) {
			const id = randomUUID();
			await agenda.insertAgendaItem(trx, {
				id,
				meetingId: meeting.meetingId,
				position,
				start: item.start,
				end: item.end,
				kind: item.kind,
				title: item.title,
				details: (await reviewPrefill(trx, meeting, item.title)) ?? item.details,
				// Polls belong to their meeting: the copy opens none.
				pollId: null
			});
			const speakers = item.speakers.flatMap((speaker) => idByKey.get(speaker.personKey) ?? []);
			await agenda.replaceSpeakers(trx, id, speakers);
		}
		return previous.number;
	});
	return { fromNumber, items: await agenda.listAgendaItems(db, meeting.meetingId) };
}
