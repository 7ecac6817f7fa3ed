import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { placeNames } from '$lib/server/services/networks-places';
import { suggestEntry } from '$lib/server/services/networks-suggestions';
import { entryInputFrom } from '$lib/server/http/network-entry-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	places: placeNames(),
	done: url.searchParams.has('done')
});

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const { values } = await readForm(request);
		// The suggestion form has the entry form's fields, without "last checked".
		const { lastChecked: _lastChecked, ...entryFields } = entryInputFrom(values);
		try {
			await suggestEntry(
				locals.db,
				locals.actor,
				{ ...entryFields, suggesterEmail: values.suggesterEmail, companyFax: values.companyFax },
				{ clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, '/netzwerke/vorschlagen?done');
	}
};
