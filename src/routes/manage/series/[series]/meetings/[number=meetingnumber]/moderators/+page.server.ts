import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { grantModerator, listModerators, revokeModerator } from '$lib/server/services/meeting-roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() =>
		listModerators(locals.db, locals.actor, params.series, meetingAddressFromParams(params).number)
	);
	return { ...view, notice: url.searchParams.get('done') };
};

export const actions: Actions = {
	grant: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		const { mailer, config } = await getAppContext();
		let granted;
		try {
			granted = await grantModerator(
				locals.db,
				{ mailer, origin: config.publicOrigin },
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				{ email: values.email ?? '', displayName: values.displayName },
				{ locale: locals.locale }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `${url.pathname}?done=${granted.isMailSent ? 'added' : 'addedWithoutMail'}`);
	},
	revoke: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await revokeModerator(locals.db, locals.actor, params.series, meetingAddressFromParams(params).number, {
				userId: values.userId ?? ''
			});
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, `${url.pathname}?done=removed`);
	}
};
