import { redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import { translateMessage } from '$lib/i18n/translate';
import { getAppContext } from '$lib/server/app';
import { failForm, readForm } from '$lib/server/http/forms';
import { deleteOwnDataByManageToken } from '$lib/server/services/my-data';
import {
	getRegistrationByManageToken,
	updateConsentsByManageToken
} from '$lib/server/services/registration-manage';
import { cancelRegistration } from '$lib/server/services/registration-status';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		return {
			registration: await getRegistrationByManageToken(locals.db, params.token),
			saved: url.searchParams.get('saved'),
			invalid: null
		};
	} catch (caught) {
		// An old or wrong link gets a clear message on this page rather than a bare 404.
		if (!isAppError(caught)) throw caught;
		return { registration: null, saved: null, invalid: translateMessage(locals.locale, caught.summary) };
	}
};

async function mailOptions() {
	const { mailer, config } = await getAppContext();
	return {
		mailer,
		options: { publicOrigin: config.publicOrigin, mailFrom: config.mailFrom, dataDir: config.dataDir }
	};
}

export const actions: Actions = {
	consents: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await updateConsentsByManageToken(locals.db, params.token, {
				participantList: values.consentParticipantList === 'on',
				shareEmail: values.consentShareEmail === 'on'
			});
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/registrations/manage/${params.token}?saved=consents`);
	},
	cancel: async ({ locals, params }) => {
		const { mailer, options } = await mailOptions();
		try {
			await cancelRegistration(locals.db, mailer, { manageToken: params.token }, options);
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, `/registrations/manage/${params.token}?saved=cancelled`);
	},
	delete: async ({ locals, params }) => {
		const { mailer, options } = await mailOptions();
		try {
			await deleteOwnDataByManageToken(locals.db, mailer, params.token, options);
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, '/registrations/deleted');
	}
};
