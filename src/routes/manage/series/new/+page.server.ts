import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { createSeries, listSeriesOrganizations } from '$lib/server/services/series';
import { failManagedForm, seriesInput } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const organizations = await orErrorPage(() => listSeriesOrganizations(locals.db, locals.actor));
	// With one organization, its details are the organizer's defaults, shown for editing.
	const only = organizations.length === 1 ? organizations[0] : undefined;
	return {
		organizations: organizations.map((organization) => ({ id: organization.id, name: organization.name })),
		defaults: {
			'organizer/name': only?.name ?? '',
			'organizer/email': only?.email ?? '',
			'organizer/website': only?.website ?? ''
		} as Record<string, string>
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { values } = await readForm(request);
		let id: string;
		try {
			const input = { ...seriesInput(values), organizationId: values.organizationId };
			id = (await createSeries(locals.db, locals.actor, input)).id;
		} catch (error) {
			return failManagedForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${id}?saved=1`);
	}
};
