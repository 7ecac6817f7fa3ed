import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { createRound, listRounds, writeFindings } from '$lib/server/services/breakouts';
import { breakoutsPath, failBreakoutForm, roundInput, signInFirst } from './forms';
import type { Actions, PageServerLoad } from './$types';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(async () => {
		try {
			return await listRounds(locals.db, locals.actor, meetingAddressFromParams(params));
		} catch (error) {
			signInFirst(error, url);
			throw error;
		}
	});
	return { ...view, done: url.searchParams.get('done') };
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		let key: string;
		try {
			key = (await createRound(locals.db, locals.actor, meetingAddressFromParams(params), roundInput(values)))
				.key;
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, values);
		}
		redirect(303, `${breakoutsPath(params)}/${encodeURIComponent(key)}?done=created`);
	},
	findings: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await writeFindings(locals.db, locals.actor, meetingAddressFromParams(params), {
				findings: values.findings ?? ''
			});
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, values);
		}
		redirect(303, `${breakoutsPath(params)}?done=findings`);
	}
};
