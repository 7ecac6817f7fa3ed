import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orSignIn } from '$lib/server/http/pages';
import { getLiveBus } from '$lib/server/live/runtime';
import { getCockpit, moderateLive, startLiveSession } from '$lib/server/services/live-moderation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	const cockpit = await orSignIn(url, () => getCockpit(locals.db, locals.actor, seriesId, number));
	return { cockpit };
};

export const actions: Actions = {
	start: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		const { seriesId, number } = meetingAddressFromParams(params);
		try {
			await startLiveSession(locals.db, await getLiveBus(), locals.actor, seriesId, number, {
				allowsGuests: values.allowsGuests === 'on'
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	},
	moderate: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		// Form fields are text; the service's schema wants a boolean for hiding answers.
		const input = { ...values, ...(values.hidden === undefined ? {} : { hidden: values.hidden === 'true' }) };
		const { seriesId, number } = meetingAddressFromParams(params);
		try {
			await moderateLive(locals.db, await getLiveBus(), locals.actor, seriesId, number, input);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	}
};
