import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listWishes } from '$lib/server/services/wishes';
import { submitWish } from '$lib/server/services/wishes-contributions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() => listWishes(locals.db, locals.actor, params.series));
	// After a submission (303 to ?done=…): the page says what happens next.
	return { ...view, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	default: async ({ request, locals, params, getClientAddress }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await submitWish(
				locals.db,
				mailer,
				locals.actor,
				params.series,
				{
					title: values.title ?? '',
					body: values.body ?? '',
					name: values.name,
					showName: values.showName === 'on',
					email: values.email,
					website: values.website
				},
				{ locale: locals.locale, publicOrigin: config.publicOrigin, clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(
			303,
			`/series/${params.series}/wuensche?done=${outcome.isConfirmMailSent ? 'confirm' : 'submitted'}`
		);
	}
};
