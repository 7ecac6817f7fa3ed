import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler } from '$lib/server/http/api';
import { getCockpit } from '$lib/server/services/live-moderation';
import type { RequestHandler } from './$types';

/** Every poll's results as JSON (the cockpit's tallies; CSV and XLSX are under /manage). */
export const GET: RequestHandler = apiHandler(async ({ locals, params }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	const cockpit = await getCockpit(locals.db, locals.actor, seriesId, number);
	return {
		polls: cockpit.polls.map((poll) => ({
			pollId: poll.id,
			title: poll.title,
			state: poll.state,
			isResultsVisible: poll.isResultsVisible,
			questions: poll.results.questions
		}))
	};
});
