import type { BoardCardEvent, BoardCardView } from './live-views';

/**
 * Keeps a board that the page loaded up to date with the `card` events streamed since: pure, so
 * that the live page and the moderators' overview share it and it is tested without a browser.
 *
 * Events carry the card as everyone sees it (`isMine`, `hasMyVote`, `canEdit`, `canDelete` are
 * false), so the viewer's own fields of a card the page knows are kept. An event older than
 * what the page shows (a lower version) changes nothing: a replay after a reconnect or an event
 * that arrives after the reload that already showed its change must not undo a newer edit.
 */

/** A streamed event with its position in the session's stream (the SSE id). */
export interface SequencedCardEvent {
	seq: number;
	event: BoardCardEvent;
}

/** What the viewer may do with a card someone else just added (a rapporteur edits every card). */
export interface ViewerRights {
	canEditOthers: boolean;
}

const NO_RIGHTS: ViewerRights = { canEditOthers: false };

/** The cards after one event of the given room (events of other rooms change nothing). */
export function mergeCardEvent(
	cards: readonly BoardCardView[],
	event: BoardCardEvent,
	roomId: string,
	rights: ViewerRights = NO_RIGHTS
): BoardCardView[] {
	if (event.roomId !== roomId) return [...cards];
	const index = cards.findIndex((card) => card.id === event.cardId);
	const known = index >= 0 ? cards[index]! : undefined;
	if (event.action === 'deleted' || !event.card) return cards.filter((card) => card.id !== event.cardId);
	const incoming = event.card;
	// A card the page does not know yet (added after the load) is shown as it comes, whatever the action.
	if (!known) {
		return [
			...cards,
			{
				...incoming,
				isMine: false,
				hasMyVote: false,
				canEdit: rights.canEditOthers,
				canDelete: rights.canEditOthers
			}
		];
	}
	if (incoming.version < known.version) return [...cards];
	const merged: BoardCardView = {
		...incoming,
		isMine: known.isMine,
		hasMyVote: known.hasMyVote,
		canEdit: known.canEdit,
		canDelete: known.canDelete
	};
	return cards.map((card, position) => (position === index ? merged : card));
}

/**
 * The loaded cards with every event streamed after the load (`loadedAt`: the stream position the
 * load saw) applied in order; earlier events are in the loaded cards already.
 */
export function applyCardEvents(
	loaded: readonly BoardCardView[],
	events: readonly SequencedCardEvent[],
	roomId: string,
	loadedAt: number,
	rights: ViewerRights = NO_RIGHTS
): BoardCardView[] {
	let cards = [...loaded];
	for (const { seq, event } of events)
		if (seq > loadedAt) cards = mergeCardEvent(cards, event, roomId, rights);
	return cards;
}

/** The cards of one column in board order; `null` collects cards without a column (or an unknown one). */
export function cardsInColumn(
	cards: readonly BoardCardView[],
	column: string | null,
	columns: readonly string[]
): BoardCardView[] {
	if (column !== null) return cards.filter((card) => card.column === column);
	return cards.filter((card) => card.column === null || !columns.includes(card.column));
}
