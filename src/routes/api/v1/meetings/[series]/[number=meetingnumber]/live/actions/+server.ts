import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { ModerateLive, moderateLive } from '$lib/server/services/live-moderation';
import { meetingAddress } from '../meeting-address';
import type { RequestHandler } from './$types';

/** One moderator command (`{"action": "openPoll", "pollId": …}`); 204 once it is done and published. */
export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const { series, number } = meetingAddress(params);
	await moderateLive(
		locals.db,
		await getLiveBus(),
		locals.actor,
		series,
		number,
		await readJsonAs(request, ModerateLive)
	);
	return new Response(null, { status: 204 });
});
