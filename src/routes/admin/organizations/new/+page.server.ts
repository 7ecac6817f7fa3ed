import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { assertCanManageInstallation } from '$lib/server/services/accounts';
import { createOrganization } from '$lib/server/services/organizations';
import { orSignIn } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	orSignIn(url, async () => {
		assertCanManageInstallation(locals.actor);
		return {};
	});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { values } = await readForm(request);
		try {
			await createOrganization(locals.db, locals.actor, { name: values.name, slug: values.slug });
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, '/admin?saved=organization');
	}
};
