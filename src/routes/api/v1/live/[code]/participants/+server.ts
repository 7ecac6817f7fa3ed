import { AppError } from '$lib/domain/errors';
import { apiHandler, readJson } from '$lib/server/http/api';
import { joinLive } from '$lib/server/services/live';
import type { RequestHandler } from './$types';

/**
 * Joins a running session, as the page's join action does: a guest gets the same httpOnly
 * cookie. Path '/' so that the browser sends it to the live pages and to /api/v1/live/… alike.
 * The body is validated by the service (a signed-in user needs no name).
 */
export const POST: RequestHandler = apiHandler(async ({ locals, params, request, cookies, url }) => {
	// A foreign page must not make a browser join (and receive a guest cookie) nor act on the
	// cookies it has; apiHandler checks session cookies, this also guests. API tokens cannot be
	// forged by a page.
	if (locals.authenticatedBy !== 'token' && request.headers.get('origin') !== url.origin)
		throw new AppError('forbidden', { key: 'api.crossOriginRefused' });
	const joined = await joinLive(
		locals.db,
		{ actor: locals.actor, cookies },
		params.code ?? '',
		await readJson(request)
	);
	if (joined.cookie)
		cookies.set(joined.cookie.name, joined.cookie.value, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24
		});
	return { participantId: joined.participantId };
});
