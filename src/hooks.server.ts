import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { anonymous } from '$lib/domain/policy';
import { defaultLocale, isLocale } from '$lib/i18n/translate';
import { getAppContext, stopApp } from '$lib/server/app';
import { logger, redactPath } from '$lib/server/logger';
import { stopLiveBus } from '$lib/server/live/runtime';
import { actorFromApiToken, actorFromSession } from '$lib/server/services/auth';
import { LOCALE_COOKIE, SESSION_COOKIE } from '$lib/server/cookies';

export const init: ServerInit = async () => {
	await getAppContext();
	// adapter-node emits this after SIGTERM/SIGINT once the HTTP server has closed.
	process.once('sveltekit:shutdown', (reason: string) => {
		logger.info({ reason }, 'shutting down');
		stopLiveBus()
			.then(stopApp)
			.catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
	});
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export const handle: Handle = async ({ event, resolve }) => {
	const startedAt = performance.now();
	const incomingId = event.request.headers.get('x-request-id');
	const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
	const { database, config } = await getAppContext();
	event.locals.requestId = requestId;
	event.locals.log = logger.child({ requestId });
	event.locals.db = database.db;

	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(cookieLocale) ? cookieLocale : defaultLocale;

	event.locals.actor = anonymous;
	event.locals.authenticatedBy = 'none';
	const authorization = event.request.headers.get('authorization');
	if (authorization?.startsWith('Bearer ')) {
		event.locals.actor = await actorFromApiToken(database.db, authorization.slice('Bearer '.length).trim());
		if (event.locals.actor.kind === 'user') event.locals.authenticatedBy = 'token';
	} else {
		event.locals.actor = await actorFromSession(database.db, event.cookies.get(SESSION_COOKIE));
		if (event.locals.actor.kind === 'user') event.locals.authenticatedBy = 'session';
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});

	// Security headers in one place; the content security policy comes from svelte.config.js.
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	response.headers.set('X-Request-Id', requestId);
	// Browsers that once reached us over https keep to it (a year, subdomains too); over plain
	// http the header would be ignored and is a mistake, so only when ORIGIN is https.
	if (config.publicOrigin.startsWith('https:'))
		response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	if (!response.headers.has('Content-Security-Policy')) {
		// Non-page responses (API, files) get a strict policy of their own.
		response.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
	}

	event.locals.log.info(
		{
			method: event.request.method,
			// Tokens in links (confirmation, manage, sign-in) and join codes never reach the log.
			path: redactPath(event.url.pathname),
			status: response.status,
			ms: Math.round(performance.now() - startedAt)
		},
		'request'
	);
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId;
	if (status !== 404) (event.locals.log ?? logger).error({ err: error, requestId }, 'unhandled error');
	return { message: status === 404 ? 'Not Found' : 'Internal Error', requestId };
};
