import { redirect } from '@sveltejs/kit';
import { failForm, readForm } from '$lib/server/http/forms';
import { orErrorPage } from '$lib/server/http/pages';
import {
	getEntryForManagement,
	linkMeeting,
	mergeEntries,
	setEntryStatus,
	updateEntry
} from '$lib/server/services/networks-review';
import { placeNames } from '$lib/server/services/networks-places';
import { entryInputFrom, formValuesOf } from '$lib/server/http/network-entry-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(() => getEntryForManagement(locals.db, locals.actor, params.id));
	return { view, values: formValuesOf(view), places: placeNames(), done: url.searchParams.get('done') };
};

const back = (id: string, done: string) => redirect(303, `/manage/netzwerke/${id}?done=${done}`);

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await updateEntry(locals.db, locals.actor, params.id, entryInputFrom(values));
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		back(params.id, 'saved');
	},
	status: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await setEntryStatus(locals.db, locals.actor, params.id, { status: values.status as 'published' });
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		back(params.id, 'status');
	},
	merge: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await mergeEntries(locals.db, locals.actor, params.id, { duplicate: values.duplicate ?? '' });
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		back(params.id, 'merged');
	},
	link: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			// The choice is a meeting's id, or `meetingId/agendaItemId` for one of its agenda items.
			const [meetingId = '', agendaItemId] = (values.meetingId ?? '').split('/');
			await linkMeeting(locals.db, locals.actor, params.id, { meetingId, agendaItemId });
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		back(params.id, 'saved');
	},
	unlink: async ({ request, locals, params }) => {
		const { values } = await readForm(request);
		try {
			await linkMeeting(locals.db, locals.actor, params.id, { meetingId: values.meetingId ?? '' }, false);
		} catch (caught) {
			return failForm(caught, locals.locale, values);
		}
		back(params.id, 'saved');
	}
};
