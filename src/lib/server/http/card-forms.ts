import { fail } from '@sveltejs/kit';
import { isAppError } from '../../domain/errors';
import type { Locale } from '../../i18n/translate';
import { failForm } from './forms';

/**
 * A board card form's failure (live page, moderators' overview). A stale edit (409) also returns
 * the card's current text and version (`conflict`), so the page shows them beside what was written.
 */
export function failCardForm(error: unknown, locale: Locale, values: Record<string, string>) {
	const failure = failForm(error, locale, values);
	if (isAppError(error) && error.summary.key === 'breakouts.cardConflict') {
		const params = error.summary.params ?? {};
		return fail(409, {
			...failure.data,
			conflict: {
				cardId: values.card ?? '',
				currentText: String(params.currentText ?? ''),
				currentVersion: Number(params.currentVersion ?? 0)
			}
		});
	}
	return failure;
}
