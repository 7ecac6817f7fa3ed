import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { importAttendanceReport, markAttendedByHand } from '$lib/server/services/attendance';
import { getRegistrationMeeting } from '$lib/server/services/registrations-admin';
import { uploadedText } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = meetingAddressFromParams(params).number;
	return {
		meeting: await orErrorPage(() => getRegistrationMeeting(locals.db, locals.actor, params.series, number))
	};
};

export const actions: Actions = {
	import: async ({ request, locals, params }) => {
		const { data } = await readForm(request);
		try {
			// The unmatched rows come back in the answer, for the second form (matching by hand).
			const result = await importAttendanceReport(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				uploadedText(data, 'report')
			);
			return { result };
		} catch (error) {
			return failForm(error, locals.locale, {});
		}
	},
	match: async ({ request, locals, params }) => {
		const { data, values } = await readForm(request);
		// One select per unmatched row (match-0, match-1 …); an empty choice leaves the row out.
		const registrationIds = [...data.entries()]
			.filter(([name, value]) => name.startsWith('match-') && typeof value === 'string' && value !== '')
			.map(([, value]) => String(value));
		try {
			await markAttendedByHand(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				{
					registrationIds
				}
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/registrations?done=matched`);
	}
};
