import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { castVote } from '$lib/server/services/live-votes';
import type { RequestHandler } from './$types';

/**
 * A participant's answer to one question, as JSON: what the live page sends when JavaScript runs
 * (the plain form action `?/vote` is the same service without it). 200 only once the vote is
 * committed. The participant is recognized by a cookie (live guest cookie or session) or an API
 * token; with a cookie, the request must come from our own origin (`guestCookies`), as every
 * cookie-authenticated change.
 */
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request, cookies, getClientAddress }) => {
		return castVote(
			locals.db,
			await getLiveBus(),
			{ actor: locals.actor, cookies },
			params.code ?? '',
			await readJson(request),
			{ clientAddress: getClientAddress() }
		);
	},
	{ guestCookies: true }
);
