import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { isPollState, uniqueSlug, type PollState, type QuestionKind } from '../../domain/polls';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import * as polls from '../repositories/polls';
import { requireMeeting } from './meeting-access';

/**
 * Polls prepared in the meeting: organizers create them, and add, edit, reorder and delete their
 * questions. Once a poll has been opened in the live session, or anyone answered it, its
 * questions are what people answered: it stays as it is (checked inside each change's
 * transaction, under the poll's row lock, so that the cockpit cannot open it half-changed).
 */

const Title = z.string().trim().min(1).max(300);
/** A poll as addresses name it: its key (the exchange format's id). */
export const PollKey = z.string().trim().min(1).max(100);

export const CreatePoll = z.strictObject({ title: Title });
export type CreatePoll = z.infer<typeof CreatePoll>;

export const RenamePoll = z.strictObject({ poll: PollKey, title: Title });
export type RenamePoll = z.infer<typeof RenamePoll>;

export const DeletePoll = z.strictObject({ poll: PollKey });
export type DeletePoll = z.infer<typeof DeletePoll>;

export interface QuestionView {
	id: string;
	key: string;
	text: string;
	kind: QuestionKind;
	options: { key: string; label: string }[];
	maxChoices: number | null;
	scale: { min: number; max: number; minLabel: string | null; maxLabel: string | null } | null;
}

export interface PollView {
	id: string;
	key: string;
	title: string;
	state: PollState;
	hasAnswers: boolean;
	/** Only a draft nobody answered can change. */
	isEditable: boolean;
	questions: QuestionView[];
}

export interface PollsMeeting {
	seriesSlug: string;
	number: number;
}

export interface PollsView {
	meeting: PollsMeeting;
	polls: PollView[];
}

function toPollView(poll: polls.PollRecord): PollView {
	const state: PollState = isPollState(poll.state) ? poll.state : 'closed';
	return {
		id: poll.id,
		key: poll.key,
		title: poll.title,
		state,
		hasAnswers: poll.hasAnswers,
		isEditable: state === 'draft' && !poll.hasAnswers,
		questions: poll.questions.map((question) => ({
			id: question.id,
			key: question.key,
			text: question.text,
			kind: question.kind as QuestionKind,
			options: question.options.map((option) => ({ key: option.key, label: option.label })),
			maxChoices: question.maxChoices,
			scale:
				question.scaleMin === null || question.scaleMax === null
					? null
					: {
							min: question.scaleMin,
							max: question.scaleMax,
							minLabel: question.scaleMinLabel,
							maxLabel: question.scaleMaxLabel
						}
		}))
	};
}

const meetingOf = (handle: MeetingHandle): PollsMeeting => ({
	seriesSlug: handle.seriesSlug,
	number: handle.number
});

/** Every poll of the meeting, for the organizers' page. */
export async function listMeetingPolls(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress
): Promise<PollsView> {
	const handle = await requireMeeting(db, actor, ref, 'manage');
	return {
		meeting: meetingOf(handle),
		polls: (await polls.listPolls(db, handle.meetingId)).map(toPollView)
	};
}

/** One poll by its key, with its questions. */
export async function getPoll(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	pollKey: string
): Promise<{ meeting: PollsMeeting; poll: PollView }> {
	const handle = await requireMeeting(db, actor, ref, 'manage');
	const poll = (await polls.listPolls(db, handle.meetingId)).find((entry) => entry.key === pollKey);
	if (!poll) throw notFound('polls.notFound');
	return { meeting: meetingOf(handle), poll: toPollView(poll) };
}

async function pollView(db: Kysely<Database>, meetingId: string, pollId: string): Promise<PollView> {
	const poll = (await polls.listPolls(db, meetingId)).find((entry) => entry.id === pollId);
	if (!poll) throw notFound('polls.notFound');
	return toPollView(poll);
}

/**
 * Inside a change's transaction: the poll by key, locked, and refused unless it is a draft that
 * nobody answered.
 */
async function editablePoll(
	trx: Kysely<Database>,
	meetingId: string,
	pollKey: string
): Promise<{ id: string; title: string }> {
	const found = (await polls.listPolls(trx, meetingId)).find((entry) => entry.key === pollKey);
	if (!found) throw notFound('polls.notFound');
	const poll = await polls.lockPoll(trx, meetingId, found.id);
	if (!poll) throw notFound('polls.notFound');
	if (poll.state !== 'draft') {
		throw conflict(poll.state === 'open' ? 'polls.notDraftOpen' : 'polls.notDraftClosed', {
			title: poll.title
		});
	}
	if (await polls.hasAnswers(trx, poll.id)) throw conflict('polls.hasAnswers', { title: poll.title });
	return { id: poll.id, title: poll.title };
}

/**
 * One change to a draft poll nobody answered (see `editablePoll`), in one transaction; the poll as
 * it is afterwards.
 */
export async function changeDraftPoll(
	db: Kysely<Database>,
	meetingId: string,
	pollKey: string,
	change: (trx: Kysely<Database>, poll: { id: string; title: string }) => Promise<void>
): Promise<PollView> {
	const pollId = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meetingId, pollKey);
		await change(trx, poll);
		return poll.id;
	});
	return pollView(db, meetingId, pollId);
}

export async function createPoll(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<PollView> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(CreatePoll, input);
	const id = randomUUID();
	const write = () =>
		db.transaction().execute(async (trx) => {
			const key = uniqueSlug(data.title, await polls.listPollKeys(trx, meeting.meetingId), 'umfrage');
			await polls.insertPoll(trx, {
				id,
				meetingId: meeting.meetingId,
				key,
				position: await polls.nextPollPosition(trx, meeting.meetingId),
				title: data.title
			});
		});
	try {
		await write();
	} catch (error) {
		// Two polls with the same title created at once: the second one takes the next free key.
		if (!isUniqueViolation(error)) throw error;
		await write();
	}
	return pollView(db, meeting.meetingId, id);
}

/** Renames a draft poll; its key stays, so that links and exported references keep working. */
export async function renamePoll(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<PollView> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(RenamePoll, input);
	return changeDraftPoll(db, meeting.meetingId, data.poll, (trx, poll) =>
		polls.renamePoll(trx, poll.id, data.title)
	);
}

/** Deletes a draft poll with its questions; agenda items that pointed at it no longer do. */
export async function deletePoll(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<{ title: string }> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(DeletePoll, input);
	return db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		await polls.deletePoll(trx, poll.id);
		return { title: poll.title };
	});
}
