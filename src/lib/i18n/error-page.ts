import { catalogFor, type MessageKey, type Translate } from './translate';

/** The error page's text for a status when the error carries no message of its own. */
const byStatus: Record<number, MessageKey> = {
	400: 'error.badRequest',
	401: 'error.unauthenticated',
	403: 'error.forbidden',
	404: 'error.notFound',
	409: 'error.conflict',
	429: 'error.rateLimited'
};

/**
 * What the error page says. Routes pass a message key to SvelteKit's `error(status, key)` (see
 * `orErrorPage`), e.g. `meeting.notFound` or `auth.tooManyAttempts`: the page shows that message.
 * Anything else (SvelteKit's own "Not Found", an unexpected error's text, a key whose parameters
 * did not travel with it) falls back to the status's general message, so no internal text and no
 * half-filled sentence reaches the reader.
 */
export function errorPageText(t: Translate, status: number, message: string | undefined): string {
	if (status < 500 && message && message in catalogFor('de')) {
		const text = t(message as MessageKey);
		if (!/\{\w+\}/.test(text)) return text;
	}
	return t(byStatus[status] ?? 'error.internal');
}
