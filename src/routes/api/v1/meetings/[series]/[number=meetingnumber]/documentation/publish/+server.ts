import { apiHandler, readJson } from '$lib/server/http/api';
import { publishDocumentation } from '$lib/server/services/documentation';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/** POST /api/v1/meetings/{series}/{number}/documentation/publish — body `{ versionId }`. */
export const POST = apiHandler(async ({ locals, params, request }) => {
	await publishDocumentation(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		await readJson(request)
	);
	return new Response(null, { status: 204 });
});
