import { listAccounts } from '$lib/server/services/accounts';
import { listOrganizations } from '$lib/server/services/organizations';
import { orSignIn } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	orSignIn(url, async () => ({
		organizations: await listOrganizations(locals.db, locals.actor),
		accounts: await listAccounts(locals.db, locals.actor),
		isSaved: url.searchParams.has('saved')
	}));
