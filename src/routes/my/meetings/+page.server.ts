import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	listMyLiveSessions,
	listMyModeratedMeetings,
	listMyRegistrations,
	openManageLink
} from '$lib/server/services/my-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	email: locals.actor.kind === 'user' ? locals.actor.email : '',
	registrations: await orErrorPage(() => listMyRegistrations(locals.db, locals.actor)),
	liveSessions: await orErrorPage(() => listMyLiveSessions(locals.db, locals.actor)),
	moderated: await orErrorPage(() => listMyModeratedMeetings(locals.db, locals.actor))
});

export const actions: Actions = {
	manage: async ({ request, locals }) => {
		const { values } = await readForm(request);
		let token;
		try {
			token = await openManageLink(locals.db, locals.actor, values.registrationId ?? '');
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/registrations/manage/${token}`);
	}
};
