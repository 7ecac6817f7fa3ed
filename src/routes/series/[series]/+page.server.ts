import { orErrorPage } from '$lib/server/http/pages';
import { getSeries } from '$lib/server/services/series';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	orErrorPage(() => getSeries(locals.db, locals.actor, params.series));
