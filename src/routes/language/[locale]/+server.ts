import { error, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/translate';
import { LOCALE_COOKIE } from '$lib/server/cookies';
import { safeRedirectTarget } from '$lib/server/http/safe-redirect';
import type { RequestHandler } from './$types';

/** The language switch: a plain link, so it works without JavaScript. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (!isLocale(params.locale)) error(404, 'Not Found');
	cookies.set(LOCALE_COOKIE, params.locale, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 365
	});
	redirect(303, safeRedirectTarget(url.searchParams.get('next'), url.origin));
};
