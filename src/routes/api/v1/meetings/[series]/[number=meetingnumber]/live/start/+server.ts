import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { StartLive, startLiveSession } from '$lib/server/services/live-moderation';
import type { RequestHandler } from './$types';

/** Starts (or restarts) the live session; an empty body takes the defaults (guests allowed). */
export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	const hasBody = (await request.clone().text()).trim() !== '';
	const input = hasBody ? await readJsonAs(request, StartLive) : {};
	return startLiveSession(locals.db, await getLiveBus(), locals.actor, seriesId, number, input);
});
