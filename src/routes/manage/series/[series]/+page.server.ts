import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import { getManagedSeries, publishSeries, unpublishSeries, updateSeries } from '$lib/server/services/series';
import { failManagedForm, seriesInput, seriesValues } from '../form-input';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { series, meetings } = await orErrorPage(() =>
		getManagedSeries(locals.db, locals.actor, params.series)
	);
	return { series, meetings, values: seriesValues(series), notice: url.searchParams.get('saved') === '1' };
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		let id: string;
		try {
			id = (await updateSeries(locals.db, locals.actor, params.series, seriesInput(values))).id;
		} catch (error) {
			return failManagedForm(error, locals.locale, values);
		}
		redirect(303, `/manage/series/${id}?saved=1`);
	},
	publish: async ({ locals, params }) => {
		try {
			await publishSeries(locals.db, locals.actor, params.series);
		} catch (error) {
			return failManagedForm(error, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}`);
	},
	unpublish: async ({ locals, params }) => {
		try {
			await unpublishSeries(locals.db, locals.actor, params.series);
		} catch (error) {
			return failManagedForm(error, locals.locale, {});
		}
		redirect(303, `/manage/series/${params.series}`);
	}
};
