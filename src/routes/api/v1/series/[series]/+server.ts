import { apiHandler, readJson } from '$lib/server/http/api';
import { getSeries, updateSeries } from '$lib/server/services/series';

/** GET: a series with its visible meetings. PATCH: change some of its fields. */
export const GET = apiHandler(async ({ locals, params }) => {
	const { series, meetings } = await getSeries(locals.db, locals.actor, params.series ?? '');
	return { ...series, meetings };
});

export const PATCH = apiHandler(async ({ locals, params, request }) =>
	updateSeries(locals.db, locals.actor, params.series ?? '', await readJson(request))
);
