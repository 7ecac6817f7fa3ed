import { isHttpError, json } from '@sveltejs/kit';
import { isAppError, statusOf } from '../../domain/errors';
import { catalogFor, translateMessage, type Locale, type MessageKey } from '../../i18n/translate';
import { logger } from '../logger';

/**
 * RFC 9457 problem documents for the JSON API: `type`, `title`, `status`, `detail`, and the
 * failing paths in `errors` (JSON pointers with a message each).
 */
export interface ProblemDocument {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: { path: string; message: string }[];
	requestId?: string;
}

const PROBLEM_TYPE_BASE = '/api/v1/problems/';

export function problemResponse(problem: ProblemDocument, headers: Record<string, string> = {}): Response {
	return json(problem, {
		status: problem.status,
		headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers }
	});
}

/** Maps any thrown error to a problem response; unexpected ones are logged and answered with 500. */
export function problemFromError(error: unknown, locale: Locale, requestId?: string): Response {
	return problemResponse(problemDocumentOf(error, locale, requestId));
}

/**
 * A request body over the size limit: adapter-node's reader and the vote's fast path both fail
 * with an error carrying status 413.
 */
function isBodyTooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413;
}

/** The problem type of an HTTP status (the AppError kind that has it, else bad-request). */
function kindOfStatus(status: number): string {
	return Object.entries(statusOf).find(([, value]) => value === status)?.[0] ?? 'bad-request';
}

/** The problem document of any thrown error; unexpected ones are logged and become 500. */
export function problemDocumentOf(error: unknown, locale: Locale, requestId?: string): ProblemDocument {
	if (isAppError(error)) {
		return {
			type: `${PROBLEM_TYPE_BASE}${error.kind}`,
			title: translateMessage(locale, error.summary),
			status: statusOf[error.kind],
			detail: error.problems.length
				? error.problems.map((p) => `${p.path}: ${translateMessage(locale, p.message)}`).join('\n')
				: undefined,
			errors: error.problems.length
				? error.problems.map((p) => ({ path: p.path, message: translateMessage(locale, p.message) }))
				: undefined,
			requestId
		};
	}
	if (isBodyTooLarge(error))
		return {
			type: `${PROBLEM_TYPE_BASE}payload-too-large`,
			title: translateMessage(locale, { key: 'api.bodyTooLarge' }),
			status: 413,
			requestId
		};
	// SvelteKit's own error(status, key) inside an API route: an answer, not an unexpected error.
	if (isHttpError(error) && error.status < 500) {
		const key =
			error.body.message in catalogFor('de') ? (error.body.message as MessageKey) : 'error.badRequest';
		return {
			type: `${PROBLEM_TYPE_BASE}${kindOfStatus(error.status)}`,
			title: translateMessage(locale, { key }),
			status: error.status,
			requestId
		};
	}
	logger.error({ err: error, requestId }, 'unexpected error in the API');
	return {
		type: `${PROBLEM_TYPE_BASE}internal`,
		title: translateMessage(locale, { key: 'error.internal' }),
		status: 500,
		requestId
	};
}
