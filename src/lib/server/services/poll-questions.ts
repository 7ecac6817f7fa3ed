import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed, type Problem } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import {
	checkQuestion,
	hasOptions,
	MAX_OPTIONS,
	optionKeys,
	optionLines,
	questionKinds,
	SCALE_LIMIT,
	uniqueSlug
} from '../../domain/polls';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as polls from '../repositories/polls';
import { requireMeeting } from './meeting-access';
import { changeDraftPoll, PollKey, type PollView } from './polls';

/**
 * The questions of a poll prepared in the meeting: organizers add, edit, reorder and delete them
 * while the poll is a draft nobody answered (see `changeDraftPoll`).
 */

const blankAsUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;

const RowId = z.string().trim().min(1).max(100);
/** Whole numbers come as numbers (API) or as text (forms); the service reads them itself. */
const WholeNumber = z.preprocess(blankAsUndefined, z.union([z.number(), z.string().max(20)]).optional());
const OptionalLabel = z.preprocess(blankAsUndefined, z.string().trim().max(200).optional());
/** Options: one per line (forms) or a list (API). */
const Options = z.preprocess(
	(value) => (typeof value === 'string' ? optionLines(value) : value),
	z.array(z.string().trim().min(1).max(300)).max(MAX_OPTIONS)
);

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
	const view = await changeDraftPoll(db, meeting.meetingId, data.poll, async (trx, poll) => {
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
	});
	return { poll: view, questionId };
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
	return changeDraftPoll(db, meeting.meetingId, data.poll, async (trx, poll) => {
		await questionOf(trx, poll.id, data.questionId);
		await polls.updateQuestion(trx, poll.id, data.questionId, question.fields);
		await polls.replaceOptions(trx, data.questionId, withIds(question.options));
	});
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
	return changeDraftPoll(db, meeting.meetingId, data.poll, async (trx, poll) => {
		const { existing } = await questionOf(trx, poll.id, data.questionId);
		await polls.deleteQuestion(trx, poll.id, data.questionId);
		await renumber(
			trx,
			poll.id,
			existing.filter((entry) => entry.id !== data.questionId)
		);
	});
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
	return changeDraftPoll(db, meeting.meetingId, data.poll, async (trx, poll) => {
		const { existing, index: from } = await questionOf(trx, poll.id, data.questionId);
		const to = from + (data.direction === 'up' ? -1 : 1);
		if (to >= 0 && to < existing.length) {
			const ordered = [...existing];
			const [moved] = ordered.splice(from, 1);
			ordered.splice(to, 0, moved!);
			await renumber(trx, poll.id, ordered);
		}
	});
}
