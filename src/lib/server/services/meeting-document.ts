import type { Kysely } from 'kysely';
import type { MeetingDocument } from '../../domain/exchange-format/schema';
import { combineResults, emptyLive } from '../../domain/live/tally';
import type { Database } from '../db/schema';
import { liveAggregates } from '../repositories/live-votes';
import { readStoredMeetingDocument } from '../repositories/meeting-document';

/**
 * The exchange document of a meeting as it is now: its rows, with the live votes of the live
 * meeting added to the imported poll results (one `results` for both). Callers authorize first.
 */
export async function readMeetingDocument(db: Kysely<Database>, meetingId: string): Promise<MeetingDocument> {
	const { document, questions } = await readStoredMeetingDocument(db, meetingId);
	if (!questions.length) return document;
	const live = await liveAggregates(db, questions);
	const idOf = new Map(
		questions.map((question) => [`${question.pollKey}/${question.questionKey}`, question.id])
	);
	const polls = document.meeting.polls?.map((poll) => ({
		...poll,
		questions: poll.questions.map((question) => {
			const id = idOf.get(`${poll.id}/${question.id}`);
			const { results: imported, maxChoices, ...head } = question;
			const results = combineResults(imported, (id && live.get(id)) || emptyLive);
			// The keys in the order the stored document has them: results before maxChoices.
			return {
				...head,
				...(results ? { results } : {}),
				...(maxChoices !== undefined ? { maxChoices } : {})
			};
		})
	}));
	return polls ? { ...document, meeting: { ...document.meeting, polls } } : document;
}
