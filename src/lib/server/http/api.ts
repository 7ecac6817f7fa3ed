import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, problem, validationFailed } from '../../domain/errors';
import { problemFromError } from './problems';
import { parseOrThrow } from '../../domain/zod-problems';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ApiHandlerOptions {
	/** The status of a plain object's JSON answer (200 unless given). */
	status?: number;
	/**
	 * The endpoint acts on (or hands out) cookies other than the session's, e.g. the live guest
	 * cookie: then every request that is not authenticated by an API token must come from our own
	 * origin, not only session-authenticated ones, so that a foreign page can neither act on a
	 * guest's cookie nor make a browser receive one.
	 */
	guestCookies?: boolean;
}

/**
 * Wraps a /api/v1 handler: CSRF protection for cookie sessions (and, with `guestCookies`, for
 * every cookie), errors as problem documents, plain objects answered as JSON. Authorization
 * stays in the services.
 */
export function apiHandler(
	handler: (event: RequestEvent) => Promise<Response | object>,
	options: ApiHandlerOptions = {}
): RequestHandler {
	return async (event) => {
		try {
			if (options.guestCookies) assertSameOriginUnlessToken(event);
			else assertSameOriginForSession(event);
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

/**
 * Like assertSameOriginForSession, for endpoints that honour cookies other than the session's
 * (they cannot tell from `authenticatedBy` whether a guest cookie came along): only an API token
 * spares the check, since a foreign page cannot send one. Checked for every method, as these
 * endpoints may hand out a cookie.
 */
function assertSameOriginUnlessToken(event: RequestEvent): void {
	if (event.locals.authenticatedBy === 'token') return;
	if (event.request.headers.get('origin') !== event.url.origin) {
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
