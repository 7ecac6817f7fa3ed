import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { findSessionCode } from '$lib/server/services/live-participants';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const { values } = await readForm(request);
		let digits: string;
		try {
			digits = await findSessionCode(locals.db, values, { clientAddress: getClientAddress() });
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/live/${digits}`);
	}
};
