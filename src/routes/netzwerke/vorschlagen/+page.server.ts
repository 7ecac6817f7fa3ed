import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { placeNames } from '$lib/server/services/networks-places';
import { type EntryInput } from '$lib/server/services/networks-entries';
import { suggestEntry } from '$lib/server/services/networks-suggestions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	places: placeNames(),
	done: url.searchParams.has('done')
});

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress }) => {
		const { values } = await readForm(request);
		try {
			await suggestEntry(
				locals.db,
				locals.actor,
				{
					name: values.name ?? '',
					kind: (values.kind ?? '') as EntryInput['kind'],
					place: values.place ?? '',
					description: values.description,
					topics: values.topics,
					address: values.address,
					website: values.website,
					contactEmail: values.contactEmail,
					contactName: values.contactName,
					contactNameConsent: values.contactNameConsent === 'on',
					contactPhone: values.contactPhone,
					founded: values.founded,
					suggesterEmail: values.suggesterEmail,
					companyFax: values.companyFax
				},
				{ clientAddress: getClientAddress() }
			);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, '/netzwerke/vorschlagen?done');
	}
};
