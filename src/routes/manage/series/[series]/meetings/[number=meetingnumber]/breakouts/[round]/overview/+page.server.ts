import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { orSignIn } from '$lib/server/http/pages';
import { getRoundOverview } from '$lib/server/services/breakouts-overview';
import type { PageServerLoad } from './$types';

/** The moderators' live overview of every room of a round (the page follows the event stream). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const overview = await orSignIn(url, () =>
		getRoundOverview(locals.db, locals.actor, meetingAddressFromParams(params), params.round)
	);
	return { overview };
};
