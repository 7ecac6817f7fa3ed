import { redirect } from '@sveltejs/kit';
import { getProjectorView } from '$lib/server/services/breakouts-projector';
import { orLiveErrorPage } from '../../live-errors';
import type { PageServerLoad } from './$types';

/** The projector view, for whoever is in the session (usually the moderator sharing a screen). */
export const load: PageServerLoad = async ({ locals, params, cookies, getClientAddress, depends }) => {
	// The page loads this again when a `state` arrives: the breakout texts are not in the state.
	depends('live:projector');
	const { view, breakouts } = await orLiveErrorPage(locals.locale, () =>
		getProjectorView(locals.db, { actor: locals.actor, cookies }, params.code, {
			clientAddress: getClientAddress()
		})
	);
	// Only those in the session see it; everyone else joins first.
	if (!view.state || !breakouts) redirect(303, `/live/${params.code}`);
	return { view, state: view.state, breakouts, renderedAt: Date.now() };
};
