/** Cookie names, in one place. */
export const SESSION_COOKIE = 'nws_session';
export const LOCALE_COOKIE = 'nws_lang';

/**
 * The live guest cookie (its name is per meeting: services/live-participants `guestCookieName`).
 * Path '/' so that the browser sends it to the live pages and to /api/v1/live/… alike; a day is
 * longer than any meeting.
 */
export const LIVE_GUEST_COOKIE_OPTIONS = {
	path: '/',
	httpOnly: true,
	sameSite: 'lax',
	maxAge: 60 * 60 * 24
} as const;
