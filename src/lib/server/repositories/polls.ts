import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** A meeting's polls with their questions and options, as organizers prepare them: SQL only. */

export interface PollOptionRecord {
	id: string;
	key: string;
	label: string;
}

export interface PollQuestionRecord {
	id: string;
	key: string;
	position: number;
	text: string;
	kind: string;
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	maxChoices: number | null;
	/** Respondents carried in by an import (null: none); the live tally adds its votes to them. */
	importedRespondents: number | null;
	options: PollOptionRecord[];
}

export interface PollRecord {
	id: string;
	key: string;
	position: number;
	title: string;
	state: string;
	/** Live votes, or results carried in by an import: either means people answered it. */
	hasAnswers: boolean;
	questions: PollQuestionRecord[];
}

/** A poll with its questions and options, without whether anyone answered (the live pages' view). */
export type PollWithQuestions = Omit<PollRecord, 'hasAnswers'>;

/** The meeting's polls in their order, with questions, options and whether anyone answered. */
export async function listPolls(db: Kysely<Database>, meetingId: string): Promise<PollRecord[]> {
	const polls = await listPollsWithQuestions(db, meetingId);
	const questionIds = polls.flatMap((poll) => poll.questions.map((question) => question.id));
	const answered = new Set(questionIds.length ? await answeredQuestionIds(db, questionIds) : []);
	return polls.map((poll) => ({
		...poll,
		hasAnswers: poll.questions.some(
			(question) => answered.has(question.id) || question.importedRespondents !== null
		)
	}));
}

/** The meeting's polls (or the one poll `pollId`) in their order, with questions and options. */
export async function listPollsWithQuestions(
	db: Kysely<Database>,
	meetingId: string,
	pollId?: string
): Promise<PollWithQuestions[]> {
	let query = db
		.selectFrom('polls')
		.select(['id', 'poll_key', 'position', 'title', 'state'])
		.where('meeting_id', '=', meetingId);
	if (pollId !== undefined) query = query.where('id', '=', pollId);
	const polls = await query.orderBy('position').execute();
	if (!polls.length) return [];
	const pollIds = polls.map((poll) => poll.id);
	const questions = await db
		.selectFrom('poll_questions')
		.selectAll()
		.where('poll_id', 'in', pollIds)
		.orderBy('position')
		.execute();
	const questionIds = questions.map((question) => question.id);
	const options = questionIds.length
		? await db
				.selectFrom('poll_options')
				.select(['id', 'question_id', 'option_key', 'label'])
				.where('question_id', 'in', questionIds)
				.orderBy('position')
				.execute()
		: [];
	return polls.map((poll) => ({
		id: poll.id,
		key: poll.poll_key,
		position: poll.position,
		title: poll.title,
		state: poll.state,
		questions: questions
			.filter((question) => question.poll_id === poll.id)
			.map((question) => ({
				id: question.id,
				key: question.question_key,
				position: question.position,
				text: question.text,
				kind: question.kind,
				scaleMin: question.scale_min,
				scaleMax: question.scale_max,
				scaleMinLabel: question.scale_min_label,
				scaleMaxLabel: question.scale_max_label,
				maxChoices: question.max_choices,
				importedRespondents: question.imported_respondents,
				options: options
					.filter((option) => option.question_id === question.id)
					.map((option) => ({ id: option.id, key: option.option_key, label: option.label }))
			}))
	}));
}

/** The questions among these that have a live vote or an imported result. */
async function answeredQuestionIds(db: Kysely<Database>, questionIds: readonly string[]): Promise<string[]> {
	const rows = await db
		.selectFrom('poll_votes')
		.select('question_id')
		.where('question_id', 'in', questionIds)
		.union(db.selectFrom('poll_result_counts').select('question_id').where('question_id', 'in', questionIds))
		.union(db.selectFrom('poll_result_texts').select('question_id').where('question_id', 'in', questionIds))
		.execute();
	return rows.map((row) => row.question_id);
}

/**
 * Reads a poll's state inside a change's transaction and, on PostgreSQL, locks its row
 * (FOR UPDATE), so that the live cockpit cannot open it until the change is written; SQLite runs
 * one write transaction at a time, so the plain read is consistent there.
 */
export async function lockPoll(
	db: Kysely<Database>,
	meetingId: string,
	pollId: string
): Promise<{ id: string; title: string; state: string } | undefined> {
	const query = db
		.selectFrom('polls')
		.select(['id', 'title', 'state'])
		.where('id', '=', pollId)
		.where('meeting_id', '=', meetingId);
	const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
	return (isPostgres ? query.forUpdate() : query).executeTakeFirst();
}

/** Whether any question of the poll has a live vote or an imported result. */
export async function hasAnswers(db: Kysely<Database>, pollId: string): Promise<boolean> {
	const questions = await db
		.selectFrom('poll_questions')
		.select(['id', 'imported_respondents'])
		.where('poll_id', '=', pollId)
		.execute();
	if (!questions.length) return false;
	if (questions.some((question) => question.imported_respondents !== null)) return true;
	return (
		(
			await answeredQuestionIds(
				db,
				questions.map((question) => question.id)
			)
		).length > 0
	);
}

export async function listPollKeys(db: Kysely<Database>, meetingId: string): Promise<string[]> {
	const rows = await db.selectFrom('polls').select('poll_key').where('meeting_id', '=', meetingId).execute();
	return rows.map((row) => row.poll_key);
}

export async function nextPollPosition(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('polls')
		.select((eb) => eb.fn.max('position').as('last'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertPoll(
	db: Kysely<Database>,
	poll: { id: string; meetingId: string; key: string; position: number; title: string }
): Promise<void> {
	await db
		.insertInto('polls')
		.values({
			id: poll.id,
			meeting_id: poll.meetingId,
			poll_key: poll.key,
			position: poll.position,
			title: poll.title,
			is_anonymous: 1,
			state: 'draft'
		})
		.execute();
}

export async function renamePoll(db: Kysely<Database>, pollId: string, title: string): Promise<void> {
	await db.updateTable('polls').set({ title }).where('id', '=', pollId).execute();
}

/** Deletes a poll with its questions and options (cascade); agenda items keep no link to it. */
export async function deletePoll(db: Kysely<Database>, pollId: string): Promise<void> {
	await db.deleteFrom('polls').where('id', '=', pollId).execute();
}

export interface QuestionFields {
	text: string;
	kind: string;
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	maxChoices: number | null;
}

export async function listQuestions(
	db: Kysely<Database>,
	pollId: string
): Promise<{ id: string; key: string; position: number }[]> {
	const rows = await db
		.selectFrom('poll_questions')
		.select(['id', 'question_key', 'position'])
		.where('poll_id', '=', pollId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({ id: row.id, key: row.question_key, position: row.position }));
}

export async function insertQuestion(
	db: Kysely<Database>,
	question: { id: string; pollId: string; key: string; position: number; fields: QuestionFields }
): Promise<void> {
	await db
		.insertInto('poll_questions')
		.values({
			id: question.id,
			poll_id: question.pollId,
			question_key: question.key,
			position: question.position,
			imported_respondents: null,
			...questionColumns(question.fields)
		})
		.execute();
}

export async function updateQuestion(
	db: Kysely<Database>,
	pollId: string,
	questionId: string,
	fields: QuestionFields
): Promise<void> {
	await db
		.updateTable('poll_questions')
		.set(questionColumns(fields))
		.where('id', '=', questionId)
		.where('poll_id', '=', pollId)
		.execute();
}

function questionColumns(fields: QuestionFields) {
	return {
		text: fields.text,
		kind: fields.kind,
		scale_min: fields.scaleMin,
		scale_max: fields.scaleMax,
		scale_min_label: fields.scaleMinLabel,
		scale_max_label: fields.scaleMaxLabel,
		max_choices: fields.maxChoices
	};
}

export async function deleteQuestion(
	db: Kysely<Database>,
	pollId: string,
	questionId: string
): Promise<void> {
	await db.deleteFrom('poll_questions').where('id', '=', questionId).where('poll_id', '=', pollId).execute();
}

/** Sets the questions' positions to their order in `questionIds` (0..n-1), where they changed. */
export async function setQuestionPositions(
	db: Kysely<Database>,
	pollId: string,
	questions: readonly { id: string; position: number }[]
): Promise<void> {
	for (const question of questions) {
		await db
			.updateTable('poll_questions')
			.set({ position: question.position })
			.where('id', '=', question.id)
			.where('poll_id', '=', pollId)
			.execute();
	}
}

/** Replaces a question's options with these, in this order. */
export async function replaceOptions(
	db: Kysely<Database>,
	questionId: string,
	options: readonly { id: string; key: string; label: string }[]
): Promise<void> {
	await db.deleteFrom('poll_options').where('question_id', '=', questionId).execute();
	if (!options.length) return;
	await db
		.insertInto('poll_options')
		.values(
			options.map((option, position) => ({
				id: option.id,
				question_id: questionId,
				option_key: option.key,
				position,
				label: option.label
			}))
		)
		.execute();
}
