import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler } from '$lib/server/http/api';
import { publishMeeting } from '$lib/server/services/meetings';

export const POST = apiHandler(async ({ locals, params }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	return publishMeeting(locals.db, locals.actor, seriesId, number);
});
