import { redirect } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { signOut } from '$lib/server/services/auth';
import type { Actions, PageServerLoad } from './$types';

/** GET shows a page with the sign-out button; signing out itself is a POST (a link cannot do it). */
export const load: PageServerLoad = ({ locals }) => ({
	name: locals.actor.kind === 'user' ? locals.actor.displayName : null
});

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await signOut(locals.db, token);
		cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
		redirect(303, '/');
	}
};
