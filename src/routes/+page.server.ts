import { orErrorPage } from '$lib/server/http/pages';
import { listPublishedSeries } from '$lib/server/services/series';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	series: (await orErrorPage(() => listPublishedSeries(locals.db))).map((series) => ({
		id: series.id,
		title: series.title,
		organizerName: series.organizer.name
	}))
});
