import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { translateMessage, type Locale } from '$lib/i18n/translate';

/**
 * For the live pages' load functions: like `orErrorPage`, but the error page says what went wrong
 * in the reader's language (no running session with this code, too many lookups: 429 with the
 * minutes to wait), which live/+error.svelte shows.
 */
export async function orLiveErrorPage<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], translateMessage(locale, caught.summary));
		throw caught;
	}
}
