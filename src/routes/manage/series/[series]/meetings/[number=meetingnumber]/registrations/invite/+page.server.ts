import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { inviteFromCsv, inviteOne } from '$lib/server/services/invitations';
import { getRegistrationMeeting } from '$lib/server/services/registrations-admin';
import { mailContext, uploadedText } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = meetingAddressFromParams(params).number;
	return {
		meeting: await orErrorPage(() => getRegistrationMeeting(locals.db, locals.actor, params.series, number))
	};
};

export const actions: Actions = {
	one: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await inviteOne(
				locals.db,
				await mailContext(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				{ email: values.email ?? '', name: values.name, organization: values.organization }
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/registrations?done=invited`);
	},
	csv: async ({ request, locals, params }) => {
		const { data } = await readForm(request);
		try {
			// The report is the answer: it names lines, so it is shown rather than redirected to.
			const report = await inviteFromCsv(
				locals.db,
				await mailContext(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				uploadedText(data, 'file')
			);
			return { report };
		} catch (error) {
			return failForm(error, locals.locale, {});
		}
	}
};
