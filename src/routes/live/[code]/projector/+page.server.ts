import { redirect } from '@sveltejs/kit';
import { getLiveView } from '$lib/server/services/live-participants';
import { orLiveErrorPage } from '../../live-errors';
import type { PageServerLoad } from './$types';

/** The projector view, for whoever is in the session (usually the moderator sharing a screen). */
export const load: PageServerLoad = async ({ locals, params, cookies, getClientAddress }) => {
	const view = await orLiveErrorPage(locals.locale, () =>
		getLiveView(locals.db, { actor: locals.actor, cookies }, params.code, {
			clientAddress: getClientAddress()
		})
	);
	// Only those in the session see it; everyone else joins first.
	if (!view.state) redirect(303, `/live/${params.code}`);
	return { view, state: view.state, renderedAt: Date.now() };
};
