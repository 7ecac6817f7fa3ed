import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { deleteMyRegistrations, getMyAccount, listMyRegistrations } from '$lib/server/services/my-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	account: await orErrorPage(() => getMyAccount(locals.db, locals.actor)),
	registrations: await orErrorPage(() => listMyRegistrations(locals.db, locals.actor)),
	deleted: url.searchParams.has('deleted')
});

export const actions: Actions = {
	delete: async ({ locals }) => {
		const { mailer, config } = await getAppContext();
		try {
			await deleteMyRegistrations(locals.db, mailer, locals.actor, {
				publicOrigin: config.publicOrigin,
				mailFrom: config.mailFrom,
				dataDir: config.dataDir
			});
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, '/my/data?deleted');
	}
};
