import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { createEntry, listForManagement } from '$lib/server/services/networks-review';
import { placeNames } from '$lib/server/services/networks-places';
import { entryInputFrom } from '$lib/server/http/network-entry-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// Only directory managers see the form.
	await orErrorPage(() => listForManagement(locals.db, locals.actor, { status: 'suggested' }));
	return { places: placeNames() };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { values } = await readForm(request);
		let id;
		try {
			id = await createEntry(locals.db, locals.actor, entryInputFrom(values));
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/netzwerke/${id}?done=created`);
	}
};
