import { apiHandler } from '$lib/server/http/api';
import { getLiveView } from '$lib/server/services/live-participants';
import type { RequestHandler } from './$types';

/**
 * A running session as its participant sees it. The viewer is the guest of the live cookie or
 * the signed-in user (session or API token), whom the service joins on the first call. Someone
 * who has not joined gets the meeting's title and `state: null`.
 */
export const GET: RequestHandler = apiHandler(async ({ locals, params, cookies, getClientAddress }) => {
	const view = await getLiveView(locals.db, { actor: locals.actor, cookies }, params.code ?? '', {
		clientAddress: getClientAddress()
	});
	return {
		title: view.title,
		code: view.code,
		digits: view.digits,
		allowsGuests: view.allowsGuests,
		isModerator: view.isModerator,
		joined: view.participant !== undefined,
		participant: view.participant ?? null,
		state: view.state,
		myAnswers: view.myAnswers
	};
});
