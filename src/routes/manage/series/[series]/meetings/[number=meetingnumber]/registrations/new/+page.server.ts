import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { addRegistration, getRegistrationMeeting } from '$lib/server/services/registrations-admin';
import { registrationInput } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = meetingAddressFromParams(params).number;
	return {
		meeting: await orErrorPage(() => getRegistrationMeeting(locals.db, locals.actor, params.series, number))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await addRegistration(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				registrationInput(values)
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/registrations?done=added`);
	}
};
