import { orErrorPage } from '$lib/server/http/pages';
import { listManagedSeries } from '$lib/server/services/series';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	series: await orErrorPage(() => listManagedSeries(locals.db, locals.actor))
});
