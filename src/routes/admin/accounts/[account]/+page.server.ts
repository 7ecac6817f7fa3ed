import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { getAccount, setAccountDisabled, setAdminRight, setMemberships } from '$lib/server/services/accounts';
import { listOrganizations } from '$lib/server/services/organizations';
import { orSignIn } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) =>
	orSignIn(url, async () => ({
		account: await getAccount(locals.db, locals.actor, params.account),
		organizations: await listOrganizations(locals.db, locals.actor),
		isSaved: url.searchParams.has('saved')
	}));

const savedPath = (userId: string) => `/admin/accounts/${encodeURIComponent(userId)}?saved=1`;

export const actions: Actions = {
	memberships: async ({ request, locals, params }) => {
		const { data, values } = await readForm(request);
		try {
			await setMemberships(locals.db, locals.actor, {
				userId: params.account,
				organizationIds: data.getAll('organizationIds').filter((id) => typeof id === 'string')
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, savedPath(params.account));
	},
	admin: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await setAdminRight(locals.db, locals.actor, {
				userId: params.account,
				isAdmin: values.isAdmin === 'true'
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, savedPath(params.account));
	},
	status: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await setAccountDisabled(locals.db, locals.actor, {
				userId: params.account,
				isDisabled: values.isDisabled === 'true'
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, savedPath(params.account));
	}
};
