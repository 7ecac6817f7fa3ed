import { apiHandler } from '$lib/server/http/api';
import { publishSeries } from '$lib/server/services/series';

export const POST = apiHandler(async ({ locals, params }) =>
	publishSeries(locals.db, locals.actor, params.series ?? '')
);
