import { redirect } from '@sveltejs/kit';
import { failForm } from '$lib/server/http/forms';
import { confirmWishLink } from '$lib/server/services/wishes-votes';
import type { Actions } from './$types';

// GET only shows a button: mail scanners that open links must not vote on someone's behalf.
export const actions: Actions = {
	default: async ({ locals, params }) => {
		let outcome;
		try {
			outcome = await confirmWishLink(locals.db, params.token);
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(
			303,
			`/series/${outcome.seriesSlug}/wuensche/${outcome.wishId}?done=${outcome.kind === 'vote' ? 'voted' : 'following'}`
		);
	}
};
