import { redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getLiveBus } from '$lib/server/live/runtime';
import { getCockpit, moderateLive, startLiveSession } from '$lib/server/services/live-moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const cockpit = await orErrorPage(async () => {
		try {
			return await getCockpit(
				locals.db,
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number
			);
		} catch (error) {
			if (isAppError(error) && error.kind === 'unauthenticated')
				redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
			throw error;
		}
	});
	return { cockpit };
};

export const actions: Actions = {
	start: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await startLiveSession(
				locals.db,
				await getLiveBus(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				{
					allowsGuests: values.allowsGuests === 'on'
				}
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	},
	moderate: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		// Form fields are text; the service's schema wants a boolean for hiding answers.
		const input = { ...values, ...(values.hidden === undefined ? {} : { hidden: values.hidden === 'true' }) };
		try {
			await moderateLive(
				locals.db,
				await getLiveBus(),
				locals.actor,
				params.series,
				meetingAddressFromParams(params).number,
				input
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	}
};
