import { redirect } from '@sveltejs/kit';
import { readForm } from '$lib/server/http/forms';
import { getLiveBus } from '$lib/server/live/runtime';
import { orErrorPage } from '$lib/server/http/pages';
import {
	deleteRound,
	exportAssignment,
	getRound,
	movePerson,
	runAssignment,
	updateRoom,
	updateRound
} from '$lib/server/services/breakouts';
import { breakoutsPath, failBreakoutForm, roundInput, signInFirst } from '../forms';
import type { Actions, PageServerLoad } from './$types';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const view = await orErrorPage(async () => {
		try {
			const round = await getRound(locals.db, locals.actor, meetingAddressFromParams(params), params.round);
			// Who cannot be pre-assigned in Zoom (no email): listed for the moderator.
			const zoom = await exportAssignment(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				{ round: params.round, format: 'zoom' },
				{ room: '', name: '', organization: '', email: '' }
			);
			return { ...round, withoutEmail: zoom.withoutEmail };
		} catch (error) {
			signInFirst(error, url);
			throw error;
		}
	});
	return { ...view, done: url.searchParams.get('done') };
};

/** Back to this round's page with a notice; anchors keep the place in a long page. */
const here = (params: { series: string; number: string; round: string }, done: string, anchor = '') =>
	`${breakoutsPath(params)}/${encodeURIComponent(params.round)}?done=${done}${anchor}`;

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await updateRound(locals.db, locals.actor, meetingAddressFromParams(params), {
				round: params.round,
				...roundInput(values)
			});
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { ...values, form: 'round' });
		}
		redirect(303, here(params, 'saved'));
	},
	delete: async ({ locals, params, url }) => {
		try {
			await deleteRound(locals.db, locals.actor, meetingAddressFromParams(params), { round: params.round });
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, {});
		}
		redirect(303, `${breakoutsPath(params)}?done=deleted`);
	},
	assign: async ({ locals, params, url }) => {
		try {
			await runAssignment(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				{ round: params.round },
				await getLiveBus()
			);
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, {});
		}
		redirect(303, here(params, 'assigned', '#rooms-heading'));
	},
	move: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await movePerson(
				locals.db,
				locals.actor,
				meetingAddressFromParams(params),
				{
					round: params.round,
					personId: values.personId ?? '',
					roomId: values.roomId ?? ''
				},
				await getLiveBus()
			);
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, values);
		}
		redirect(303, here(params, 'moved', '#rooms-heading'));
	},
	room: async ({ locals, params, request, url }) => {
		const { values } = await readForm(request);
		try {
			await updateRoom(locals.db, locals.actor, meetingAddressFromParams(params), {
				round: params.round,
				roomId: values.roomId ?? '',
				name: values.name ?? '',
				topic: values.topic,
				cap: values.cap,
				rapporteurPersonId: values.rapporteurPersonId
			});
		} catch (error) {
			return failBreakoutForm(error, url, locals.locale, { ...values, form: 'room' });
		}
		redirect(303, here(params, 'roomSaved', '#rooms-heading'));
	}
};
