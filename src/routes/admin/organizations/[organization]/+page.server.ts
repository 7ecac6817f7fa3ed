import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { getOrganization, renameOrganization } from '$lib/server/services/organizations';
import { orSignIn } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) =>
	orSignIn(url, async () => ({
		organization: await getOrganization(locals.db, locals.actor, params.organization),
		isSaved: url.searchParams.has('saved')
	}));

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await renameOrganization(locals.db, locals.actor, {
				organizationId: params.organization,
				name: values.name
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/admin/organizations/${encodeURIComponent(params.organization)}?saved=1`);
	}
};
