import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getAppContext, stopApp } from '$lib/server/app';
import { logRequest, recognizeRequest, setSecurityHeaders } from '$lib/server/http/request-guard';
import { registerVoteFastPath } from '$lib/server/http/vote-fast-path';
import { logger } from '$lib/server/logger';
import { stopLiveBus } from '$lib/server/live/runtime';

export const init: ServerInit = async () => {
	await getAppContext();
	// The server entry (scripts/server.js) serves the live vote ahead of SvelteKit with this
	// bundle's services and guards; without that entry (vite dev/preview) the route answers.
	registerVoteFastPath();
	// Our server entry emits this after SIGTERM/SIGINT once the HTTP server has closed.
	process.once('sveltekit:shutdown', (reason: string) => {
		logger.info({ reason }, 'shutting down');
		stopLiveBus()
			.then(stopApp)
			.catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'));
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	const startedAt = performance.now();
	const { database, config } = await getAppContext();
	const context = await recognizeRequest(database.db, {
		requestIdHeader: event.request.headers.get('x-request-id'),
		authorization: event.request.headers.get('authorization'),
		cookies: event.cookies
	});
	event.locals.requestId = context.requestId;
	event.locals.log = context.log;
	event.locals.db = database.db;
	event.locals.locale = context.locale;
	event.locals.actor = context.actor;
	event.locals.authenticatedBy = context.authenticatedBy;

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});

	setSecurityHeaders(response.headers, context.requestId, config.publicOrigin);
	logRequest(context, {
		method: event.request.method,
		pathname: event.url.pathname,
		status: response.status,
		startedAt
	});
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	const requestId = event.locals.requestId;
	if (status !== 404) (event.locals.log ?? logger).error({ err: error, requestId }, 'unhandled error');
	return { message: status === 404 ? 'Not Found' : 'Internal Error', requestId };
};
