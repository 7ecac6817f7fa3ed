import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getMeetingForEditing } from '$lib/server/services/meetings';
import { addPerson, listPeople } from '$lib/server/services/people';
import { failManagedForm, personInput } from '../../../../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const number = meetingAddressFromParams(params).number;
	const { series, meeting } = await orErrorPage(() =>
		getMeetingForEditing(locals.db, locals.actor, params.series, number)
	);
	const people = await orErrorPage(() => listPeople(locals.db, locals.actor, params.series, number));
	return {
		series: { id: series.id, title: series.title },
		meeting: { number: meeting.number, title: meeting.title },
		people,
		notice: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	add: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await addPerson(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				personInput(values)
			);
		} catch (caught) {
			return failManagedForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}/people?done=added`);
	}
};
