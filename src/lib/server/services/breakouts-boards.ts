import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
	canCastDot,
	canDeleteCard,
	canEditCard,
	checkVersion,
	voterKey,
	type BoardIdentity
} from '../../domain/breakouts/cards';
import { isRoundStatus, normalizeColumns, type RoundStatus } from '../../domain/breakouts/config';
import type { BoardCardView } from '../../domain/breakouts/live-views';
import { conflict, forbidden, notFound, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import type { MeetingAddress } from '../../domain/meeting-address';
import { AddCard, EditCard, CardRef } from './breakouts-schemas';
import { type BreakoutsMeeting, meetingOf, boardMeeting, roundOf, boardUser } from './breakouts-access';
import { cardViewFor, publishCardChange, type CardChange } from './breakouts-card-events';
import {
	accessToCard,
	accessToCardFor,
	boardAccess,
	boardAccessFor,
	type BoardAccess
} from './breakouts-board-access';

/**
 * Breakout rooms' boards: cards (optimistic concurrency) and dot votes. Used from the manage
 * pages and the API (by meeting address) and from the live page (breakouts-live-board.ts); after
 * each committed change a `card` event goes out on the meeting's live bus when one is given.
 */

// Boards

/** A card as one viewer sees it (domain/breakouts/live-views.ts). */
export type CardView = BoardCardView;

export interface BoardView {
	meeting: BreakoutsMeeting;
	round: {
		key: string;
		title: string;
		questions: string[];
		columns: string[];
		dotsPerPerson: number;
		status: RoundStatus;
		endsAt: string | null;
	};
	room: { id: string; name: string; topic: string | null; rapporteurPersonId: string | null };
	cards: CardView[];
	dotsLeft: number;
	isModerator: boolean;
}

async function accessByRoom(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string,
	roomId: string
) {
	const handle = await boardMeeting(db, actor, address);
	const round = await roundOf(db, handle, key);
	return boardAccess(db, { actor }, handle, round, roomId);
}

async function accessByCard(db: Kysely<Database>, actor: Actor, address: MeetingAddress, cardId: string) {
	return accessToCard(db, { actor }, await boardMeeting(db, actor, address), cardId);
}

function authorOf(identity: BoardIdentity) {
	return {
		authorPersonId: identity.kind === 'person' ? identity.personId : null,
		authorParticipantId: identity.kind === 'participant' ? identity.participantId : null
	};
}

/** The room's cards as the viewer sees them, and the dots they have left in the round. */
export async function boardCards(
	db: Kysely<Database>,
	access: BoardAccess
): Promise<{ cards: CardView[]; dotsLeft: number }> {
	const { round, room, identity } = access;
	const voter = voterKey(identity);
	const cards = await repo.listRoomCards(db, room.id, voter);
	const used = voter ? await repo.countDots(db, round.id, voter) : 0;
	return {
		cards: cards.map((card) => cardViewFor(card, identity, room.rapporteurPersonId)),
		dotsLeft: voter ? Math.max(0, round.dotsPerPerson - used) : 0
	};
}

export async function getBoard(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string,
	roomId: string
): Promise<BoardView> {
	const access = await accessByRoom(db, actor, address, key, roomId);
	const { round, room, identity } = access;
	return {
		meeting: await meetingOf(db, access.handle),
		round: {
			key: round.key,
			title: round.title,
			questions: round.questions,
			columns: normalizeColumns(round.columns),
			dotsPerPerson: round.dotsPerPerson,
			status: isRoundStatus(round.status) ? round.status : 'draft',
			endsAt: round.endsAt
		},
		room: { id: room.id, name: room.name, topic: room.topic, rapporteurPersonId: room.rapporteurPersonId },
		...(await boardCards(db, access)),
		isModerator: identity.kind === 'moderator'
	};
}

const changeOf = (access: BoardAccess, action: CardChange['action'], cardId: string): CardChange => ({
	meetingId: access.handle.meetingId,
	roundKey: access.round.key,
	roomId: access.room.id,
	action,
	cardId
});

function checkColumn(round: repo.RoundRow, column: string | undefined): string | null {
	if (column === undefined) return normalizeColumns(round.columns)[0] ?? null;
	if (!normalizeColumns(round.columns).includes(column)) {
		throw validationFailed([problem('column', 'breakouts.columnUnknown')]);
	}
	return column;
}

/** Adds a card to a room's board; returns its id and version. */
export async function addCard(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<{ id: string; version: number }> {
	const { handle, identity } = await boardUser(db, actor, address);
	const parsed = parseOrThrow(AddCard, input);
	const round = await roundOf(db, handle, parsed.round);
	const seat = { identity, roundId: null, roomId: null };
	return addCardAs(db, await boardAccessFor(db, seat, handle, round, parsed.roomId), parsed, bus);
}

/** Adds a card as the access's viewer: stored (committed) before the answer, then published. */
export async function addCardAs(
	db: Kysely<Database>,
	access: BoardAccess,
	input: { text: string; column?: string },
	bus?: LiveBus
): Promise<{ id: string; version: number }> {
	const column = checkColumn(access.round, input.column);
	const card = {
		id: randomUUID(),
		roomId: access.room.id,
		text: input.text,
		column,
		...authorOf(access.identity),
		createdAt: new Date().toISOString()
	};
	const { position } = await repo.insertCard(db, card);
	// The event carries the new card as stored: nobody knows its id yet to vote on it or change it.
	const stored = {
		...card,
		position,
		importedVotes: 0,
		liveVotes: 0,
		version: 1,
		updatedAt: null,
		clusterId: null
	};
	await publishCardChange(bus, changeOf(access, 'added', card.id), stored);
	return { id: card.id, version: 1 };
}

/**
 * Edits a card when the edit is based on its current version. Checked inside the transaction
 * under the card's row lock (PostgreSQL) and written only where the version still matches, so
 * that of two concurrent edits of one version exactly one wins; the other is refused with the
 * current text and version (a conflict), never silently overwritten.
 */
export async function editCard(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<{ version: number }> {
	const { handle, identity } = await boardUser(db, actor, address);
	const parsed = parseOrThrow(EditCard, input);
	const seat = { identity, roundId: null, roomId: null };
	return editCardAs(db, await accessToCardFor(db, seat, handle, parsed.cardId), parsed, bus);
}

export async function editCardAs(
	db: Kysely<Database>,
	access: BoardAccess,
	input: { cardId: string; text: string; column?: string; version: number },
	bus?: LiveBus
): Promise<{ version: number }> {
	// Without a column the card stays where it is.
	const column = input.column === undefined ? undefined : checkColumn(access.round, input.column);
	const result = await db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, input.cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canEditCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		const check = checkVersion(input.version, card.version);
		const refused = () =>
			conflict('breakouts.cardConflict', { currentText: card.text, currentVersion: card.version }, [
				problem('text', 'breakouts.cardConflict', { currentText: card.text, currentVersion: card.version })
			]);
		if (!check.ok) throw refused();
		const written = await repo.updateCardText(trx, card.id, input.version, {
			text: input.text,
			column: column === undefined ? card.column : column,
			updatedAt: new Date().toISOString()
		});
		if (!written) throw refused();
		return { version: check.next };
	});
	await publishCardChange(bus, changeOf(access, 'edited', input.cardId));
	return result;
}

export async function deleteCard(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	await deleteCardAs(db, await accessByCard(db, actor, address, cardId), cardId, bus);
}

export async function deleteCardAs(
	db: Kysely<Database>,
	access: BoardAccess,
	cardId: string,
	bus?: LiveBus
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canDeleteCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		await repo.deleteCard(trx, cardId);
	});
	await publishCardChange(bus, changeOf(access, 'deleted', cardId));
}

/**
 * One dot on a card, within the person's limit for the round: counted and cast under the
 * round's row lock in one transaction, so that concurrent votes never spend more than the limit.
 * A second dot on the same card is refused (one per card and voter).
 */
export async function castDot(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<{ dotsLeft: number }> {
	const { cardId } = parseOrThrow(CardRef, input);
	return castDotAs(db, await accessByCard(db, actor, address, cardId), cardId, bus);
}

export async function castDotAs(
	db: Kysely<Database>,
	access: BoardAccess,
	cardId: string,
	bus?: LiveBus
): Promise<{ dotsLeft: number }> {
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	const identity = access.identity;
	try {
		const result = await db.transaction().execute(async (trx) => {
			await repo.lockRound(trx, access.round.id);
			if (await repo.hasDot(trx, cardId, voter)) throw conflict('breakouts.alreadyVoted');
			const used = await repo.countDots(trx, access.round.id, voter);
			if (!canCastDot(used, access.round.dotsPerPerson)) {
				throw conflict('breakouts.dotLimit', { limit: access.round.dotsPerPerson });
			}
			await repo.insertDot(trx, {
				cardId,
				roundId: access.round.id,
				voterKey: voter,
				personId: identity.kind === 'person' ? identity.personId : null,
				participantId: identity.kind === 'participant' ? identity.participantId : null
			});
			return { dotsLeft: access.round.dotsPerPerson - used - 1 };
		});
		await publishCardChange(bus, changeOf(access, 'voted', cardId));
		return result;
	} catch (caught) {
		if (isUniqueViolation(caught)) throw conflict('breakouts.alreadyVoted');
		throw caught;
	}
}

export async function withdrawDot(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	await withdrawDotAs(db, await accessByCard(db, actor, address, cardId), cardId, bus);
}

export async function withdrawDotAs(
	db: Kysely<Database>,
	access: BoardAccess,
	cardId: string,
	bus?: LiveBus
): Promise<void> {
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	await db.transaction().execute(async (trx) => repo.deleteDot(trx, cardId, voter));
	await publishCardChange(bus, changeOf(access, 'voted', cardId));
}
