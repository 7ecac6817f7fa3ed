import { randomUUID } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { LiveAggregate, ResultAggregate } from '../../domain/live/tally';
import type { QuestionKind } from '../../domain/live/views';
import type { AnswerRow } from '../../domain/live/votes';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';

/**
 * Kysely queries of live votes: what a vote needs of its question, the poll's state under lock,
 * the answers themselves, their aggregates and the moderation of free-text answers. The polls and
 * the agenda are loaded by repositories/polls.ts and repositories/agenda.ts.
 */

/** A question with what a vote on it needs: its poll's meeting and state, and its option keys. */
export async function findQuestionForVote(db: Kysely<Database>, questionId: string) {
	const question = await db
		.selectFrom('poll_questions')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select([
			'poll_questions.id',
			'poll_questions.kind',
			'poll_questions.scale_min',
			'poll_questions.scale_max',
			'poll_questions.max_choices',
			'polls.id as poll_id',
			'polls.meeting_id',
			'polls.state'
		])
		.where('poll_questions.id', '=', questionId)
		.executeTakeFirst();
	if (!question) return undefined;
	const options = await db
		.selectFrom('poll_options')
		.select('option_key')
		.where('question_id', '=', questionId)
		.orderBy('position')
		.execute();
	return {
		id: question.id,
		kind: question.kind as QuestionKind,
		scaleMin: question.scale_min,
		scaleMax: question.scale_max,
		maxChoices: question.max_choices,
		pollId: question.poll_id,
		meetingId: question.meeting_id,
		pollState: question.state,
		optionKeys: options.map((option) => option.option_key)
	};
}

export async function findPoll(db: Kysely<Database>, meetingId: string, pollId: string) {
	return db
		.selectFrom('polls')
		.select(['id', 'title', 'state'])
		.where('meeting_id', '=', meetingId)
		.where('id', '=', pollId)
		.executeTakeFirst();
}

export async function setPollState(
	db: Kysely<Database>,
	pollId: string,
	state: 'open' | 'closed'
): Promise<void> {
	await db.updateTable('polls').set({ state }).where('id', '=', pollId).execute();
}

/**
 * Reads the poll's state inside a vote's transaction, so that a vote racing the poll's close
 * loses cleanly. On PostgreSQL the row is share-locked (FOR SHARE): votes do not wait for each
 * other, but a close waits for the votes in flight, and they for it. SQLite runs one write
 * transaction at a time, so the plain read is already consistent there.
 */
export async function lockPollState(db: Kysely<Database>, pollId: string): Promise<string | undefined> {
	const query = db.selectFrom('polls').select('state').where('id', '=', pollId);
	const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
	const row = await (isPostgres ? query.forShare() : query).executeTakeFirst();
	return row?.state;
}

export interface VoteToStore {
	questionId: string;
	participantId: string;
	rows: AnswerRow[];
	now: string;
}

/** Pairs per DELETE and rows per INSERT: well below SQLite's and PostgreSQL's parameter limits. */
const VOTES_PER_STATEMENT = 200;

/**
 * Replaces participants' answers (each vote: one participant, one question) with a DELETE and an
 * INSERT per 200 votes; call inside a transaction, with at most one vote per participant and
 * question.
 */
export async function replaceVotes(db: Kysely<Database>, votes: VoteToStore[]): Promise<void> {
	for (let start = 0; start < votes.length; start += VOTES_PER_STATEMENT) {
		const chunk = votes.slice(start, start + VOTES_PER_STATEMENT);
		await db
			.deleteFrom('poll_votes')
			.where(({ eb, refTuple, tuple }) =>
				eb(
					refTuple('question_id', 'participant_id'),
					'in',
					chunk.map((vote) => tuple(vote.questionId, vote.participantId))
				)
			)
			.execute();
		const rows = chunk.flatMap((vote) =>
			vote.rows.map((row) => ({
				id: randomUUID(),
				question_id: vote.questionId,
				participant_id: vote.participantId,
				slot: row.slot,
				answer: row.answer,
				is_hidden: 0,
				created_at: vote.now
			}))
		);
		for (let from = 0; from < rows.length; from += VOTES_PER_STATEMENT)
			await db
				.insertInto('poll_votes')
				.values(rows.slice(from, from + VOTES_PER_STATEMENT))
				.execute();
	}
}

/** A participant's own current answers per question. */
export async function participantAnswers(
	db: Kysely<Database>,
	participantId: string,
	questionIds: string[]
): Promise<Map<string, string[]>> {
	const answers = new Map<string, string[]>();
	if (!questionIds.length) return answers;
	const rows = await db
		.selectFrom('poll_votes')
		.select(['question_id', 'answer'])
		.where('participant_id', '=', participantId)
		.where('question_id', 'in', questionIds)
		.orderBy('slot')
		.execute();
	for (const row of rows) answers.set(row.question_id, [...(answers.get(row.question_id) ?? []), row.answer]);
	return answers;
}

/**
 * Live aggregates per question: distinct respondents, counts per answer (choices and scales),
 * and the visible free-text answers. Grouped in SQL, so a tally costs a few small queries.
 */
export async function liveAggregates(
	db: Kysely<Database>,
	questions: { id: string; kind: string }[]
): Promise<Map<string, LiveAggregate>> {
	const result = new Map<string, LiveAggregate>();
	for (const question of questions) result.set(question.id, { respondents: 0, counts: {}, texts: [] });
	if (!questions.length) return result;
	const ids = questions.map((question) => question.id);
	const respondents = await db
		.selectFrom('poll_votes')
		.select(['question_id', (eb) => eb.fn.count<number | string>('participant_id').distinct().as('n')])
		.where('question_id', 'in', ids)
		.groupBy('question_id')
		.execute();
	for (const row of respondents) result.get(row.question_id)!.respondents = Number(row.n);
	const choiceIds = questions.filter((question) => question.kind !== 'text').map((question) => question.id);
	if (choiceIds.length) {
		const counts = await db
			.selectFrom('poll_votes')
			.select(['question_id', 'answer', (eb) => eb.fn.countAll<number | string>().as('n')])
			.where('question_id', 'in', choiceIds)
			.groupBy(['question_id', 'answer'])
			.execute();
		for (const row of counts) result.get(row.question_id)!.counts[row.answer] = Number(row.n);
	}
	const textIds = questions.filter((question) => question.kind === 'text').map((question) => question.id);
	if (textIds.length) {
		const texts = await db
			.selectFrom('poll_votes')
			.select(['question_id', 'answer'])
			.where('question_id', 'in', textIds)
			.where('is_hidden', '=', 0)
			.orderBy('created_at')
			.orderBy('id')
			.execute();
		for (const row of texts) result.get(row.question_id)!.texts.push(row.answer);
	}
	return result;
}

/** Imported aggregates per question (null respondents and no rows: nothing imported). */
export async function importedAggregates(
	db: Kysely<Database>,
	questions: { id: string; importedRespondents: number | null }[]
): Promise<Map<string, ResultAggregate | undefined>> {
	const result = new Map<string, ResultAggregate | undefined>();
	if (!questions.length) return result;
	const ids = questions.map((question) => question.id);
	const counts = await db
		.selectFrom('poll_result_counts')
		.select(['question_id', 'answer_key', 'count'])
		.where('question_id', 'in', ids)
		.execute();
	const texts = await db
		.selectFrom('poll_result_texts')
		.select(['question_id', 'text'])
		.where('question_id', 'in', ids)
		.where('is_hidden', '=', 0)
		.orderBy('position')
		.execute();
	for (const question of questions) {
		const questionCounts = counts.filter((row) => row.question_id === question.id);
		const questionTexts = texts.filter((row) => row.question_id === question.id);
		if (question.importedRespondents === null && !questionCounts.length && !questionTexts.length) {
			result.set(question.id, undefined);
			continue;
		}
		const aggregate: ResultAggregate = {};
		if (question.importedRespondents !== null) aggregate.respondents = question.importedRespondents;
		if (questionCounts.length)
			aggregate.counts = Object.fromEntries(questionCounts.map((row) => [row.answer_key, row.count]));
		if (questionTexts.length) aggregate.texts = questionTexts.map((row) => row.text);
		result.set(question.id, aggregate);
	}
	return result;
}

export interface TextAnswerRecord {
	id: string;
	questionId: string;
	text: string;
	isHidden: boolean;
	source: 'live' | 'imported';
}

/** Every free-text answer of the questions, hidden ones too, for the moderator. */
export async function listTextAnswers(
	db: Kysely<Database>,
	questionIds: string[]
): Promise<TextAnswerRecord[]> {
	if (!questionIds.length) return [];
	const imported = await db
		.selectFrom('poll_result_texts')
		.select(['id', 'question_id', 'text', 'is_hidden'])
		.where('question_id', 'in', questionIds)
		.orderBy('position')
		.execute();
	const live = await db
		.selectFrom('poll_votes')
		.select(['id', 'question_id', 'answer', 'is_hidden'])
		.where('question_id', 'in', questionIds)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return [
		...imported.map((row) => ({
			id: row.id,
			questionId: row.question_id,
			text: row.text,
			isHidden: fromBoolInt(row.is_hidden),
			source: 'imported' as const
		})),
		...live.map((row) => ({
			id: row.id,
			questionId: row.question_id,
			text: row.answer,
			isHidden: fromBoolInt(row.is_hidden),
			source: 'live' as const
		}))
	];
}

/** Hides or shows a free-text answer (live or imported) of a meeting; false when there is none. */
export async function setTextAnswerHidden(
	db: Kysely<Database>,
	meetingId: string,
	answerId: string,
	isHidden: boolean
): Promise<{ pollId: string } | undefined> {
	const live = await db
		.selectFrom('poll_votes')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_votes.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select('polls.id as pollId')
		.where('poll_votes.id', '=', answerId)
		.where('polls.meeting_id', '=', meetingId)
		.where('poll_questions.kind', '=', 'text')
		.executeTakeFirst();
	if (live) {
		await db
			.updateTable('poll_votes')
			.set({ is_hidden: toBoolInt(isHidden) })
			.where('id', '=', answerId)
			.execute();
		return live;
	}
	const imported = await db
		.selectFrom('poll_result_texts')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_texts.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select('polls.id as pollId')
		.where('poll_result_texts.id', '=', answerId)
		.where('polls.meeting_id', '=', meetingId)
		.executeTakeFirst();
	if (!imported) return undefined;
	await db
		.updateTable('poll_result_texts')
		.set({ is_hidden: toBoolInt(isHidden) })
		.where('id', '=', answerId)
		.execute();
	return imported;
}
