import { randomUUID } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { LiveAggregate, ResultAggregate } from '../../domain/live/tally';
import type { AnswerRow } from '../../domain/live/votes';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';

/** Kysely queries of the live meeting: sessions, participants, votes, events. */

export interface LiveSessionRecord {
	meetingId: string;
	joinCode: string;
	allowsGuests: boolean;
	isActive: boolean;
	currentAgendaItemId: string | null;
	message: string | null;
	countdownEndsAt: string | null;
	resultsVisiblePollId: string | null;
	/** Of the meeting and its series, for authorization and display. */
	organizationId: string;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	number: number;
	topicTitle: string | null;
	videoUrl: string | null;
}

function sessionQuery(db: Kysely<Database>) {
	return db
		.selectFrom('live_sessions')
		.innerJoin('meetings', 'meetings.id', 'live_sessions.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'live_sessions.meeting_id',
			'live_sessions.join_code',
			'live_sessions.allows_guests',
			'live_sessions.is_active',
			'live_sessions.current_agenda_item_id',
			'live_sessions.message',
			'live_sessions.countdown_ends_at',
			'live_sessions.results_visible_poll_id',
			'series.organization_id',
			'series.slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.topic_title',
			'meetings.venue_url'
		]);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;

function toSession(row: SessionRow): LiveSessionRecord {
	return {
		meetingId: row.meeting_id,
		joinCode: row.join_code,
		allowsGuests: fromBoolInt(row.allows_guests),
		isActive: fromBoolInt(row.is_active),
		currentAgendaItemId: row.current_agenda_item_id,
		message: row.message,
		countdownEndsAt: row.countdown_ends_at,
		resultsVisiblePollId: row.results_visible_poll_id,
		organizationId: row.organization_id,
		seriesSlug: row.slug,
		seriesTitle: row.series_title,
		meetingNoun: row.meeting_noun,
		number: row.number,
		topicTitle: row.topic_title,
		videoUrl: row.venue_url
	};
}

export async function findSessionByCode(db: Kysely<Database>, code: string) {
	const row = await sessionQuery(db).where('live_sessions.join_code', '=', code).executeTakeFirst();
	return row ? toSession(row) : undefined;
}

export async function findSessionByMeeting(db: Kysely<Database>, meetingId: string) {
	const row = await sessionQuery(db).where('live_sessions.meeting_id', '=', meetingId).executeTakeFirst();
	return row ? toSession(row) : undefined;
}

export async function isJoinCodeTaken(db: Kysely<Database>, code: string): Promise<boolean> {
	const row = await db
		.selectFrom('live_sessions')
		.select('meeting_id')
		.where('join_code', '=', code)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insertSession(
	db: Kysely<Database>,
	values: { meetingId: string; joinCode: string; allowsGuests: boolean; now: string }
): Promise<void> {
	await db
		.insertInto('live_sessions')
		.values({
			meeting_id: values.meetingId,
			join_code: values.joinCode,
			allows_guests: toBoolInt(values.allowsGuests),
			is_active: 1,
			current_agenda_item_id: null,
			message: null,
			countdown_ends_at: null,
			results_visible_poll_id: null,
			started_at: values.now,
			updated_at: values.now
		})
		.execute();
}

export interface SessionChange {
	isActive?: boolean;
	allowsGuests?: boolean;
	currentAgendaItemId?: string | null;
	message?: string | null;
	countdownEndsAt?: string | null;
	resultsVisiblePollId?: string | null;
}

export async function updateSession(
	db: Kysely<Database>,
	meetingId: string,
	change: SessionChange,
	now: string
): Promise<void> {
	await db
		.updateTable('live_sessions')
		.set({
			...(change.isActive === undefined ? {} : { is_active: toBoolInt(change.isActive) }),
			...(change.allowsGuests === undefined ? {} : { allows_guests: toBoolInt(change.allowsGuests) }),
			...(change.currentAgendaItemId === undefined
				? {}
				: { current_agenda_item_id: change.currentAgendaItemId }),
			...(change.message === undefined ? {} : { message: change.message }),
			...(change.countdownEndsAt === undefined ? {} : { countdown_ends_at: change.countdownEndsAt }),
			...(change.resultsVisiblePollId === undefined
				? {}
				: { results_visible_poll_id: change.resultsVisiblePollId }),
			updated_at: now
		})
		.where('meeting_id', '=', meetingId)
		.execute();
}

export interface ParticipantRecord {
	id: string;
	meetingId: string;
	displayName: string;
	userId: string | null;
}

export async function insertParticipant(
	db: Kysely<Database>,
	values: {
		meetingId: string;
		displayName: string;
		userId: string | null;
		tokenHash: string | null;
		now: string;
	}
): Promise<ParticipantRecord> {
	const id = randomUUID();
	await db
		.insertInto('live_participants')
		.values({
			id,
			meeting_id: values.meetingId,
			display_name: values.displayName,
			user_id: values.userId,
			token_hash: values.tokenHash,
			created_at: values.now
		})
		.execute();
	return { id, meetingId: values.meetingId, displayName: values.displayName, userId: values.userId };
}

const participantColumns = [
	'id',
	'meeting_id as meetingId',
	'display_name as displayName',
	'user_id as userId'
] as const;

export async function findParticipantByToken(db: Kysely<Database>, meetingId: string, tokenHash: string) {
	return db
		.selectFrom('live_participants')
		.select(participantColumns)
		.where('meeting_id', '=', meetingId)
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst() as Promise<ParticipantRecord | undefined>;
}

export async function findParticipantByUser(db: Kysely<Database>, meetingId: string, userId: string) {
	return db
		.selectFrom('live_participants')
		.select(participantColumns)
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.executeTakeFirst() as Promise<ParticipantRecord | undefined>;
}

export async function countParticipants(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('live_participants')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export interface AgendaEntry {
	id: string;
	start: string;
	end: string;
	kind: string;
	title: string;
	pollId: string | null;
}

export async function listAgenda(db: Kysely<Database>, meetingId: string): Promise<AgendaEntry[]> {
	return db
		.selectFrom('agenda_items')
		.select(['id', 'start_time as start', 'end_time as end', 'kind', 'title', 'poll_id as pollId'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
}

export interface QuestionRecord {
	id: string;
	pollId: string;
	key: string;
	text: string;
	kind: 'single' | 'multiple' | 'scale' | 'text';
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	maxChoices: number | null;
	importedRespondents: number | null;
	options: { key: string; label: string }[];
}

export interface PollRecord {
	id: string;
	key: string;
	title: string;
	state: 'draft' | 'open' | 'closed';
	questions: QuestionRecord[];
}

/** The meeting's polls with their questions and options, in their order. */
export async function listPolls(db: Kysely<Database>, meetingId: string): Promise<PollRecord[]> {
	const polls = await db
		.selectFrom('polls')
		.select(['id', 'poll_key', 'title', 'state'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	if (!polls.length) return [];
	const questions = await db
		.selectFrom('poll_questions')
		.selectAll()
		.where(
			'poll_id',
			'in',
			polls.map((poll) => poll.id)
		)
		.orderBy('position')
		.execute();
	const options = questions.length
		? await db
				.selectFrom('poll_options')
				.select(['question_id', 'option_key', 'label'])
				.where(
					'question_id',
					'in',
					questions.map((question) => question.id)
				)
				.orderBy('position')
				.execute()
		: [];
	return polls.map((poll) => ({
		id: poll.id,
		key: poll.poll_key,
		title: poll.title,
		state: poll.state as PollRecord['state'],
		questions: questions
			.filter((question) => question.poll_id === poll.id)
			.map((question) => ({
				id: question.id,
				pollId: poll.id,
				key: question.question_key,
				text: question.text,
				kind: question.kind as QuestionRecord['kind'],
				scaleMin: question.scale_min,
				scaleMax: question.scale_max,
				scaleMinLabel: question.scale_min_label,
				scaleMaxLabel: question.scale_max_label,
				maxChoices: question.max_choices,
				importedRespondents: question.imported_respondents,
				options: options
					.filter((option) => option.question_id === question.id)
					.map((option) => ({ key: option.option_key, label: option.label }))
			}))
	}));
}

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
		kind: question.kind as QuestionRecord['kind'],
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

export interface LiveEventRecord {
	meetingId: string;
	seq: number;
	type: string;
	payload: string;
}

/**
 * Appends an event with the meeting's next sequence number (call inside a transaction): the
 * counter lives on the session row, whose update lock serializes concurrent writers.
 */
export async function appendEvent(
	db: Kysely<Database>,
	values: { meetingId: string; type: string; payload: string; now: string }
): Promise<number | undefined> {
	const bumped = await db
		.updateTable('live_sessions')
		.set((eb) => ({ last_event_seq: eb('last_event_seq', '+', 1) }))
		.where('meeting_id', '=', values.meetingId)
		.returning('last_event_seq')
		.executeTakeFirst();
	if (!bumped) return undefined;
	const seq = Number(bumped.last_event_seq);
	await db
		.insertInto('live_events')
		.values({
			meeting_id: values.meetingId,
			seq,
			type: values.type,
			payload: values.payload,
			created_at: values.now
		})
		.execute();
	return seq;
}

export async function findEvent(db: Kysely<Database>, meetingId: string, seq: number) {
	return db
		.selectFrom('live_events')
		.select(['meeting_id as meetingId', 'seq', 'type', 'payload'])
		.where('meeting_id', '=', meetingId)
		.where('seq', '=', seq)
		.executeTakeFirst() as Promise<LiveEventRecord | undefined>;
}

/** Events after a sequence number, oldest first, at most `limit`. */
export async function eventsAfter(
	db: Kysely<Database>,
	meetingId: string,
	seq: number,
	limit: number
): Promise<LiveEventRecord[]> {
	const rows = await db
		.selectFrom('live_events')
		.select(['meeting_id as meetingId', 'seq', 'type', 'payload'])
		.where('meeting_id', '=', meetingId)
		.where('seq', '>', seq)
		.orderBy('seq')
		.limit(limit)
		.execute();
	return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export async function lastEventSeq(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('live_sessions')
		.select('last_event_seq')
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return Number(row?.last_event_seq ?? 0);
}
