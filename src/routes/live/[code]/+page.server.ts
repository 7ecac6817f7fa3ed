import { fail, redirect } from '@sveltejs/kit';
import { isAppError } from '$lib/domain/errors';
import { LIVE_GUEST_COOKIE_OPTIONS } from '$lib/server/cookies';
import { failForm, readForm } from '$lib/server/http/forms';
import { getLiveBus } from '$lib/server/live/runtime';
import {
	addLiveCard,
	deleteLiveCard,
	dotLiveCard,
	editLiveCard,
	getParticipantRoom,
	undotLiveCard
} from '$lib/server/services/breakouts-live-board';
import { castVote } from '$lib/server/services/live-votes';
import { getLiveView, joinLive } from '$lib/server/services/live-participants';
import { orLiveErrorPage } from '../live-errors';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies, url, getClientAddress }) => {
	const viewer = { actor: locals.actor, cookies };
	const request = { clientAddress: getClientAddress() };
	const view = await orLiveErrorPage(locals.locale, () =>
		getLiveView(locals.db, viewer, params.code, request)
	);
	// The viewer's breakout room while a round runs (only for those who joined).
	const room = view.participant ? await getParticipantRoom(locals.db, viewer, params.code, request) : null;
	return { view, room, saved: url.searchParams.get('saved'), renderedAt: Date.now() };
};

/**
 * A board change from the live page (without JavaScript, or enhanced): back to the board after
 * it, or the form's failure. A stale edit (409) also returns the card's current text and version
 * (`conflict`), so the page can show them beside what the participant wrote.
 */
async function boardAction(
	event: RequestEvent,
	change: (input: { values: Record<string, string> }) => Promise<unknown>
) {
	const { values } = await readForm(event.request);
	try {
		await change({ values });
	} catch (error) {
		const failure = failForm(error, event.locals.locale, values);
		if (isAppError(error) && error.kind === 'conflict' && error.summary.key === 'breakouts.cardConflict') {
			const params = error.summary.params ?? {};
			return fail(409, {
				...failure.data,
				conflict: {
					cardId: values.card ?? '',
					currentText: String(params.currentText ?? ''),
					currentVersion: Number(params.currentVersion ?? 0)
				}
			});
		}
		return failure;
	}
	redirect(303, `/live/${event.params.code}#board`);
}

const viewerOf = (event: RequestEvent) => ({ actor: event.locals.actor, cookies: event.cookies });
const requestOf = (event: RequestEvent) => ({ clientAddress: event.getClientAddress() });

/** A change of one card named by the form's `card` field. */
const cardAction = (event: RequestEvent, change: typeof deleteLiveCard | typeof dotLiveCard) =>
	boardAction(event, async ({ values }) =>
		change(
			event.locals.db,
			await getLiveBus(),
			viewerOf(event),
			event.params.code,
			{ card: values.card ?? '' },
			requestOf(event)
		)
	);

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
	addCard: (event) =>
		boardAction(event, async ({ values }) =>
			addLiveCard(
				event.locals.db,
				await getLiveBus(),
				viewerOf(event),
				event.params.code,
				{ column: values.column, text: values.text ?? '' },
				requestOf(event)
			)
		),
	editCard: (event) =>
		boardAction(event, async ({ values }) =>
			editLiveCard(
				event.locals.db,
				await getLiveBus(),
				viewerOf(event),
				event.params.code,
				{
					card: values.card ?? '',
					version: values.version ?? '',
					text: values.text ?? '',
					column: values.column
				},
				requestOf(event)
			)
		),
	deleteCard: (event) => cardAction(event, deleteLiveCard),
	dot: (event) => cardAction(event, dotLiveCard),
	undot: (event) => cardAction(event, undotLiveCard)
};
