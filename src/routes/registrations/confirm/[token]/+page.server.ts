import { redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import { translateMessage } from '$lib/i18n/translate';
import { getAppContext } from '$lib/server/app';
import { failForm } from '$lib/server/http/forms';
import { detailFacts } from '$lib/server/mail/templates';
import { confirmRegistration, getConfirmation } from '$lib/server/services/registration-confirm';
import type { Actions, PageServerLoad } from './$types';

// GET only shows what the button confirms: mail scanners that open links must not confirm on
// someone's behalf.
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const view = await getConfirmation(locals.db, params.token);
		return {
			isChange: view.isChange,
			meeting: `${view.meeting.title}: ${view.meeting.seriesTitle}`,
			facts: detailFacts(view.details),
			failure: null
		};
	} catch (caught) {
		if (!isAppError(caught)) throw caught;
		return {
			isChange: false,
			meeting: '',
			facts: [],
			failure: translateMessage(locals.locale, caught.summary)
		};
	}
};

export const actions: Actions = {
	default: async ({ locals, params }) => {
		const { mailer, config } = await getAppContext();
		let outcome;
		try {
			outcome = await confirmRegistration(locals.db, mailer, params.token, {
				publicOrigin: config.publicOrigin,
				mailFrom: config.mailFrom
			});
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		const query = new URLSearchParams({
			status: outcome.status,
			series: outcome.meeting.seriesSlug,
			number: String(outcome.meeting.number),
			meeting: `${outcome.meeting.title}: ${outcome.meeting.seriesTitle}`
		});
		redirect(303, `/registrations/confirmed?${query.toString()}`);
	}
};
