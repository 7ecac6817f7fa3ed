import { redirect } from '@sveltejs/kit';
import { meetingAddressFromParams, type MeetingAddress } from '$lib/domain/meeting-address';
import { failCardForm } from '$lib/server/http/card-forms';
import { readForm } from '$lib/server/http/forms';
import { orSignIn } from '$lib/server/http/pages';
import type { LiveBus } from '$lib/server/live/bus';
import { getLiveBus } from '$lib/server/live/runtime';
import { deleteCard, editCard } from '$lib/server/services/breakouts-boards';
import { moderatorCardChange, overviewStream } from '$lib/server/services/breakouts-live-pages';
import { getRoundOverview } from '$lib/server/services/breakouts-overview';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The moderators' live overview of every room of a round. The page follows the session's event
 * stream (moderators get every room's card events) from where it stood before the rooms were
 * read; moderators may edit or delete any card here (tidying up), with the same conflict rule.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const address = meetingAddressFromParams(params);
	const stream = await orSignIn(url, () => overviewStream(locals.db, locals.actor, address));
	const overview = await orSignIn(url, () =>
		getRoundOverview(locals.db, locals.actor, address, params.round)
	);
	return { overview, stream, saved: url.searchParams.get('saved') === '1' };
};

type CardChange = (
	values: Record<string, string>,
	context: { db: App.Locals['db']; actor: App.Locals['actor']; address: MeetingAddress; bus: LiveBus }
) => Promise<unknown>;

/** Runs a moderator's card change; back to the overview (303), or the failure (409 with the current text). */
async function cardChange(event: RequestEvent, change: CardChange) {
	const { values } = await readForm(event.request);
	const { db, actor, locale } = event.locals;
	const address = meetingAddressFromParams(event.params);
	try {
		const bus = await getLiveBus();
		await moderatorCardChange(db, actor, address, () => change(values, { db, actor, address, bus }));
	} catch (error) {
		return failCardForm(error, locale, values);
	}
	redirect(303, `${event.url.pathname}?saved=1#card-${encodeURIComponent(values.card ?? '')}`);
}

export const actions: Actions = {
	editCard: (event) =>
		cardChange(event, (values, { db, actor, address, bus }) =>
			editCard(
				db,
				actor,
				address,
				{
					cardId: values.card ?? '',
					version: values.version ?? '',
					text: values.text ?? '',
					column: values.column
				},
				bus
			)
		),
	deleteCard: (event) =>
		cardChange(event, (values, { db, actor, address, bus }) =>
			deleteCard(db, actor, address, { cardId: values.card ?? '' }, bus)
		)
};
