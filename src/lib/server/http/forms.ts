import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { isAppError, statusOf } from '../../domain/errors';
import { translateMessage, type Locale } from '../../i18n/translate';

/** What a failed form action returns, for the page to show an error summary and field errors. */
export interface FormFailure {
	values: Record<string, string>;
	/** One entry per problem: the field's name (the `path` without a leading slash) and the text. */
	errors: { field: string; message: string }[];
	/** A sentence for the top of the error summary. */
	summary: string;
}

/** The submitted form as plain strings (files and repeated fields are read by the route itself). */
export async function readForm(
	request: Request
): Promise<{ data: FormData; values: Record<string, string> }> {
	let data: FormData;
	try {
		data = await request.formData();
	} catch {
		// A body that is no form (a broken multipart upload, the wrong content type) is the sender's
		// mistake, not the server's: 400 with a sentence, never a 500.
		error(400, 'error.badRequest');
	}
	const values: Record<string, string> = {};
	for (const [key, value] of data.entries())
		if (typeof value === 'string' && !(key in values)) values[key] = value;
	return { data, values };
}

/**
 * Turns a service's AppError into `fail(status, …)` for a form action; rethrows anything else.
 * Field names are the problems' paths: `/title` and `title` both name the field `title`.
 */
export function failForm(
	error: unknown,
	locale: Locale,
	values: Record<string, string>
): ActionFailure<FormFailure> {
	if (!isAppError(error)) throw error;
	// One table for pages, the API and forms: an unauthenticated post is 401, not 403.
	const status = statusOf[error.kind];
	return fail(status, {
		values: withoutSecrets(values),
		errors: error.problems.map((problem) => ({
			field: problem.path.replace(/^\//, ''),
			message: translateMessage(locale, problem.message)
		})),
		summary: translateMessage(locale, error.summary)
	});
}

function withoutSecrets(values: Record<string, string>): Record<string, string> {
	const copy = { ...values };
	for (const key of Object.keys(copy)) if (/password|token/i.test(key)) delete copy[key];
	return copy;
}
