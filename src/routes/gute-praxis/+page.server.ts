import { orErrorPage } from '$lib/server/http/pages';
import { listGoodPractice } from '$lib/server/services/good-practice';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	...(await orErrorPage(() =>
		listGoodPractice(locals.db, locals.actor, { query: url.searchParams.get('q') ?? '' })
	)),
	deleted: url.searchParams.has('deleted')
});
