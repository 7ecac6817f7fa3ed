import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { readForm } from '$lib/server/http/forms';
import { orSignIn } from '$lib/server/http/pages';
import { createPoll, listMeetingPolls } from '$lib/server/services/polls';
import { failPollForm, pollsPath } from './poll-forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orSignIn(url, () =>
		listMeetingPolls(locals.db, locals.actor, meetingAddressFromParams(params))
	);
	return { ...view, done: url.searchParams.get('done'), doneTitle: url.searchParams.get('title') };
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		let key: string;
		try {
			key = (
				await createPoll(locals.db, locals.actor, meetingAddressFromParams(params), {
					title: values.title ?? ''
				})
			).key;
		} catch (error) {
			return failPollForm(error, url, locals.locale, values);
		}
		redirect(303, `${pollsPath(params)}/${encodeURIComponent(key)}?done=created`);
	}
};
