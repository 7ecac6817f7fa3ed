import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { createMeeting, DEFAULT_TIME_ZONE, suggestMeetingNumber } from '$lib/server/services/meetings';
import { getManagedSeries } from '$lib/server/services/series';
import { failManagedForm, meetingInput } from '../../../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { series } = await orErrorPage(() => getManagedSeries(locals.db, locals.actor, params.series));
	const number = await orErrorPage(() => suggestMeetingNumber(locals.db, locals.actor, params.series));
	return {
		series: { id: series.id, title: series.title },
		defaults: { number: String(number), timeZone: DEFAULT_TIME_ZONE, 'venue/mode': 'online' } as Record<
			string,
			string
		>
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		let number: number;
		try {
			number = (await createMeeting(locals.db, locals.actor, params.series, meetingInput(values))).number;
		} catch (error) {
			return failManagedForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${number}?saved=1`);
	}
};
