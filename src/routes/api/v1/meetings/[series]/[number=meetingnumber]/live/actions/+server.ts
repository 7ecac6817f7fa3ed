import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { ModerateLive, moderateLive } from '$lib/server/services/live-moderation';
import type { RequestHandler } from './$types';

/** One moderator command (`{"action": "openPoll", "pollId": …}`); 204 once it is done and published. */
export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	await moderateLive(
		locals.db,
		await getLiveBus(),
		locals.actor,
		seriesId,
		number,
		await readJsonAs(request, ModerateLive)
	);
	return new Response(null, { status: 204 });
});
