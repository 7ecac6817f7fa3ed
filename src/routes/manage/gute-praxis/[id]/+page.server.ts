import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { listMunicipalities } from '$lib/server/reference/municipalities';
import {
	deleteGoodPractice,
	getGoodPracticeForEdit,
	setGoodPracticePublished,
	updateGoodPractice
} from '$lib/server/services/good-practice-edit';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = ['saved', 'published', 'unpublished'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const entry = await orErrorPage(() => getGoodPracticeForEdit(locals.db, locals.actor, params.id));
	const done = url.searchParams.get('done');
	return {
		...entry,
		notice: NOTICES.find((notice) => notice === done) ?? null,
		municipalities: listMunicipalities().map((municipality) => municipality.name)
	};
};

const here = (id: string, done: (typeof NOTICES)[number]) => `/manage/gute-praxis/${id}?done=${done}`;

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await updateGoodPractice(locals.db, locals.actor, params.id, {
				title: values.title ?? '',
				what: values.what ?? '',
				how: values.how,
				municipality: values.municipality,
				contactName: values.contactName,
				contactEmail: values.contactEmail,
				contactConsent: values.contactConsent === 'on',
				topics: values.topics
			});
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, here(params.id, 'saved'));
	},
	publish: async ({ locals, params }) => {
		try {
			await setGoodPracticePublished(locals.db, locals.actor, params.id, true);
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, here(params.id, 'published'));
	},
	unpublish: async ({ locals, params }) => {
		try {
			await setGoodPracticePublished(locals.db, locals.actor, params.id, false);
		} catch (caught) {
			return failForm(caught, locals.locale, {});
		}
		redirect(303, here(params.id, 'unpublished'));
	},
	delete: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await deleteGoodPractice(locals.db, locals.actor, params.id, { confirm: values.confirm === 'on' });
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		redirect(303, '/gute-praxis?deleted=1');
	}
};
