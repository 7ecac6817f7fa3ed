import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$lib/server/app';
import { failForm } from '$lib/server/http/forms';
import { confirmRegistration } from '$lib/server/services/registration';
import type { Actions } from './$types';

// GET only shows a button: mail scanners that open links must not confirm on someone's behalf.
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
