import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { SESSION_COOKIE } from '$lib/server/cookies';
import { failForm } from '$lib/server/http/forms';
import { signInWithMagicLink } from '$lib/server/services/magic-link';
import type { Actions } from './$types';

// GET only shows a button: a mail scanner opening the link must not spend it.
export const actions: Actions = {
	default: async ({ locals, params, cookies, url }) => {
		const { config } = await getAppContext();
		let session;
		try {
			session = await signInWithMagicLink(locals.db, params.token, { sessionDays: config.sessionDays });
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		cookies.set(SESSION_COOKIE, session.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			expires: session.expiresAt
		});
		redirect(303, '/my/meetings');
	}
};
