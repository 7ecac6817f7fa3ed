import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler, readJson } from '$lib/server/http/api';
import { getMeeting, updateMeeting } from '$lib/server/services/meetings';

/** GET: a meeting with its topic, credits and agenda. PATCH: change some of its fields. */
export const GET = apiHandler(async ({ locals, params }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	const { meeting, agenda } = await getMeeting(locals.db, locals.actor, seriesId, number);
	return { ...meeting, agenda };
});

export const PATCH = apiHandler(async ({ locals, params, request }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	return updateMeeting(locals.db, locals.actor, seriesId, number, await readJson(request));
});
