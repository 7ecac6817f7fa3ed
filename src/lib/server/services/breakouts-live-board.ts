import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MAX_CARD_LENGTH, type BoardIdentity } from '../../domain/breakouts/cards';
import type { ParticipantRoomView } from '../../domain/breakouts/live-views';
import { conflict, forbidden } from '../../domain/errors';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import { findMeetingHandleById, type MeetingHandle } from '../repositories/meeting-lookup';
import {
	accessToCardFor,
	boardAccessFor,
	identityRoom,
	viewerIdentity,
	type BoardAccess,
	type BoardSeat
} from './breakouts-board-access';
import {
	addCardAs,
	boardCards,
	castDotAs,
	deleteCardAs,
	editCardAs,
	withdrawDotAs
} from './breakouts-boards';
import { runningRoundOf } from './breakouts-arrivals';
import { activeSession, type LiveRequest, type Viewer } from './live-participants';

/**
 * A participant's room on the live page (/live/{code}): the room of the running round they are
 * in, its board, and the board's changes without JavaScript (form actions) or with it. Guests of
 * the session are members like people; the room's other members are named only with their
 * consent to the participant list (guests, who gave none, are counted).
 */

const optionalText = (max: number) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z.string().trim().max(max).optional()
	);
const RowId = z.string().trim().min(1).max(100);
export const LiveAddCard = z.strictObject({
	column: optionalText(100),
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH)
});
export const LiveEditCard = z.strictObject({
	card: RowId,
	version: z.coerce.number().int().min(1),
	text: z.string().trim().min(1).max(MAX_CARD_LENGTH),
	column: optionalText(100)
});
export const LiveCardRef = z.strictObject({ card: RowId });

/** The meeting of the active session behind the code, and the session. */
async function sessionMeeting(db: Kysely<Database>, code: string, request: LiveRequest) {
	const session = await activeSession(db, code, request.clientAddress);
	return { session, handle: (await findMeetingHandleById(db, session.meetingId))! };
}

/** The room's other members: named with their consent to the participant list, the others counted. */
async function roomCompany(db: Kysely<Database>, roomId: string, identity: BoardIdentity) {
	const people = (await repo.listRoomPeople(db, roomId)).filter(
		(member) => !(identity.kind === 'person' && identity.personId === member.personId)
	);
	const guests = (await repo.listRoomGuests(db, roomId)).filter(
		(participantId) => !(identity.kind === 'participant' && identity.participantId === participantId)
	);
	const namedMembers = people.flatMap((member) => (member.isNameable ? [member.name] : []));
	return { namedMembers, unnamedMembers: people.length + guests.length - namedMembers.length };
}

/** What the live page shows of the viewer's room; null without a running round or a room. */
export async function getParticipantRoom(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<ParticipantRoomView | null> {
	const { session, handle } = await sessionMeeting(db, code, request);
	const round = await runningRoundOf(db, handle.meetingId);
	if (!round) return null;
	const identity = await viewerIdentity(db, viewer, handle, session);
	const roomId = identity ? await identityRoom(db, identity, round.id) : null;
	if (!identity || !roomId) return null;
	const access = await boardAccessFor(db, { identity, roundId: round.id, roomId }, handle, round, roomId);
	const { room } = access;
	return {
		roundKey: round.key,
		room: { id: room.id, name: room.name, topic: room.topic },
		isRapporteur: identity.kind === 'person' && room.rapporteurPersonId === identity.personId,
		...(await roomCompany(db, room.id, identity)),
		...(await boardCards(db, access))
	};
}

/**
 * The running round and who the viewer is in it (their seat), found out once per action and
 * before any input is read: only the session's participants in a room and its moderators get
 * further. A person of the meeting is a member by their registration, whether they joined or not.
 */
async function liveViewerIn(db: Kysely<Database>, viewer: Viewer, code: string, request: LiveRequest) {
	const { session, handle } = await sessionMeeting(db, code, request);
	// Strangers first, whether a round runs or not: only moderators, people and the session's participants.
	const identity = await viewerIdentity(db, viewer, handle, session);
	if (!identity) throw forbidden('live.notParticipant');
	const round = await runningRoundOf(db, handle.meetingId);
	if (!round) throw conflict('breakouts.noRunningRound');
	const seat: BoardSeat = { identity, roundId: round.id, roomId: await identityRoom(db, identity, round.id) };
	if (identity.kind !== 'moderator' && !seat.roomId) throw forbidden('breakouts.notPlaced');
	return { handle, round, seat };
}

/** The board of the card, for a change from the live page: only while its round runs, except for moderators. */
async function liveCardAccess(
	db: Kysely<Database>,
	seat: BoardSeat,
	handle: MeetingHandle,
	cardId: string
): Promise<BoardAccess> {
	const access = await accessToCardFor(db, seat, handle, cardId);
	if (access.identity.kind !== 'moderator' && access.round.status !== 'running')
		throw conflict('breakouts.notRunning');
	return access;
}

/** Adds a card to the viewer's own room (fields `column`, `text`). */
export async function addLiveCard(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	input: unknown,
	request: LiveRequest = {}
): Promise<{ id: string; version: number }> {
	const { handle, round, seat } = await liveViewerIn(db, viewer, code, request);
	if (!seat.roomId) throw forbidden('breakouts.notInRoom');
	const parsed = parseOrThrow(LiveAddCard, input);
	const access = await boardAccessFor(db, seat, handle, round, seat.roomId);
	return addCardAs(db, access, parsed, bus);
}

/** Edits a card (fields `card`, `version`, `text`); a stale version is a conflict with the current text. */
export async function editLiveCard(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	input: unknown,
	request: LiveRequest = {}
): Promise<{ version: number }> {
	const { handle, seat } = await liveViewerIn(db, viewer, code, request);
	const parsed = parseOrThrow(LiveEditCard, input);
	const access = await liveCardAccess(db, seat, handle, parsed.card);
	return editCardAs(db, access, { ...parsed, cardId: parsed.card }, bus);
}

/** A change of one card by its id (field `card`): rights first, then the input, then the change. */
function onLiveCard<Result>(
	change: (db: Kysely<Database>, access: BoardAccess, cardId: string, bus: LiveBus) => Promise<Result>
) {
	return async (
		db: Kysely<Database>,
		bus: LiveBus,
		viewer: Viewer,
		code: string,
		input: unknown,
		request: LiveRequest = {}
	): Promise<Result> => {
		const { handle, seat } = await liveViewerIn(db, viewer, code, request);
		const { card } = parseOrThrow(LiveCardRef, input);
		return change(db, await liveCardAccess(db, seat, handle, card), card, bus);
	};
}

/** Deletes a card (own cards; moderators every card). */
export const deleteLiveCard = onLiveCard(deleteCardAs);
/** One dot on a card, within the round's limit. */
export const dotLiveCard = onLiveCard(castDotAs);
/** Takes the viewer's dot back. */
export const undotLiveCard = onLiveCard(withdrawDotAs);
