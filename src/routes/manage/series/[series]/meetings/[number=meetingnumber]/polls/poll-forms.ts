import type { Locale } from '$lib/i18n/translate';
import { failForm } from '$lib/server/http/forms';
import { signInIfAnonymous } from '$lib/server/http/pages';

/** Shared by the polls pages' form actions. */

/** A form failure whose errors name the form's fields (`options/2` is the options field). */
export function failPollForm(error: unknown, url: URL, locale: Locale, values: Record<string, string>) {
	signInIfAnonymous(error, url);
	const failure = failForm(error, locale, values);
	failure.data.errors = failure.data.errors.map((entry) => ({
		...entry,
		field: entry.field.replace(/(\/\d+)+$/, '')
	}));
	return failure;
}

/** The fields of the question form, as the service reads them. */
export function questionInput(values: Record<string, string>) {
	return {
		text: values.text ?? '',
		kind: values.kind ?? '',
		options: values.options ?? '',
		maxChoices: values.maxChoices,
		scaleMin: values.scaleMin,
		scaleMax: values.scaleMax,
		scaleMinLabel: values.scaleMinLabel,
		scaleMaxLabel: values.scaleMaxLabel
	};
}

export function pollsPath(params: { series: string; number: string }): string {
	return `/manage/series/${params.series}/meetings/${params.number}/polls`;
}
