import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	getMeetingForEditing,
	publishMeeting,
	unpublishMeeting,
	updateMeeting
} from '$lib/server/services/meetings';
import { failManagedForm, meetingInput, meetingValues } from '../../../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const number = meetingAddressFromParams(params).number;
	const editing = await orErrorPage(() =>
		getMeetingForEditing(locals.db, locals.actor, params.series, number)
	);
	return {
		...editing,
		values: meetingValues(editing.meeting),
		notice: url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { data, values } = await readForm(request);
		let saved: number;
		try {
			// Checkboxes: one value per ticked person; none ticked sends nothing, i.e. nobody.
			const input = {
				...meetingInput(values),
				moderation: data.getAll('moderation').map(String),
				documentedBy: data.getAll('documentedBy').map(String)
			};
			saved = (
				await updateMeeting(
					locals.db,
					locals.actor,
					params.series,
					meetingAddressFromParams(params).number,
					input
				)
			).number;
		} catch (caught) {
			return failManagedForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${saved}?saved=1`);
	},
	publish: async ({ locals, params }) => {
		try {
			await publishMeeting(locals.db, locals.actor, params.series, meetingAddressFromParams(params).number);
		} catch (caught) {
			return failManagedForm(caught, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}`);
	},
	unpublish: async ({ locals, params }) => {
		try {
			await unpublishMeeting(locals.db, locals.actor, params.series, meetingAddressFromParams(params).number);
		} catch (caught) {
			return failManagedForm(caught, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}/meetings/${params.number}`);
	}
};
