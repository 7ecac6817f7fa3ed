/** Cookie names, in one place. */
export const SESSION_COOKIE = 'nws_session';
export const LOCALE_COOKIE = 'nws_lang';
