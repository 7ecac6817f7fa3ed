import { LIVE_GUEST_COOKIE_OPTIONS } from '$lib/server/cookies';
import { apiHandler, readJson } from '$lib/server/http/api';
import { joinLive } from '$lib/server/services/live-participants';
import type { RequestHandler } from './$types';

/**
 * Joins a running session, as the page's join action does: a guest gets the same httpOnly
 * cookie, and guest joins are rate-limited per client address.
 * The body is validated by the service (a signed-in user needs no name). With `guestCookies`, a
 * foreign page can neither make a browser join (and receive a guest cookie) nor act on the
 * cookies it has; API tokens cannot be forged by a page.
 */
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request, cookies, getClientAddress }) => {
		const joined = await joinLive(
			locals.db,
			{ actor: locals.actor, cookies },
			params.code ?? '',
			await readJson(request),
			{ clientAddress: getClientAddress() }
		);
		if (joined.cookie) cookies.set(joined.cookie.name, joined.cookie.value, LIVE_GUEST_COOKIE_OPTIONS);
		return { participantId: joined.participantId };
	},
	{ guestCookies: true }
);
