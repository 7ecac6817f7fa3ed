import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { CreateSeries, createSeries, listVisibleSeries } from '$lib/server/services/series';

/** GET: the series the caller may see. POST: create a series (201). */
export const GET = apiHandler(async ({ locals }) => ({
	series: await listVisibleSeries(locals.db, locals.actor)
}));

export const POST = apiHandler(
	async ({ locals, request }) =>
		createSeries(locals.db, locals.actor, await readJsonAs(request, CreateSeries)),
	{ status: 201 }
);
