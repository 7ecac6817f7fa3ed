import { error } from '@sveltejs/kit';
import { canCreateSeries } from '$lib/domain/policy';
import { redirectToSignIn } from '$lib/server/http/pages';
import type { LayoutServerLoad } from './$types';

/**
 * Management is for signed-in organizers and admins, and for the moderators of a meeting (who
 * reach only that meeting's live cockpit: every other page here is refused by its service, which
 * checks the organization's content rights). Others sign in first or are refused.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind === 'anonymous') redirectToSignIn(url);
	const moderatesSomeMeeting = actor.kind === 'user' && actor.meetings.length > 0;
	if (!canCreateSeries(actor) && !moderatesSomeMeeting) error(403, 'error.forbidden');
	return {};
};
