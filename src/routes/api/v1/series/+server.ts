import { apiHandler, readJson } from '$lib/server/http/api';
import { createSeries, listVisibleSeries } from '$lib/server/services/series';

/** GET: the series the caller may see. POST: create a series (201). */
export const GET = apiHandler(async ({ locals }) => ({
	series: await listVisibleSeries(locals.db, locals.actor)
}));

export const POST = apiHandler(
	async ({ locals, request }) => createSeries(locals.db, locals.actor, await readJson(request)),
	{ status: 201 }
);
