import { fail, redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { createOrganizer } from '$lib/server/services/accounts';
import { listOrganizations } from '$lib/server/services/organizations';
import { orSignIn } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	orSignIn(url, async () => ({ organizations: await listOrganizations(locals.db, locals.actor) }));

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { data, values } = await readForm(request);
		const organizationIds = data.getAll('organizationIds').filter((id) => typeof id === 'string');
		let created;
		try {
			created = await createOrganizer(locals.db, locals.actor, {
				email: values.email,
				displayName: values.displayName,
				password: values.password,
				organizationIds
			});
		} catch (error) {
			const failure = failForm(error, locals.locale, values);
			// Keep the ticked organizations; the plain values hold only one of them.
			return fail(failure.status, { ...failure.data, organizationIds });
		}
		if (created.generatedPassword === undefined) redirect(303, `/admin/accounts/${created.userId}?saved=1`);
		// A generated password is shown once, on this answer; a redirect would have to store it.
		return { created: { userId: created.userId, email: created.email, password: created.generatedPassword } };
	}
};
