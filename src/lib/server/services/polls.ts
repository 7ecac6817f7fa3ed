import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound, problem, validationFailed, type Problem } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import {
	checkQuestion,
	hasOptions,
	isPollState,
	MAX_OPTIONS,
	optionKeys,
	optionLines,
	questionKinds,
	SCALE_LIMIT,
	uniqueSlug,
	type PollState,
	type QuestionKind
} from '../../domain/polls';
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

const blankAsUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const Title = z.string().trim().min(1).max(300);
/** A poll as addresses name it: its key (the exchange format's id). */
const PollKey = z.string().trim().min(1).max(100);
const RowId = z.string().trim().min(1).max(100);
/** Whole numbers come as numbers (API) or as text (forms); the service reads them itself. */
const WholeNumber = z.preprocess(blankAsUndefined, z.union([z.number(), z.string().max(20)]).optional());
const OptionalLabel = z.preprocess(blankAsUndefined, z.string().trim().max(200).optional());
/** Options: one per line (forms) or a list (API). */
const Options = z.preprocess(
	(value) => (typeof value === 'string' ? optionLines(value) : value),
	z.array(z.string().trim().min(1).max(300)).max(MAX_OPTIONS)
);

export const CreatePoll = z.strictObject({ title: Title });
export type CreatePoll = z.infer<typeof CreatePoll>;

export const RenamePoll = z.strictObject({ poll: PollKey, title: Title });
export type RenamePoll = z.infer<typeof RenamePoll>;

export const DeletePoll = z.strictObject({ poll: PollKey });
export type DeletePoll = z.infer<typeof DeletePoll>;

const questionFields = {
	text: z.string().trim().min(1).max(1000),
	kind: z.enum(questionKinds),
	/** single and multiple: at least two; ignored for the other kinds. */
	options: Options.optional(),
	/** multiple: the most options one participant may choose (empty: no limit). */
	maxChoices: WholeNumber,
	scaleMin: WholeNumber,
	scaleMax: WholeNumber,
	scaleMinLabel: OptionalLabel,
	scaleMaxLabel: OptionalLabel
};

export const AddQuestion = z.strictObject({ poll: PollKey, ...questionFields });
export type AddQuestion = z.infer<typeof AddQuestion>;

export const UpdateQuestion = z.strictObject({ poll: PollKey, questionId: RowId, ...questionFields });
export type UpdateQuestion = z.infer<typeof UpdateQuestion>;

export const DeleteQuestion = z.strictObject({ poll: PollKey, questionId: RowId });
export type DeleteQuestion = z.infer<typeof DeleteQuestion>;

export const MoveQuestion = z.strictObject({
	poll: PollKey,
	questionId: RowId,
	direction: z.enum(['up', 'down'])
});
export type MoveQuestion = z.infer<typeof MoveQuestion>;

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
	const id = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		await polls.renamePoll(trx, poll.id, data.title);
		return poll.id;
	});
	return pollView(db, meeting.meetingId, id);
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

type QuestionInput = Omit<AddQuestion, 'poll'>;

/** Reads a whole number of a form or API field, or names the problem. */
function wholeNumber(
	value: number | string | undefined,
	field: string,
	range: { min: number; max: number },
	problems: Problem[]
): number | undefined {
	if (value === undefined) return undefined;
	const number = typeof value === 'number' ? value : /^\s*-?[0-9]+\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isInteger(number)) {
		problems.push(problem(`/${field}`, 'polls.wholeNumber'));
		return undefined;
	}
	if (number < range.min || number > range.max) {
		problems.push(problem(`/${field}`, 'polls.numberOutOfRange', range));
		return undefined;
	}
	return number;
}

/** A question's columns and options from its input, or a validation error naming every problem. */
function questionOrThrow(data: QuestionInput): {
	fields: polls.QuestionFields;
	options: { key: string; label: string }[];
} {
	const problems: Problem[] = [];
	const kind = data.kind;
	const options = hasOptions(kind) ? (data.options ?? []) : [];
	const maxChoices =
		kind === 'multiple'
			? wholeNumber(data.maxChoices, 'maxChoices', { min: 1, max: MAX_OPTIONS }, problems)
			: undefined;
	const scaleRange = { min: -SCALE_LIMIT, max: SCALE_LIMIT };
	const scaleMin =
		kind === 'scale' ? wholeNumber(data.scaleMin, 'scaleMin', scaleRange, problems) : undefined;
	const scaleMax =
		kind === 'scale' ? wholeNumber(data.scaleMax, 'scaleMax', scaleRange, problems) : undefined;
	const named = new Set(problems.map((entry) => entry.path));
	for (const found of checkQuestion({ kind, options, maxChoices, scaleMin, scaleMax })) {
		// A field whose number could not be read already has its problem.
		if (!named.has(`/${found.field}`)) problems.push(problem(`/${found.field}`, found.key, found.params));
	}
	if (problems.length) throw validationFailed(problems);
	const keys = optionKeys(options);
	return {
		fields: {
			text: data.text,
			kind,
			scaleMin: scaleMin ?? null,
			scaleMax: scaleMax ?? null,
			scaleMinLabel: kind === 'scale' ? (data.scaleMinLabel ?? null) : null,
			scaleMaxLabel: kind === 'scale' ? (data.scaleMaxLabel ?? null) : null,
			maxChoices: maxChoices ?? null
		},
		options: options.map((label, index) => ({ key: keys[index]!, label }))
	};
}

const withIds = (options: { key: string; label: string }[]) =>
	options.map((option) => ({ id: randomUUID(), ...option }));

/** Adds a question at the end of a draft poll; its key is derived from its text. */
export async function addQuestion(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<{ poll: PollView; questionId: string }> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(AddQuestion, input);
	const question = questionOrThrow(data);
	const questionId = randomUUID();
	const pollId = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		const existing = await polls.listQuestions(trx, poll.id);
		await polls.insertQuestion(trx, {
			id: questionId,
			pollId: poll.id,
			key: uniqueSlug(
				data.text,
				existing.map((entry) => entry.key),
				'frage'
			),
			position: existing.length,
			fields: question.fields
		});
		await polls.replaceOptions(trx, questionId, withIds(question.options));
		return poll.id;
	});
	return { poll: await pollView(db, meeting.meetingId, pollId), questionId };
}

/** Changes a question of a draft poll; its key stays, its options are replaced. */
export async function updateQuestion(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<PollView> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(UpdateQuestion, input);
	const question = questionOrThrow(data);
	const pollId = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		await questionOf(trx, poll.id, data.questionId);
		await polls.updateQuestion(trx, poll.id, data.questionId, question.fields);
		await polls.replaceOptions(trx, data.questionId, withIds(question.options));
		return poll.id;
	});
	return pollView(db, meeting.meetingId, pollId);
}

/** Deletes a question of a draft poll; the ones after it move up. */
export async function deleteQuestion(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<PollView> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(DeleteQuestion, input);
	const pollId = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		const { existing } = await questionOf(trx, poll.id, data.questionId);
		await polls.deleteQuestion(trx, poll.id, data.questionId);
		await renumber(
			trx,
			poll.id,
			existing.filter((entry) => entry.id !== data.questionId)
		);
		return poll.id;
	});
	return pollView(db, meeting.meetingId, pollId);
}

/** The poll's questions in order and the position of the one named, or not-found. */
async function questionOf(db: Kysely<Database>, pollId: string, questionId: string) {
	const existing = await polls.listQuestions(db, pollId);
	const index = existing.findIndex((entry) => entry.id === questionId);
	if (index < 0) throw notFound('polls.questionNotFound');
	return { existing, index };
}

/** Positions 0..n-1 in the given order, written where they changed. */
async function renumber(
	db: Kysely<Database>,
	pollId: string,
	ordered: readonly { id: string; position: number }[]
): Promise<void> {
	await polls.setQuestionPositions(
		db,
		pollId,
		ordered
			.map((entry, position) => ({ id: entry.id, position, was: entry.position }))
			.filter((entry) => entry.position !== entry.was)
	);
}

/** Moves a question of a draft poll one step up or down (unchanged at the edges). */
export async function moveQuestion(
	db: Kysely<Database>,
	actor: Actor,
	ref: MeetingAddress,
	input: unknown
): Promise<PollView> {
	const meeting = await requireMeeting(db, actor, ref, 'manage');
	const data = parseOrThrow(MoveQuestion, input);
	const pollId = await db.transaction().execute(async (trx) => {
		const poll = await editablePoll(trx, meeting.meetingId, data.poll);
		const { existing, index: from } = await questionOf(trx, poll.id, data.questionId);
		const to = from + (data.direction === 'up' ? -1 : 1);
		if (to >= 0 && to < existing.length) {
			const ordered = [...existing];
			const [moved] = ordered.splice(from, 1);
			ordered.splice(to, 0, moved!);
			await renumber(trx, poll.id, ordered);
		}
		return poll.id;
	});
	return pollView(db, meeting.meetingId, pollId);
}
