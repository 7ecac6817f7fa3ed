import { orErrorPage } from '$lib/server/http/pages';
import { getGoodPractice } from '$lib/server/services/good-practice';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	orErrorPage(() => getGoodPractice(locals.db, locals.actor, params.id));
