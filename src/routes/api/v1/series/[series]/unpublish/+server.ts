import { apiHandler } from '$lib/server/http/api';
import { unpublishSeries } from '$lib/server/services/series';

export const POST = apiHandler(async ({ locals, params }) =>
	unpublishSeries(locals.db, locals.actor, params.series ?? '')
);
