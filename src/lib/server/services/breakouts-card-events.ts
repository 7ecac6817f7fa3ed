import { canDeleteCard, canEditCard, isAuthor, type BoardIdentity } from '../../domain/breakouts/cards';
import type { BoardCardEvent, BoardCardView } from '../../domain/breakouts/live-views';
import { logger } from '../logger';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';

/** A board's cards as one viewer sees them, and the live `card` event after each change. */

/** The card as `identity` sees it (authors are never named; the flags say what the viewer may do). */
export function cardViewFor(
	card: repo.CardRow & { hasMyVote: boolean },
	identity: BoardIdentity,
	rapporteurPersonId: string | null
): BoardCardView {
	return {
		id: card.id,
		roomId: card.roomId,
		text: card.text,
		column: card.column,
		votes: card.importedVotes + card.liveVotes,
		version: card.version,
		isMine: isAuthor(identity, card),
		hasMyVote: card.hasMyVote,
		canEdit: canEditCard(identity, card, rapporteurPersonId),
		canDelete: canDeleteCard(identity, card, rapporteurPersonId),
		clusterId: card.clusterId
	};
}

/** The card as an event carries it to everyone in the room: the viewer's own fields false. */
function neutralView(card: repo.CardRow): BoardCardView {
	return {
		...cardViewFor({ ...card, hasMyVote: false }, { kind: 'moderator' }, null),
		isMine: false,
		canEdit: false,
		canDelete: false
	};
}

export interface CardChange {
	meetingId: string;
	roundKey: string;
	roomId: string;
	action: BoardCardEvent['action'];
	cardId: string;
}

/**
 * Publishes a committed card change on the meeting's live bus (domain/live/visibility.ts: to the
 * room's members and the moderators). The card is read inside the event's transaction
 * (LiveBus.publishBuilt), so that of two changes at once the later event carries the card as it
 * is last; one deleted meanwhile goes out as null, which boards take as gone. The change is
 * stored already: a failed publish is logged, never turned into a failed answer (the next page
 * load shows the card). `known`: the card as the change stored it, when nothing else can have
 * changed it yet (a new card), saves reading it.
 */
export async function publishCardChange(
	bus: LiveBus | undefined,
	change: CardChange,
	known?: repo.CardRow
): Promise<void> {
	if (!bus) return;
	try {
		await bus.publishBuilt(change.meetingId, 'card', async (trx): Promise<BoardCardEvent> => {
			const card =
				change.action === 'deleted' ? undefined : (known ?? (await repo.findCard(trx, change.cardId)));
			return {
				roundKey: change.roundKey,
				roomId: change.roomId,
				action: change.action,
				cardId: change.cardId,
				card: card ? neutralView(card) : null
			};
		});
	} catch (error) {
		logger.error({ err: error, meetingId: change.meetingId, cardId: change.cardId }, 'card event failed');
	}
}
