import type { Kysely } from 'kysely';
import { combineResults, emptyLive, resultRows, wordCloud } from '../../domain/live/tally';
import type { PollResults, PollView, QuestionKind, QuestionView } from '../../domain/live/views';
import type { Database } from '../db/schema';
import * as liveVotes from '../repositories/live-votes';
import { listPollsWithQuestions, type PollWithQuestions } from '../repositories/polls';

/** A poll's results as the live pages show them: imported aggregates plus live votes. */

type PollQuestion = PollWithQuestions['questions'][number];

function toQuestionView(question: PollQuestion): QuestionView {
	return {
		id: question.id,
		text: question.text,
		kind: question.kind as QuestionKind,
		options: question.options.map((option) => ({ key: option.key, label: option.label })),
		scaleMin: question.scaleMin,
		scaleMax: question.scaleMax,
		scaleMinLabel: question.scaleMinLabel,
		scaleMaxLabel: question.scaleMaxLabel,
		maxChoices: question.maxChoices
	};
}

export function toPollView(poll: PollWithQuestions): PollView {
	return {
		id: poll.id,
		title: poll.title,
		state: poll.state as PollView['state'],
		questions: poll.questions.map(toQuestionView)
	};
}

/** Imported aggregates plus live votes, per question of a poll. */
export async function pollResults(db: Kysely<Database>, poll: PollWithQuestions): Promise<PollResults> {
	const imported = await liveVotes.importedAggregates(db, poll.questions);
	const live = await liveVotes.liveAggregates(db, poll.questions);
	return {
		pollId: poll.id,
		title: poll.title,
		questions: poll.questions.map((question) => {
			const view = toQuestionView(question);
			const aggregate = combineResults(imported.get(question.id), live.get(question.id) ?? emptyLive);
			const texts = aggregate?.texts ?? [];
			return {
				id: question.id,
				text: question.text,
				kind: view.kind,
				respondents: aggregate?.respondents ?? 0,
				rows: resultRows(view, aggregate),
				texts,
				cloud: view.kind === 'text' ? wordCloud(texts) : []
			};
		})
	};
}

/** The tally of one poll of a meeting, as `tally` events carry it; null when there is no such poll. */
export async function pollTally(
	db: Kysely<Database>,
	meetingId: string,
	pollId: string
): Promise<PollResults | null> {
	const [poll] = await listPollsWithQuestions(db, meetingId, pollId);
	return poll ? pollResults(db, poll) : null;
}
