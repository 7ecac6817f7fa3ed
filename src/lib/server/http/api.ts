import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { z } from 'zod';
import { problem, validationFailed } from '../../domain/errors';
import { problemFromError } from './problems';
import { assertSameOrigin } from './request-guard';
import { parseOrThrow } from '../../domain/zod-problems';

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
 * every cookie; request-guard.ts `assertSameOrigin`), errors as problem documents, plain objects
 * answered as JSON. Authorization stays in the services.
 */
export function apiHandler(
	handler: (event: RequestEvent) => Promise<Response | object>,
	options: ApiHandlerOptions = {}
): RequestHandler {
	return async (event) => {
		try {
			assertSameOrigin(
				{
					method: event.request.method,
					origin: event.request.headers.get('origin'),
					ownOrigin: event.url.origin,
					authenticatedBy: event.locals.authenticatedBy
				},
				options
			);
			const result = await handler(event);
			return result instanceof Response ? result : json(result, { status: options.status ?? 200 });
		} catch (error) {
			return problemFromError(error, event.locals.locale, event.locals.requestId);
		}
	};
}

/** Reads a JSON body; invalid JSON is a validation problem at the document's root. */
export async function readJson(request: Request): Promise<unknown> {
	return parseJsonText(await request.text());
}

/** Parses a request body read as text; invalid JSON is a validation problem at the document's root. */
export function parseJsonText(text: string): unknown {
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
