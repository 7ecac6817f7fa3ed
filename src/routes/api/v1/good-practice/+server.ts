import { apiHandler } from '$lib/server/http/api';
import { listGoodPractice } from '$lib/server/services/good-practice';

/** Published good practice (and the caller's organizations' drafts), searched with `q`. */
export const GET = apiHandler(async ({ locals, url }) =>
	listGoodPractice(locals.db, locals.actor, { query: url.searchParams.get('q') ?? '' })
);
