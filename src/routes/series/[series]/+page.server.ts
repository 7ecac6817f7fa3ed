import { orErrorPage } from '$lib/server/http/pages';
import { getSeriesWithMemory } from '$lib/server/services/series-memory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) =>
	orErrorPage(() =>
		getSeriesWithMemory(locals.db, locals.actor, params.series, { query: url.searchParams.get('q') ?? '' })
	);
