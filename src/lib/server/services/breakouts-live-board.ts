import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MAX_CARD_LENGTH } from '../../domain/breakouts/cards';
import type { ParticipantRoomView } from '../../domain/breakouts/live-views';
import { conflict, forbidden } from '../../domain/errors';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import { findMeetingHandleById, type MeetingHandle } from '../repositories/meeting-lookup';
import { accessToCard, boardAccess, boardIdentity, type BoardAccess } from './breakouts-board-access';
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

async function sessionMeeting(
	db: Kysely<Database>,
	code: string,
	request: LiveRequest
): Promise<MeetingHandle> {
	const session = await activeSession(db, code, request.clientAddress);
	return (await findMeetingHandleById(db, session.meetingId))!;
}

/** What the live page shows of the viewer's room; null without a running round or a room. */
export async function getParticipantRoom(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<ParticipantRoomView | null> {
	const handle = await sessionMeeting(db, code, request);
	const round = await runningRoundOf(db, handle.meetingId);
	if (!round) return null;
	const who = await boardIdentity(db, viewer, handle, round);
	if (!who?.roomId) return null;
	const access = await boardAccess(db, viewer, handle, round, who.roomId);
	const { room, identity } = access;
	const people = new Map((await repo.listMeetingPeople(db, handle.meetingId)).map((p) => [p.id, p]));
	const members = (await repo.listMembers(db, round.id)).filter(
		(member) =>
			member.roomId === room.id && !(identity.kind === 'person' && identity.personId === member.personId)
	);
	const guests = (await repo.listGuestMembers(db, round.id)).filter(
		(guest) =>
			guest.roomId === room.id &&
			!(identity.kind === 'participant' && identity.participantId === guest.participantId)
	);
	const namedMembers = members.flatMap((member) => {
		const person = people.get(member.personId);
		return person?.hasListConsent ? [person.name] : [];
	});
	return {
		roundKey: round.key,
		room: { id: room.id, name: room.name, topic: room.topic },
		isRapporteur: identity.kind === 'person' && room.rapporteurPersonId === identity.personId,
		namedMembers,
		unnamedMembers: members.length + guests.length - namedMembers.length,
		...(await boardCards(db, access))
	};
}

/**
 * The running round and who the viewer is in it, checked before any input is read: only the
 * session's participants in a room and its moderators get further.
 */
async function liveViewerIn(db: Kysely<Database>, viewer: Viewer, code: string, request: LiveRequest) {
	const handle = await sessionMeeting(db, code, request);
	const round = await runningRoundOf(db, handle.meetingId);
	if (!round) throw conflict('breakouts.noRunningRound');
	const who = await boardIdentity(db, viewer, handle, round);
	if (!who || (who.identity.kind !== 'moderator' && !who.roomId)) throw forbidden('breakouts.notPlaced');
	return { handle, round, who };
}

/** The board of the card, for a change from the live page: only while its round runs, except for moderators. */
async function liveCardAccess(
	db: Kysely<Database>,
	viewer: Viewer,
	handle: MeetingHandle,
	cardId: string
): Promise<BoardAccess> {
	const access = await accessToCard(db, viewer, handle, cardId);
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
	const { handle, round, who } = await liveViewerIn(db, viewer, code, request);
	if (!who.roomId) throw forbidden('breakouts.notInRoom');
	const parsed = parseOrThrow(LiveAddCard, input);
	const access = await boardAccess(db, viewer, handle, round, who.roomId);
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
	const { handle } = await liveViewerIn(db, viewer, code, request);
	const parsed = parseOrThrow(LiveEditCard, input);
	const access = await liveCardAccess(db, viewer, handle, parsed.card);
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
		const { handle } = await liveViewerIn(db, viewer, code, request);
		const { card } = parseOrThrow(LiveCardRef, input);
		return change(db, await liveCardAccess(db, viewer, handle, card), card, bus);
	};
}

/** Deletes a card (own cards; moderators every card). */
export const deleteLiveCard = onLiveCard(deleteCardAs);
/** One dot on a card, within the round's limit. */
export const dotLiveCard = onLiveCard(castDotAs);
/** Takes the viewer's dot back. */
export const undotLiveCard = onLiveCard(withdrawDotAs);
