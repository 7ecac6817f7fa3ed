import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm, failForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { saveAttendance } from '$lib/server/services/attendance';
import { listRegistrationsOfMeeting } from '$lib/server/services/registrations-admin';
import { updateRegistrationSettings } from '$lib/server/services/registrations-settings';
import { mailContext } from './form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const number = meetingAddressFromParams(params).number;
	const overview = await orErrorPage(() =>
		listRegistrationsOfMeeting(locals.db, locals.actor, params.series, number, {
			q: url.searchParams.get('q') ?? undefined,
			status: url.searchParams.get('status') || undefined,
			attended: url.searchParams.get('attended') || undefined
		})
	);
	return { ...overview, notice: url.searchParams.get('done') };
};

export const actions: Actions = {
	attendance: async ({ request, locals, params, url }) => {
		const { data, values } = await readForm(request);
		try {
			await saveAttendance(locals.db, locals.actor, params.series, meetingAddressFromParams(params).number, {
				shown: data.getAll('shown').map(String),
				attended: data.getAll('attended').map(String)
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		// Back to the same search and filters, so the organizer keeps their place.
		const query = new URLSearchParams(url.searchParams);
		query.set('done', 'attendance');
		query.delete('/attendance');
		redirect(303, `${url.pathname}?${query.toString()}`);
	},
	settings: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await updateRegistrationSettings(
				locals.db,
				await mailContext(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				{
					capacity: values.capacity ?? '',
					isRegistrationOpen: values.isRegistrationOpen === 'on',
					remindDayBefore: values.remindDayBefore === 'on',
					remindHourBefore: values.remindHourBefore === 'on'
				}
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `${url.pathname}?done=settings`);
	}
};
