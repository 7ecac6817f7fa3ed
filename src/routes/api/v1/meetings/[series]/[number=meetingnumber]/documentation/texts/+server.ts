import { apiHandler, readJson } from '$lib/server/http/api';
import { getDocumentationTexts, updateDocumentationTexts } from '$lib/server/services/documentation-texts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/** GET /api/v1/meetings/{series}/{number}/documentation/texts — the free texts as paragraph lists. */
export const GET = apiHandler(async ({ locals, params }) =>
	getDocumentationTexts(locals.db, locals.actor, meetingAddressFromParams(params))
);

/** PUT …/documentation/texts — replaces the free texts (paragraphs separated by blank lines). */
export const PUT = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await updateDocumentationTexts(locals.db, locals.actor, address, await readJson(request));
	return getDocumentationTexts(locals.db, locals.actor, address);
});
