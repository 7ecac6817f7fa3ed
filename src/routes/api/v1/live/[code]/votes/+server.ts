import { apiHandler, readJson } from '$lib/server/http/api';
import { castVoteFromRequest } from '$lib/server/http/live-vote';
import type { RequestHandler } from './$types';

/**
 * A participant's answer to one question, as JSON: what the live page sends when JavaScript runs
 * (the plain form action `?/vote` is the same service without it). 200 only once the vote is
 * committed. The participant is recognized by a cookie (live guest cookie or session) or an API
 * token; with a cookie, the request must come from our own origin (`guestCookies`), as every
 * cookie-authenticated change.
 *
 * The production server (scripts/server.js) answers this request ahead of SvelteKit
 * (lib/server/http/vote-fast-path.ts) with the same guards and the same `castVoteFromRequest`;
 * this route is the way in under vite dev/preview, for requests the fast path leaves to SvelteKit
 * (not JSON, unusual addresses), and the operation the OpenAPI document describes.
 */
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request, cookies, getClientAddress }) =>
		castVoteFromRequest(locals.db, {
			viewer: { actor: locals.actor, cookies },
			code: params.code ?? '',
			readBody: () => readJson(request),
			clientAddress: getClientAddress()
		}),
	{ guestCookies: true }
);
