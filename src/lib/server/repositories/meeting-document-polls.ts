import type { Kysely } from 'kysely';
import type { MeetingPart } from '../../domain/exchange-format/schema';
import { questionKinds } from '../../domain/exchange-format/schema';
import { fromBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';
import { compact, emptyToUndefined, opt } from './meeting-document-series';

/** The polls of a meeting as the exchange document's `polls`, with the results as imported. */

/** A stored poll question, by its place in the document, for adding live results to it. */
export interface StoredQuestion {
	id: string;
	kind: string;
	pollKey: string;
	questionKey: string;
}

type QuestionKind = (typeof questionKinds)[number];

export async function readPollsPart(
	db: Kysely<Database>,
	meetingId: string
): Promise<{ part: MeetingPart['polls']; keyOf: Map<string, string>; questions: StoredQuestion[] }> {
	const polls = await db
		.selectFrom('polls')
		.select(['id', 'poll_key', 'title', 'is_anonymous'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	const questions = await db
		.selectFrom('poll_questions')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.selectAll('poll_questions')
		.where('polls.meeting_id', '=', meetingId)
		.orderBy('poll_questions.position')
		.execute();
	const options = await db
		.selectFrom('poll_options')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_options.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_options.question_id', 'poll_options.option_key', 'poll_options.label'])
		.where('polls.meeting_id', '=', meetingId)
		.orderBy('poll_options.position')
		.execute();
	const counts = await db
		.selectFrom('poll_result_counts')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_counts.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_result_counts.question_id', 'poll_result_counts.answer_key', 'poll_result_counts.count'])
		.where('polls.meeting_id', '=', meetingId)
		.execute();
	// Hidden free-text answers were moderated out; they stay out of the export.
	const texts = await db
		.selectFrom('poll_result_texts')
		.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_texts.question_id')
		.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
		.select(['poll_result_texts.question_id', 'poll_result_texts.text'])
		.where('polls.meeting_id', '=', meetingId)
		.where('poll_result_texts.is_hidden', '=', 0)
		.orderBy('poll_result_texts.position')
		.execute();

	const keyOf = new Map(polls.map((poll) => [poll.id, poll.poll_key]));
	return {
		part: emptyToUndefined(
			polls.map((poll) =>
				compact({
					id: poll.poll_key,
					title: poll.title,
					// true is the format's default.
					anonymous: fromBoolInt(poll.is_anonymous) ? undefined : false,
					questions: questions
						.filter((question) => question.poll_id === poll.id)
						.map((question) => {
							const questionCounts = counts.filter((count) => count.question_id === question.id);
							const questionTexts = texts.filter((text) => text.question_id === question.id);
							const hasImported =
								question.imported_respondents !== null || questionCounts.length || questionTexts.length;
							const results = hasImported
								? compact({
										respondents: opt(question.imported_respondents),
										counts: questionCounts.length
											? Object.fromEntries(questionCounts.map((count) => [count.answer_key, count.count]))
											: undefined,
										texts: emptyToUndefined(questionTexts.map((text) => text.text))
									})
								: undefined;
							return compact({
								id: question.question_key,
								text: question.text,
								kind: question.kind as QuestionKind,
								options: emptyToUndefined(
									options
										.filter((option) => option.question_id === question.id)
										.map((option) => ({ id: option.option_key, label: option.label }))
								),
								scale:
									question.scale_min === null || question.scale_max === null
										? undefined
										: compact({
												min: question.scale_min,
												max: question.scale_max,
												minLabel: opt(question.scale_min_label),
												maxLabel: opt(question.scale_max_label)
											}),
								results,
								maxChoices: opt(question.max_choices)
							});
						})
				})
			)
		),
		keyOf,
		questions: questions.map((question) => ({
			id: question.id,
			kind: question.kind,
			pollKey: keyOf.get(question.poll_id) ?? '',
			questionKey: question.question_key
		}))
	};
}
