import { apiHandler } from '$lib/server/http/api';
import { unpublishDocumentation } from '$lib/server/services/documentation';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/** POST /api/v1/meetings/{series}/{number}/documentation/unpublish — no version is public afterwards. */
export const POST = apiHandler(async ({ locals, params }) => {
	await unpublishDocumentation(locals.db, locals.actor, meetingAddressFromParams(params));
	return new Response(null, { status: 204 });
});
