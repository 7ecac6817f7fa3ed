import { json } from '@sveltejs/kit';
import { DIRECTORY_LICENCE } from '$lib/domain/networks/entry';
import { apiHandler } from '$lib/server/http/api';
import { directoryQueryFrom, searchDirectory } from '$lib/server/services/networks';

/** Open data: anyone may read the published directory, from any origin (GET only). */
export const GET = apiHandler(async ({ locals, url }) => {
	const view = await searchDirectory(locals.db, directoryQueryFrom(url.searchParams), { withMap: false });
	return json(
		{
			licence: DIRECTORY_LICENCE,
			total: view.total,
			page: view.page,
			pageCount: view.pageCount,
			pageSize: view.pageSize,
			entries: view.entries
		},
		{ headers: { 'access-control-allow-origin': '*' } }
	);
});
