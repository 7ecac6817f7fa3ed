import { apiHandler } from '$lib/server/http/api';
import { getGoodPractice } from '$lib/server/services/good-practice';

/** One entry: its contact only with consent; links only to what the caller may see. */
export const GET = apiHandler(async ({ locals, params }) =>
	getGoodPractice(locals.db, locals.actor, params.id ?? '')
);
