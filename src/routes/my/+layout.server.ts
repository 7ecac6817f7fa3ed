import { redirectToSignIn } from '$lib/server/http/pages';
import type { LayoutServerLoad } from './$types';

// Everything under /my is about the signed-in person: others go to the sign-in by link first.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (locals.actor.kind !== 'user') redirectToSignIn(url, '/login/link');
	return {};
};
