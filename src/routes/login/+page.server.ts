import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { failForm, readForm } from '$lib/server/http/forms';
import { safeRedirectTarget } from '$lib/server/http/safe-redirect';
import { signIn } from '$lib/server/services/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	// Already signed in: nothing to do here, go on to where the user wanted to go.
	if (locals.actor.kind === 'user')
		redirect(303, safeRedirectTarget(url.searchParams.get('next'), url.origin));
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const { values } = await readForm(request);
		const { config } = await getAppContext();
		let session;
		try {
			session = await signIn(locals.db, values, {
				clientAddress: getClientAddress(),
				sessionDays: config.sessionDays,
				loginRateLimit: config.loginRateLimit
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expiresAt
		});
		redirect(303, safeRedirectTarget(url.searchParams.get('next'), url.origin));
	}
};
