import { error, redirect } from '@sveltejs/kit';
import { canCreateSeries } from '$lib/domain/policy';
import type { LayoutServerLoad } from './$types';

/** Management is for signed-in organizers and admins: others sign in first or are refused. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (locals.actor.kind === 'anonymous') {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	if (!canCreateSeries(locals.actor)) error(403, 'error.forbidden');
	return {};
};
