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
import { conflict, forbidden, notFound, problem, validationFailed } from '../../domain/errors';
import { canModerateMeeting, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as repo from '../repositories/breakouts';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import type { MeetingAddress } from '../../domain/meeting-address';
import { AddCard, EditCard, CardRef } from './breakouts-schemas';
import {
	type BreakoutsMeeting,
	meetingOf,
	boardMeeting,
	roundOf,
	ownPerson,
	requireBoardUser
} from './breakouts-access';

/** Breakout rooms' boards: cards (optimistic concurrency) and dot votes. */

// Boards

export interface CardView {
	id: string;
	roomId: string;
	text: string;
	column: string | null;
	/** Imported dot votes plus live ones. */
	votes: number;
	version: number;
	isMine: boolean;
	hasMyVote: boolean;
	canEdit: boolean;
	canDelete: boolean;
	clusterId: string | null;
}

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

interface BoardAccess {
	handle: MeetingHandle;
	round: repo.RoundRow;
	room: repo.RoomRow;
	identity: BoardIdentity;
}

/**
 * Who may use a room's board: the meeting's organizers and moderators (as moderators), and the
 * room's members (through the person their account registered as). Others: 403.
 */
async function boardAccess(
	db: Kysely<Database>,
	actor: Actor,
	handle: MeetingHandle,
	round: repo.RoundRow,
	roomId: string
): Promise<BoardAccess> {
	const room = (await repo.listRooms(db, round.id)).find((entry) => entry.id === roomId);
	if (!room) throw notFound('breakouts.roomNotFound');
	if (canModerateMeeting(actor, handle)) return { handle, round, room, identity: { kind: 'moderator' } };
	const person = await ownPerson(db, actor, handle);
	const members = await repo.listMembers(db, round.id);
	if (!person || !members.some((m) => m.roomId === room.id && m.personId === person.id)) {
		throw forbidden('breakouts.notInRoom');
	}
	return { handle, round, room, identity: { kind: 'person', personId: person.id } };
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
	return boardAccess(db, actor, handle, round, roomId);
}

async function accessByCard(db: Kysely<Database>, actor: Actor, address: MeetingAddress, cardId: string) {
	const handle = await boardMeeting(db, actor, address);
	const context = await repo.cardContext(db, cardId);
	if (!context || context.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	const round = (await repo.listRounds(db, handle.meetingId)).find((entry) => entry.id === context.roundId)!;
	return boardAccess(db, actor, handle, round, context.roomId);
}

function authorOf(identity: BoardIdentity) {
	return {
		authorPersonId: identity.kind === 'person' ? identity.personId : null,
		authorParticipantId: identity.kind === 'participant' ? identity.participantId : null
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
	const voter = voterKey(identity);
	const cards = (await repo.listCards(db, round.id, voter)).filter((card) => card.roomId === room.id);
	const used = voter ? await repo.countDots(db, round.id, voter) : 0;
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
		cards: cards.map((card) => ({
			id: card.id,
			roomId: card.roomId,
			text: card.text,
			column: card.column,
			votes: card.importedVotes + card.liveVotes,
			version: card.version,
			isMine:
				identity.kind !== 'moderator' &&
				(card.authorPersonId === authorOf(identity).authorPersonId ||
					(card.authorParticipantId !== null &&
						card.authorParticipantId === authorOf(identity).authorParticipantId)),
			hasMyVote: card.hasMyVote,
			canEdit: canEditCard(identity, card, room.rapporteurPersonId),
			canDelete: canDeleteCard(identity, card, room.rapporteurPersonId),
			clusterId: card.clusterId
		})),
		dotsLeft: voter ? Math.max(0, round.dotsPerPerson - used) : 0,
		isModerator: identity.kind === 'moderator'
	};
}

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
	input: unknown
): Promise<{ id: string; version: number }> {
	await requireBoardUser(db, actor, address);
	const parsed = parseOrThrow(AddCard, input);
	const access = await accessByRoom(db, actor, address, parsed.round, parsed.roomId);
	const column = checkColumn(access.round, parsed.column);
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		await repo.insertCard(trx, {
			id,
			roomId: access.room.id,
			text: parsed.text,
			column,
			...authorOf(access.identity),
			createdAt: new Date().toISOString()
		});
	});
	return { id, version: 1 };
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
	input: unknown
): Promise<{ version: number }> {
	await requireBoardUser(db, actor, address);
	const parsed = parseOrThrow(EditCard, input);
	const access = await accessByCard(db, actor, address, parsed.cardId);
	const column = checkColumn(access.round, parsed.column);
	return db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, parsed.cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canEditCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		const check = checkVersion(parsed.version, card.version);
		const refused = () =>
			conflict('breakouts.cardConflict', { currentText: card.text, currentVersion: card.version }, [
				problem('text', 'breakouts.cardConflict', { currentText: card.text, currentVersion: card.version })
			]);
		if (!check.ok) throw refused();
		const written = await repo.updateCardText(trx, card.id, parsed.version, {
			text: parsed.text,
			column,
			updatedAt: new Date().toISOString()
		});
		if (!written) throw refused();
		return { version: check.next };
	});
}

export async function deleteCard(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, address, cardId);
	await db.transaction().execute(async (trx) => {
		const card = await repo.findCardForUpdate(trx, cardId);
		if (!card) throw notFound('breakouts.cardNotFound');
		if (!canDeleteCard(access.identity, card, access.room.rapporteurPersonId))
			throw forbidden('breakouts.notYourCard');
		await repo.deleteCard(trx, cardId);
	});
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
	input: unknown
): Promise<{ dotsLeft: number }> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, address, cardId);
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	const identity = access.identity;
	try {
		return await db.transaction().execute(async (trx) => {
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
	} catch (caught) {
		if (isUniqueViolation(caught)) throw conflict('breakouts.alreadyVoted');
		throw caught;
	}
}

export async function withdrawDot(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const { cardId } = parseOrThrow(CardRef, input);
	const access = await accessByCard(db, actor, address, cardId);
	const voter = voterKey(access.identity);
	if (!voter) throw forbidden('breakouts.moderatorsDoNotVote');
	await db.transaction().execute(async (trx) => repo.deleteDot(trx, cardId, voter));
}

// Synthesis
