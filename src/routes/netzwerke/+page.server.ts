import { directoryQueryFrom, searchDirectory } from '$lib/server/services/networks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	return { view: await searchDirectory(locals.db, directoryQueryFrom(url.searchParams)) };
};
