import { apiHandler, readJson } from '$lib/server/http/api';
import { createDocumentationVersion, listDocumentationVersions } from '$lib/server/services/documentation';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/** GET /api/v1/meetings/{series}/{number}/documentation/versions — organizers only. */
export const GET = apiHandler(async ({ locals, params }) => ({
	versions: await listDocumentationVersions(locals.db, locals.actor, meetingAddressFromParams(params))
}));

/** POST …/documentation/versions — freezes the current data as a new version (body: `{ lang? }`). */
export const POST = apiHandler(
	async ({ locals, params, request }) => {
		// The body is optional: no body means the series' language.
		const text = await request.clone().text();
		const input = text.trim() === '' ? {} : await readJson(request);
		return createDocumentationVersion(locals.db, locals.actor, meetingAddressFromParams(params), input);
	},
	{ status: 201 }
);
