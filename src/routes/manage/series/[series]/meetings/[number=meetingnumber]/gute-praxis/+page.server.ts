import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listMunicipalities } from '$lib/server/reference/municipalities';
import {
	createGoodPractice,
	listGoodPracticeSources,
	prefillGoodPractice
} from '$lib/server/services/good-practice-create';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { number } = meetingAddressFromParams(params);
	const sources = await orErrorPage(() =>
		listGoodPracticeSources(locals.db, locals.actor, params.series, number)
	);
	const from = url.searchParams.get('from');
	const prefill = from
		? await orErrorPage(() => prefillGoodPractice(locals.db, locals.actor, params.series, number, from))
		: null;
	return {
		...sources,
		prefill,
		created: url.searchParams.get('created'),
		municipalities: prefill ? listMunicipalities().map((entry) => entry.name) : []
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { number } = meetingAddressFromParams(params);
		const { values } = await readForm(request);
		let created;
		try {
			created = await createGoodPractice(locals.db, locals.actor, params.series, number, {
				source: values.source ?? '',
				title: values.title ?? '',
				what: values.what ?? '',
				how: values.how,
				municipality: values.municipality,
				contactName: values.contactName,
				contactEmail: values.contactEmail,
				contactConsent: values.contactConsent === 'on',
				topics: values.topics,
				publish: values.publish === 'on'
			});
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, `/manage/series/${params.series}/meetings/${number}/gute-praxis?created=${created.id}`);
	}
};
