import { redirect } from '@sveltejs/kit';
import { LIVE_GUEST_COOKIE_OPTIONS } from '$lib/server/cookies';
import { failForm, readForm } from '$lib/server/http/forms';
import { getLiveBus } from '$lib/server/live/runtime';
import { getParticipantRoom } from '$lib/server/services/breakouts-live-board';
import { streamPosition } from '$lib/server/services/breakouts-live-pages';
import { chooseLiveRoom, getRoomChoice } from '$lib/server/services/breakouts-live-choice';
import { boardActions } from './board-actions';
import { castVote } from '$lib/server/services/live-votes';
import { getLiveView, joinLive } from '$lib/server/services/live-participants';
import { orLiveErrorPage } from '../live-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies, url, getClientAddress }) => {
	const viewer = { actor: locals.actor, cookies };
	const request = { clientAddress: getClientAddress() };
	const view = await orLiveErrorPage(locals.locale, () =>
		getLiveView(locals.db, viewer, params.code, request)
	);
	// Where the event stream stood, read before the room: the browser applies only later card events.
	const position = view.state ? await streamPosition(locals.db, view.meetingId) : 0;
	// The viewer's breakout room while a round runs (only for those who joined).
	const room = view.participant ? await getParticipantRoom(locals.db, viewer, params.code, request) : null;
	// In a self-chosen round, the rooms to pick from while the viewer has none.
	const choice =
		view.participant && !room && view.state?.breakout?.status === 'running'
			? await getRoomChoice(locals.db, viewer, params.code, request)
			: null;
	return { view, room, choice, position, saved: url.searchParams.get('saved'), renderedAt: Date.now() };
};

const board = boardActions(getLiveBus);

export const actions: Actions = {
	join: async ({ request, locals, params, cookies, getClientAddress }) => {
		const { values } = await readForm(request);
		try {
			const joined = await joinLive(locals.db, { actor: locals.actor, cookies }, params.code, values, {
				clientAddress: getClientAddress(),
				bus: await getLiveBus()
			});
			if (joined.cookie) cookies.set(joined.cookie.name, joined.cookie.value, LIVE_GUEST_COOKIE_OPTIONS);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/live/${params.code}`);
	},
	vote: async ({ request, locals, params, cookies, getClientAddress }) => {
		const { data, values } = await readForm(request);
		const questionId = values.questionId ?? '';
		const answer = data.getAll('answer').filter((value): value is string => typeof value === 'string');
		try {
			await castVote(
				locals.db,
				await getLiveBus(),
				{ actor: locals.actor, cookies },
				params.code,
				{ questionId, answer },
				{ clientAddress: getClientAddress() }
			);
		} catch (error) {
			// Every chosen value goes back (one per line), so the form shows what was sent.
			return failForm(error, locals.locale, { ...values, answer: answer.join('\n') });
		}
		redirect(303, `/live/${params.code}?saved=${encodeURIComponent(questionId)}#question-${questionId}`);
	},
	/** A room of a self-chosen round (field `roomId`), for a participant without one. */
	chooseRoom: async ({ request, locals, params, cookies, getClientAddress }) => {
		const { values } = await readForm(request);
		try {
			await chooseLiveRoom(
				locals.db,
				await getLiveBus(),
				{ actor: locals.actor, cookies },
				params.code,
				values,
				{ clientAddress: getClientAddress() }
			);
		} catch (error) {
			return failForm(error, locals.locale, values);
		}
		redirect(303, `/live/${params.code}#board`);
	},
	// The board of the viewer's breakout room (board-actions.ts).
	addCard: board.addCard,
	editCard: board.editCard,
	deleteCard: board.deleteCard,
	dot: board.dot,
	undot: board.undot
};
