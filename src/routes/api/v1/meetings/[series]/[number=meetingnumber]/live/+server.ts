import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler } from '$lib/server/http/api';
import { getCockpit } from '$lib/server/services/live-moderation';
import type { RequestHandler } from './$types';

/** The moderator cockpit as JSON; the service admits organizers, admins and the meeting's moderators. */
export const GET: RequestHandler = apiHandler(async ({ locals, params }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	return getCockpit(locals.db, locals.actor, seriesId, number);
});
