import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, problem, validationFailed } from '../../domain/errors';
import { problemFromError } from './problems';
import { parseOrThrow } from '../../domain/zod-problems';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a /api/v1 handler: CSRF protection for cookie sessions, errors as problem documents,
 * plain objects answered as JSON. Authorization stays in the services.
 */
export function apiHandler(
	handler: (event: RequestEvent) => Promise<Response | object>,
	options: { status?: number } = {}
): RequestHandler {
	return async (event) => {
		try {
			assertSameOriginForSession(event);
			const result = await handler(event);
			return result instanceof Response ? result : json(result, { status: options.status ?? 200 });
		} catch (error) {
			return problemFromError(error, event.locals.locale, event.locals.requestId);
		}
	};
}

/**
 * A browser sends the session cookie with any request, also one a foreign page makes; so a
 * changing request authenticated by the cookie must come from our own origin. Requests with an
 * API token (Authorization header) cannot be forged by a foreign page and need no such check.
 */
function assertSameOriginForSession(event: RequestEvent): void {
	if (SAFE_METHODS.has(event.request.method) || event.locals.authenticatedBy !== 'session') return;
	const origin = event.request.headers.get('origin');
	if (origin !== event.url.origin) {
		throw new AppError('forbidden', { key: 'api.crossOriginRefused' });
	}
}

/** Reads a JSON body; invalid JSON is a validation problem at the document's root. */
export async function readJson(request: Request): Promise<unknown> {
	const text = await request.text();
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw validationFailed([
			problem('', 'validation.invalidJson', {
				detail: error instanceof Error ? error.message : String(error)
			})
		]);
	}
}

/** Reads and validates a JSON body with a use case's Zod schema; problems carry JSON pointers. */
export async function readJsonAs<Schema extends z.ZodType>(
	request: Request,
	schema: Schema
): Promise<z.infer<Schema>> {
	return parseOrThrow(schema, await readJson(request));
}
