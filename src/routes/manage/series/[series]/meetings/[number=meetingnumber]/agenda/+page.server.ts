import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm, type FormFailure } from '$lib/server/http/forms';
import { orSignIn, signInIfAnonymous } from '$lib/server/http/pages';
import * as agenda from '$lib/server/services/agenda';
import * as agendaOrder from '$lib/server/services/agenda-order';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orSignIn(url, () =>
		agenda.getAgendaEditor(locals.db, locals.actor, meetingAddressFromParams(params))
	);
	const editId = url.searchParams.get('edit');
	const done = url.searchParams.get('done');
	return {
		...view,
		editing: (editId && view.items.find((item) => item.id === editId)) || null,
		// What the last action did (after its redirect), for the notice and the live region.
		done: done
			? { action: done, itemId: url.searchParams.get('item'), from: url.searchParams.get('from') }
			: null
	};
};

/** The fields of the item form; speakers are checkboxes, so a list (empty when none is ticked). */
function itemInput(data: FormData) {
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	return {
		kind: text('kind') ?? '',
		title: text('title') ?? '',
		details: text('details') ?? '',
		start: text('start'),
		end: text('end'),
		duration: text('duration'),
		// Absent when the meeting has no polls (no select): an edit then keeps the item's poll.
		pollId: text('pollId'),
		speakers: data.getAll('speakers').filter((value): value is string => typeof value === 'string')
	};
}

function agendaPath(params: { series: string; number: string }): string {
	return `/manage/series/${params.series}/meetings/${params.number}/agenda`;
}

/** Where a successful action goes: back to the agenda, with a notice, at the item it changed. */
function doneLocation(params: { series: string; number: string }, action: string, itemId?: string): string {
	const query = new URLSearchParams({ done: action });
	if (itemId) query.set('item', itemId);
	return `${agendaPath(params)}?${query.toString()}${itemId ? `#item-${itemId}` : ''}`;
}

/** Errors that point into the agenda rather than at a form field link to the item (or button) concerned. */
function pointErrorsAt(failure: ReturnType<typeof failForm>, target: string) {
	const data: FormFailure = failure.data;
	data.errors = data.errors.map((entry) => ({ ...entry, field: target }));
	return failure;
}

export const actions: Actions = {
	add: async ({ locals, params, request, url }) => {
		const { data, values } = await readForm(request);
		let itemId: string;
		try {
			itemId = (
				await agenda.addAgendaItem(locals.db, locals.actor, meetingAddressFromParams(params), itemInput(data))
			).id;
		} catch (error) {
			signInIfAnonymous(error, url);
			return failForm(error, locals.locale, { ...values, speakers: data.getAll('speakers').join(',') });
		}
		redirect(303, doneLocation(params, 'added', itemId));
	},

	update: async ({ locals, params, request, url }) => {
		const { data, values } = await readForm(request);
		const itemId = values.itemId ?? '';
		try {
			await agenda.updateAgendaItem(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				itemId,
				itemInput(data)
			);
		} catch (error) {
			signInIfAnonymous(error, url);
			return failForm(error, locals.locale, { ...values, speakers: data.getAll('speakers').join(',') });
		}
		redirect(303, doneLocation(params, 'updated', itemId));
	},

	delete: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await agenda.deleteAgendaItem(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				values.itemId ?? ''
			);
		} catch (error) {
			signInIfAnonymous(error, url);
			return failForm(error, locals.locale, values);
		}
		redirect(303, doneLocation(params, 'deleted'));
	},

	move: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		const itemId = values.itemId ?? '';
		try {
			await agendaOrder.moveAgendaItem(locals.db, locals.actor, meetingAddressFromParams(params), {
				itemId,
				direction: values.direction
			});
		} catch (error) {
			signInIfAnonymous(error, url);
			return pointErrorsAt(failForm(error, locals.locale, values), `item-${itemId}`);
		}
		redirect(303, doneLocation(params, 'moved', itemId));
	},

	/** A whole new order at once (drag and drop, with JavaScript). */
	reorder: async ({ locals, params, request, url }) => {
		const { data, values } = await readForm(request);
		const itemIds = data.getAll('itemIds').filter((value): value is string => typeof value === 'string');
		const movedId = values.movedId;
		try {
			await agendaOrder.reorderAgenda(locals.db, locals.actor, meetingAddressFromParams(params), { itemIds });
		} catch (error) {
			signInIfAnonymous(error, url);
			return pointErrorsAt(failForm(error, locals.locale, values), movedId ? `item-${movedId}` : 'items');
		}
		redirect(303, doneLocation(params, movedId ? 'moved' : 'reordered', movedId));
	},

	copyPrevious: async ({ locals, params, url }) => {
		let fromNumber: number;
		try {
			fromNumber = (
				await agendaOrder.copyPreviousAgenda(locals.db, locals.actor, meetingAddressFromParams(params))
			).fromNumber;
		} catch (error) {
			signInIfAnonymous(error, url);
			return pointErrorsAt(failForm(error, locals.locale, {}), 'copy-previous');
		}
		redirect(303, `${agendaPath(params)}?done=copied&from=${fromNumber}`);
	}
};
