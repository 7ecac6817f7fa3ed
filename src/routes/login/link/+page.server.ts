import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { requestMagicLink } from '$lib/server/services/magic-link';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ sent: url.searchParams.has('sent') });

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		try {
			await requestMagicLink(
				locals.db,
				mailer,
				{ email: values.email ?? '' },
				{
					publicOrigin: config.publicOrigin,
					locale: locals.locale,
					clientAddress: getClientAddress()
				}
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, '/login/link?sent');
	}
};
