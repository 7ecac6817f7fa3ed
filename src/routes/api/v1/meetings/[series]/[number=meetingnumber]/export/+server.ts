import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler } from '$lib/server/http/api';
import { exportMeeting } from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

/** GET /api/v1/meetings/{series}/{number}/export — organizers of the series only (personal data). */
export const GET: RequestHandler = apiHandler(async ({ params, locals }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	return exportMeeting(locals.db, locals.actor, seriesId, number);
});
