import { orErrorPage } from '$lib/server/http/pages';
import { getPublicEntry } from '$lib/server/services/networks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() => getPublicEntry(locals.db, params.entry));
	return { ...view, permalink: `${url.origin}/netzwerke/${view.entry.slug}` };
};
