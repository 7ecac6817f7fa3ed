import { redirect, type Action } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getWish } from '$lib/server/services/wishes';
import { commentOnWish } from '$lib/server/services/wishes-contributions';
import { deleteWishComment } from '$lib/server/services/wishes-triage';
import { followWish, voteForWish } from '$lib/server/services/wishes-votes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() => getWish(locals.db, locals.actor, params.series, params.wish));
	return { ...view, done: url.searchParams.get('done') };
};

function back(params: { series: string; wish: string }, done: string): never {
	redirect(303, `/series/${params.series}/wuensche/${params.wish}?done=${done}`);
}

/** Voting and following read the same form (an email, the honeypot) and answer alike. */
function emailAction(
	act: typeof voteForWish | typeof followWish,
	form: 'vote' | 'follow',
	done: { confirmSent: string; counted: string }
): Action<{ series: string; wish: string }> {
	return async ({ request, locals, params, getClientAddress }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await act(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				params.wish,
				{ email: values.email, website: values.website },
				{ locale: locals.locale, publicOrigin: config.publicOrigin, clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, { ...values, form });
		}
		back(params, outcome === 'confirm-sent' ? done.confirmSent : done.counted);
	};
}

export const actions: Actions = {
	vote: emailAction(voteForWish, 'vote', { confirmSent: 'vote-confirm', counted: 'voted' }),
	follow: emailAction(followWish, 'follow', { confirmSent: 'follow-confirm', counted: 'following' }),
	comment: async ({ request, locals, params, getClientAddress }) => {
		const { values } = await readForm(request);
		try {
			await commentOnWish(
				locals.db,
				locals.actor,
				params.series,
				params.wish,
				{
					body: values.body ?? '',
					name: values.name,
					showName: values.showName === 'on',
					website: values.website
				},
				{ clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, { ...values, form: 'comment' });
		}
		back(params, 'commented');
	},
	deleteComment: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await deleteWishComment(locals.db, locals.actor, params.series, params.wish, values.commentId ?? '');
		} catch (caught) {
			return failForm(caught, locals.locale, { form: 'comment' });
		}
		back(params, 'comment-deleted');
	}
};
