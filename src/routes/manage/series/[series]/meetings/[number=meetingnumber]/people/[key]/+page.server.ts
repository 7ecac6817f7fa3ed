import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getMeetingForEditing } from '$lib/server/services/meetings';
import { getPerson, removePerson, updatePerson } from '$lib/server/services/people';
import { failManagedForm, personInput, personValues } from '../../../../../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = meetingAddressFromParams(params).number;
	const { series, meeting } = await orErrorPage(() =>
		getMeetingForEditing(locals.db, locals.actor, params.series, number)
	);
	const person = await orErrorPage(() =>
		getPerson(locals.db, locals.actor, params.series, number, params.key)
	);
	return {
		series: { id: series.id },
		meeting: { number: meeting.number, title: meeting.title },
		person,
		values: personValues(person)
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			const number = meetingAddressFromParams(params).number;
			await updatePerson(locals.db, locals.actor, params.series, number, params.key, personInput(values));
		} catch (caught) {
			return failManagedForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/people?done=saved`);
	},
	remove: async ({ locals, params }) => {
		try {
			await removePerson(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				params.key
			);
		} catch (caught) {
			return failManagedForm(caught, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/people?done=removed`);
	}
};
