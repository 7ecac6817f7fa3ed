import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	cancelRegistrationByOrganizer,
	getRegistration,
	updateRegistration
} from '$lib/server/services/registrations-admin';
import { mailContext, registrationInput, registrationValues } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = meetingAddressFromParams(params).number;
	const { meeting, registration } = await orErrorPage(() =>
		getRegistration(locals.db, locals.actor, params.series, number, params.id)
	);
	return { meeting, registration, values: registrationValues(registration) };
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await updateRegistration(
				locals.db,
				await mailContext(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				params.id,
				registrationInput(values, true)
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/registrations?done=saved`);
	},
	cancel: async ({ locals, params }) => {
		try {
			await cancelRegistrationByOrganizer(
				locals.db,
				await mailContext(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				params.id
			);
		} catch (error) {
			return failForm(error, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/registrations?done=cancelled`);
	}
};
