import { redirect } from '@sveltejs/kit';
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

export const actions: Actions = {
	vote: async ({ request, locals, params, getClientAddress }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await voteForWish(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				params.wish,
				{ email: values.email, website: values.website },
				{ locale: locals.locale, publicOrigin: config.publicOrigin, clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, { ...values, form: 'vote' });
		}
		back(params, outcome === 'confirm-sent' ? 'vote-confirm' : 'voted');
	},
	follow: async ({ request, locals, params, getClientAddress }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await followWish(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				params.wish,
				{ email: values.email, website: values.website },
				{ locale: locals.locale, publicOrigin: config.publicOrigin, clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, { ...values, form: 'follow' });
		}
		back(params, outcome === 'confirm-sent' ? 'follow-confirm' : 'following');
	},
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
