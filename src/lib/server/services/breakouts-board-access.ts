import type { Kysely } from 'kysely';
import type { BoardIdentity } from '../../domain/breakouts/cards';
import { forbidden, notFound } from '../../domain/errors';
import { canModerateMeeting, type Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';
import * as sessions from '../repositories/live-sessions';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import { ownPerson } from './breakouts-access';
import { findParticipant, type CookieReader } from './live-participants';

/**
 * Who may use which room's board: moderators every room's, the members of a room (people of the
 * meeting by their account, guests of the live session by their guest cookie) their own.
 *
 * Who the viewer is does not depend on the round; their room does. An action finds out who the
 * viewer is once (viewerIdentity) and then only which room is theirs in the board's round
 * (identityRoom): one indexed row each, however many people the round has.
 */

/** Who looks at a board: the request's actor and, for live guests, its cookies. */
export interface BoardViewer {
	actor: Actor;
	cookies?: CookieReader;
}

export interface BoardAccess {
	handle: MeetingHandle;
	round: repo.RoundRow;
	room: repo.RoomRow;
	identity: BoardIdentity;
}

/**
 * Who the viewer is and, when known, their room in one round (`roundId` null: no round's room
 * known yet; `roomId` null: in no room of it, and moderators are in none but use every board).
 */
export interface BoardSeat {
	identity: BoardIdentity;
	roundId: string | null;
	roomId: string | null;
}

/**
 * Who the viewer is on the meeting's boards: a moderator (every room), a person of the meeting
 * (their account's registration), or a participant of the live session without a person row (a
 * guest by the guest cookie, or an account that joined). Undefined: none of these. `session`:
 * the meeting's live session when the caller has it already.
 */
export async function viewerIdentity(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	session?: sessions.LiveSessionRecord
): Promise<BoardIdentity | undefined> {
	if (canModerateMeeting(viewer.actor, handle)) return { kind: 'moderator' };
	const person = await ownPerson(db, viewer.actor, handle);
	if (person) return { kind: 'person', personId: person.id };
	if (!viewer.cookies) return undefined;
	const live = session ?? (await sessions.findSessionByMeeting(db, handle.meetingId));
	const participant = live
		? await findParticipant(db, live, { actor: viewer.actor, cookies: viewer.cookies })
		: undefined;
	return participant ? { kind: 'participant', participantId: participant.id } : undefined;
}

/** The identity's room in the round (null: in none; moderators are in none but may use every one). */
export async function identityRoom(
	db: Kysely<Database>,
	identity: BoardIdentity,
	roundId: string
): Promise<string | null> {
	if (identity.kind === 'person') return (await repo.findMemberRoom(db, roundId, identity.personId)) ?? null;
	if (identity.kind === 'participant')
		return (await repo.findGuestRoom(db, roundId, identity.participantId)) ?? null;
	return null;
}

/** Who the viewer is on the round's boards, and their room. Undefined: not a member of the meeting's boards. */
export async function boardIdentity(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	round: repo.RoundRow
): Promise<{ identity: BoardIdentity; roomId: string | null } | undefined> {
	const identity = await viewerIdentity(db, viewer, handle);
	return identity && { identity, roomId: await identityRoom(db, identity, round.id) };
}

/** The viewer's room in the round: the seat's when it is of this round, else looked up. */
async function roomIn(db: Kysely<Database>, seat: BoardSeat, round: repo.RoundRow): Promise<string | null> {
	return seat.roundId === round.id ? seat.roomId : identityRoom(db, seat.identity, round.id);
}

/** Moderators use every room's board, the others their own room's only (403). */
async function admitted(
	identity: BoardIdentity | undefined,
	ownRoom: (identity: BoardIdentity) => Promise<string | null>,
	room: repo.RoomRow
): Promise<BoardIdentity> {
	if (!identity || (identity.kind !== 'moderator' && (await ownRoom(identity)) !== room.id)) {
		throw forbidden('breakouts.notInRoom');
	}
	return identity;
}

/**
 * Who may use a room's board: the meeting's organizers and moderators (as moderators), and the
 * room's members (people and live guests). An unknown room: 404, then others: 403.
 */
export async function boardAccess(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	round: repo.RoundRow,
	roomId: string
): Promise<BoardAccess> {
	const room = await repo.findRoom(db, round.id, roomId);
	if (!room) throw notFound('breakouts.roomNotFound');
	const identity = await viewerIdentity(db, viewer, handle);
	const checked = await admitted(identity, (who) => identityRoom(db, who, round.id), room);
	return { handle, round, room, identity: checked };
}

/** boardAccess for a viewer found out already (their seat: who they are, their room in a round). */
export async function boardAccessFor(
	db: Kysely<Database>,
	seat: BoardSeat,
	handle: MeetingHandle,
	round: repo.RoundRow,
	roomId: string
): Promise<BoardAccess> {
	const room = await repo.findRoom(db, round.id, roomId);
	if (!room) throw notFound('breakouts.roomNotFound');
	const identity = await admitted(seat.identity, () => roomIn(db, seat, round), room);
	return { handle, round, room, identity };
}

/** The card's board, of this meeting (404 for no card, or one of another meeting). */
async function boardOfCard(db: Kysely<Database>, handle: MeetingHandle, cardId: string) {
	const board = await repo.findCardBoard(db, cardId);
	if (!board || board.round.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	return board;
}

/** The access to the board of a card of the meeting (404 for a card of another meeting). */
export async function accessToCard(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	cardId: string
): Promise<BoardAccess> {
	const { round, room } = await boardOfCard(db, handle, cardId);
	const identity = await viewerIdentity(db, viewer, handle);
	const checked = await admitted(identity, (who) => identityRoom(db, who, round.id), room);
	return { handle, round, room, identity: checked };
}

/** accessToCard for a viewer found out already. */
export async function accessToCardFor(
	db: Kysely<Database>,
	seat: BoardSeat,
	handle: MeetingHandle,
	cardId: string
): Promise<BoardAccess> {
	const { round, room } = await boardOfCard(db, handle, cardId);
	const identity = await admitted(seat.identity, () => roomIn(db, seat, round), room);
	return { handle, round, room, identity };
}
