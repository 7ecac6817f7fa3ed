import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/services/auth';
import { orSignIn } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	orSignIn(url, async () => ({
		tokens: await listApiTokens(locals.db, locals.actor),
		isRevoked: url.searchParams.has('revoked')
	}));

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const { values } = await readForm(request);
		try {
			const created = await createApiToken(locals.db, locals.actor, { name: values.name });
			// The secret is shown once, on this answer: only its hash is stored.
			return { created: { name: created.name, secret: created.token } };
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
	},
	revoke: async ({ request, locals }) => {
		const { values } = await readForm(request);
		try {
			await revokeApiToken(locals.db, locals.actor, values.id ?? '');
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, '/account/tokens?revoked=1');
	}
};
