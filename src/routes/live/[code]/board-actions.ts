import { redirect, type Cookies } from '@sveltejs/kit';
import type { Actor } from '../../../lib/domain/policy';
import type { Locale } from '../../../lib/i18n/translate';
import type { Database } from '../../../lib/server/db/schema';
import { failCardForm } from '../../../lib/server/http/card-forms';
import { readForm } from '../../../lib/server/http/forms';
import type { LiveBus } from '../../../lib/server/live/bus';
import {
	addLiveCard,
	deleteLiveCard,
	dotLiveCard,
	editLiveCard,
	undotLiveCard
} from '../../../lib/server/services/breakouts-live-board';
import type { Kysely } from 'kysely';

/**
 * The live page's board actions (?/addCard, ?/editCard, ?/deleteCard, ?/dot, ?/undot): for use
 * without JavaScript and with `use:enhance`. Imported relatively (not through `$lib`), so that the
 * integration tests drive them as the page does, with their own bus.
 */

/** What the actions use of SvelteKit's RequestEvent. */
export interface BoardActionEvent {
	request: Request;
	params: { code: string };
	cookies: Pick<Cookies, 'get'>;
	locals: { db: Kysely<Database>; actor: Actor; locale: Locale };
	getClientAddress: () => string;
}

type Values = Record<string, string>;

export function boardActions(getBus: () => Promise<LiveBus>) {
	/**
	 * Runs the change; back to the board after it (303), or the form's failure. A stale edit (409)
	 * also returns the card's current text and version (`conflict`), so the page shows them beside
	 * what the participant wrote.
	 */
	const act =
		(
			change: (
				args: [Kysely<Database>, LiveBus, { actor: Actor; cookies: Pick<Cookies, 'get'> }, string],
				values: Values,
				request: { clientAddress: string }
			) => Promise<unknown>
		) =>
		async (event: BoardActionEvent) => {
			const { values } = await readForm(event.request);
			const { db, actor, locale } = event.locals;
			try {
				const args = [db, await getBus(), { actor, cookies: event.cookies }, event.params.code] as const;
				await change([...args], values, { clientAddress: event.getClientAddress() });
			} catch (error) {
				return failCardForm(error, locale, values);
			}
			redirect(303, `/live/${event.params.code}#board`);
		};
	const onCard = (service: typeof deleteLiveCard | typeof dotLiveCard) =>
		act((args, values, request) => service(...args, { card: values.card ?? '' }, request));
	return {
		addCard: act((args, values, request) =>
			addLiveCard(...args, { column: values.column, text: values.text ?? '' }, request)
		),
		editCard: act((args, values, request) =>
			editLiveCard(
				...args,
				{
					card: values.card ?? '',
					version: values.version ?? '',
					text: values.text ?? '',
					column: values.column
				},
				request
			)
		),
		deleteCard: onCard(deleteLiveCard),
		dot: onCard(dotLiveCard),
		undot: onCard(undotLiveCard)
	};
}
