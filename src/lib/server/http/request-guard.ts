import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { AppError } from '../../domain/errors';
import { anonymous, type Actor } from '../../domain/policy';
import { defaultLocale, isLocale, type Locale } from '../../i18n/translate';
import { LOCALE_COOKIE, SESSION_COOKIE } from '../cookies';
import type { Database } from '../db/schema';
import { logger, redactPath } from '../logger';
import { actorFromApiToken, actorFromSession } from '../services/auth';
import type { CookieReader } from '../services/live-participants';

/**
 * What every request goes through before and after its handler, in one place for both ways in:
 * `hooks.server.ts` (every request through SvelteKit) and the live vote's fast path
 * (`vote-fast-path.ts`, served ahead of SvelteKit). Request id and logger, locale, the actor
 * (API token or session cookie), the origin check of cookie-authenticated changes, the security
 * headers and the request log line.
 */

export interface RequestContext {
	requestId: string;
	log: Logger;
	locale: Locale;
	actor: Actor;
	/** How the actor was recognized: the session cookie, an API token, or not at all. */
	authenticatedBy: 'session' | 'token' | 'none';
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Recognizes the request: its id (a caller's sensible `X-Request-Id` is kept), locale and actor. */
export async function recognizeRequest(
	db: Kysely<Database>,
	request: {
		requestIdHeader: string | null | undefined;
		authorization: string | null | undefined;
		cookies: CookieReader;
	}
): Promise<RequestContext> {
	const incomingId = request.requestIdHeader;
	const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
	const cookieLocale = request.cookies.get(LOCALE_COOKIE);
	const context: RequestContext = {
		requestId,
		log: logger.child({ requestId }),
		locale: isLocale(cookieLocale) ? cookieLocale : defaultLocale,
		actor: anonymous,
		authenticatedBy: 'none'
	};
	const authorization = request.authorization;
	if (authorization?.startsWith('Bearer ')) {
		context.actor = await actorFromApiToken(db, authorization.slice('Bearer '.length).trim());
		if (context.actor.kind === 'user') context.authenticatedBy = 'token';
	} else {
		context.actor = await actorFromSession(db, request.cookies.get(SESSION_COOKIE));
		if (context.actor.kind === 'user') context.authenticatedBy = 'session';
	}
	return context;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the origin check reads of a request. */
export interface OriginCheck {
	method: string;
	/** The request's Origin header. */
	origin: string | null | undefined;
	/** Our own origin (adapter-node's ORIGIN). */
	ownOrigin: string;
	authenticatedBy: RequestContext['authenticatedBy'];
}

/**
 * A browser sends the session cookie with any request, also one a foreign page makes; so a
 * changing request authenticated by the cookie must come from our own origin. Requests with an
 * API token (Authorization header) cannot be forged by a foreign page and need no such check.
 *
 * `guestCookies`: the endpoint honours cookies other than the session's (e.g. the live guest
 * cookie) and cannot tell from `authenticatedBy` whether one came along: only an API token spares
 * the check, and it applies to every method, as such endpoints may hand out a cookie.
 */
export function assertSameOrigin(request: OriginCheck, options: { guestCookies?: boolean } = {}): void {
	if (options.guestCookies) {
		if (request.authenticatedBy === 'token') return;
	} else if (SAFE_METHODS.has(request.method) || request.authenticatedBy !== 'session') return;
	if (request.origin !== request.ownOrigin)
		throw new AppError('forbidden', { key: 'api.crossOriginRefused' });
}

/** Response headers as both ways in hold them (the Fetch API's Headers, Node's ServerResponse). */
export interface HeaderTarget {
	set(name: string, value: string): void;
	has(name: string): boolean;
}

/** The security headers of every response; the pages' content security policy comes from svelte.config.js. */
export function setSecurityHeaders(headers: HeaderTarget, requestId: string, publicOrigin: string): void {
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	headers.set('X-Request-Id', requestId);
	// Browsers that once reached us over https keep to it (a year, subdomains too); over plain
	// http the header would be ignored and is a mistake, so only when ORIGIN is https.
	if (publicOrigin.startsWith('https:'))
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	// Non-page responses (API, files) get a strict policy of their own.
	if (!headers.has('Content-Security-Policy'))
		headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
}

/** The request's log line; tokens in links (confirmation, manage, sign-in) and join codes never reach the log. */
export function logRequest(
	context: RequestContext,
	request: { method: string; pathname: string; status: number; startedAt: number }
): void {
	context.log.info(
		{
			method: request.method,
			path: redactPath(request.pathname),
			status: request.status,
			ms: Math.round(performance.now() - request.startedAt)
		},
		'request'
	);
}
