import { redirect } from '@sveltejs/kit';
import { orErrorPage } from '$lib/server/http/pages';
import { getLiveView } from '$lib/server/services/live';
import type { PageServerLoad } from './$types';

/** The projector view, for whoever is in the session (usually the moderator sharing a screen). */
export const load: PageServerLoad = async ({ locals, params, cookies }) => {
	const view = await orErrorPage(() => getLiveView(locals.db, { actor: locals.actor, cookies }, params.code));
	if (!view.participant && !view.isModerator) redirect(303, `/live/${params.code}`);
	return { view, renderedAt: Date.now() };
};
