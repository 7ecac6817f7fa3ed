import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { apiHandler } from '$lib/server/http/api';
import { unpublishMeeting } from '$lib/server/services/meetings';

export const POST = apiHandler(async ({ locals, params }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	return unpublishMeeting(locals.db, locals.actor, seriesId, number);
});
