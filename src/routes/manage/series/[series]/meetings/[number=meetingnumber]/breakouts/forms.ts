import { redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import type { Locale } from '$lib/i18n/translate';
import { failForm } from '$lib/server/http/forms';

/** Shared by the breakout pages' loads and form actions. */

/** An anonymous visitor is sent to sign in first, and comes back here afterwards. */
export function signInFirst(error: unknown, url: URL): void {
	if (isAppError(error) && error.kind === 'unauthenticated') {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
}

/** A form failure whose errors name the form's fields (`questions/2` is the questions field). */
export function failBreakoutForm(error: unknown, url: URL, locale: Locale, values: Record<string, string>) {
	signInFirst(error, url);
	const failure = failForm(error, locale, values);
	failure.data.errors = failure.data.errors.map((entry) => ({
		...entry,
		field: entry.field.replace(/(\/\d+)+$/, '')
	}));
	return failure;
}

/** The round form's fields, as the service reads them. */
export function roundInput(values: Record<string, string>) {
	return {
		title: values.title ?? '',
		description: values.description,
		questions: values.questions ?? '',
		columns: values.columns ?? '',
		roomCount: values.roomCount,
		roomSize: values.roomSize,
		durationMinutes: values.durationMinutes,
		dotsPerPerson: values.dotsPerPerson,
		mode: values.mode ?? 'random'
	};
}

export function breakoutsPath(params: { series: string; number: string }): string {
	return `/manage/series/${encodeURIComponent(params.series)}/meetings/${params.number}/breakouts`;
}
