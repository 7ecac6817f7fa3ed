import { json } from '@sveltejs/kit';
import { DIRECTORY_LICENCE } from '$lib/domain/networks/entry';
import { apiHandler } from '$lib/server/http/api';
import { getPublicEntry } from '$lib/server/services/networks';

/** One published entry, with the published meetings where it was presented (open data). */
export const GET = apiHandler(async ({ locals, params }) => {
	const view = await getPublicEntry(locals.db, params.entry ?? '');
	return json({ licence: DIRECTORY_LICENCE, ...view }, { headers: { 'access-control-allow-origin': '*' } });
});
