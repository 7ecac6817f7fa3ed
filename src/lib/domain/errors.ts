import type { Message, MessageKey, MessageParams } from '../i18n/translate';

/**
 * Errors that services raise and routes turn into pages, form errors, problem documents or CLI
 * messages. They carry message keys, not text, so that each reader gets their own language.
 */
export interface Problem {
	/** Where the problem is: a form field name, or a JSON pointer such as `/meeting/agenda/3/end`. */
	path: string;
	message: Message;
}

export type AppErrorKind =
	'validation' | 'not-found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'rate-limited';

export class AppError extends Error {
	constructor(
		readonly kind: AppErrorKind,
		readonly summary: Message,
		readonly problems: Problem[] = []
	) {
		super(`${kind}: ${summary.key}${problems.length ? ` (${problems.map((p) => p.path).join(', ')})` : ''}`);
		this.name = 'AppError';
	}
}

export function problem(path: string, key: MessageKey, params?: MessageParams): Problem {
	return { path, message: { key, params } };
}

export function validationFailed(problems: Problem[], summary?: Message): AppError {
	return new AppError(
		'validation',
		summary ?? { key: 'form.errorSummary', params: { count: problems.length } },
		problems
	);
}

export function notFound(key: MessageKey = 'error.notFound', params?: MessageParams): AppError {
	return new AppError('not-found', { key, params });
}

export function forbidden(key: MessageKey = 'error.forbidden', params?: MessageParams): AppError {
	return new AppError('forbidden', { key, params });
}

export function unauthenticated(): AppError {
	return new AppError('unauthenticated', { key: 'error.unauthenticated' });
}

export function conflict(key: MessageKey, params?: MessageParams, problems: Problem[] = []): AppError {
	return new AppError('conflict', { key, params }, problems);
}

/** Too many attempts (sign-ins, links, registrations, joins): the message says when to try again. */
export function rateLimited(key: MessageKey, params?: MessageParams, problems: Problem[] = []): AppError {
	return new AppError('rate-limited', { key, params }, problems);
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError;
}

/** HTTP status for each kind, shared by pages and the API. */
export const statusOf: Record<AppErrorKind, number> = {
	validation: 400,
	'not-found': 404,
	forbidden: 403,
	unauthenticated: 401,
	conflict: 409,
	'rate-limited': 429
};
