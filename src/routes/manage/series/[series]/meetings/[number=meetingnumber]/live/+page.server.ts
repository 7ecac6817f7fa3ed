import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { failForm, readForm } from '$lib/server/http/forms';
import { orSignIn } from '$lib/server/http/pages';
import { getLiveBus } from '$lib/server/live/runtime';
import { getCockpit, moderateLive, startLiveSession } from '$lib/server/services/live-moderation';
import { broadcastToRooms, endRound, startRoundFromAgendaItem } from '$lib/server/services/breakouts-live';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { seriesId, number } = meetingAddressFromParams(params);
	const cockpit = await orSignIn(url, () => getCockpit(locals.db, locals.actor, seriesId, number));
	return { cockpit, renderedAt: Date.now() };
};

export const actions: Actions = {
	start: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		const { seriesId, number } = meetingAddressFromParams(params);
		try {
			await startLiveSession(locals.db, await getLiveBus(), locals.actor, seriesId, number, {
				allowsGuests: values.allowsGuests === 'on'
			});
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	},
	moderate: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		// Form fields are text; the service's schema wants a boolean for hiding answers.
		const input = { ...values, ...(values.hidden === undefined ? {} : { hidden: values.hidden === 'true' }) };
		const { seriesId, number } = meetingAddressFromParams(params);
		try {
			await moderateLive(locals.db, await getLiveBus(), locals.actor, seriesId, number, input);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, url.pathname);
	},
	/** "Runde starten" on a breakout item of the agenda (field `agendaItem`). */
	startRound: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await startRoundFromAgendaItem(
				locals.db,
				await getLiveBus(),
				locals.actor,
				meetingAddressFromParams(params),
				values.agendaItem ?? ''
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `${url.pathname}#breakouts`);
	},
	endRound: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await endRound(
				locals.db,
				await getLiveBus(),
				locals.actor,
				meetingAddressFromParams(params),
				values.round ?? ''
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `${url.pathname}#breakouts`);
	},
	/** A message to every room of the running round (fields `round`, `text`). */
	broadcast: async ({ request, locals, params, url }) => {
		const { values } = await readForm(request);
		try {
			await broadcastToRooms(
				locals.db,
				await getLiveBus(),
				locals.actor,
				meetingAddressFromParams(params),
				values.round ?? '',
				values.text ?? ''
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `${url.pathname}#breakouts`);
	}
};
