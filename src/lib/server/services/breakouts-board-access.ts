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
 * Who the viewer is on the round's boards, and their room: a moderator (every room), a person of
 * the meeting (their account's registration), or a participant of the live session without a
 * person row (a guest, by the guest cookie). Undefined: none of these.
 */
export async function boardIdentity(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	round: repo.RoundRow
): Promise<{ identity: BoardIdentity; roomId: string | null } | undefined> {
	if (canModerateMeeting(viewer.actor, handle)) return { identity: { kind: 'moderator' }, roomId: null };
	const person = await ownPerson(db, viewer.actor, handle);
	if (person) {
		const member = (await repo.listMembers(db, round.id)).find((m) => m.personId === person.id);
		return { identity: { kind: 'person', personId: person.id }, roomId: member?.roomId ?? null };
	}
	const session = viewer.cookies ? await sessions.findSessionByMeeting(db, handle.meetingId) : undefined;
	const participant =
		session && viewer.cookies
			? await findParticipant(db, session, { actor: viewer.actor, cookies: viewer.cookies })
			: undefined;
	if (!participant) return undefined;
	const guest = (await repo.listGuestMembers(db, round.id)).find((g) => g.participantId === participant.id);
	return { identity: { kind: 'participant', participantId: participant.id }, roomId: guest?.roomId ?? null };
}

/**
 * Who may use a room's board: the meeting's organizers and moderators (as moderators), and the
 * room's members (people and live guests). Others: 403.
 */
export async function boardAccess(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	round: repo.RoundRow,
	roomId: string
): Promise<BoardAccess> {
	const room = (await repo.listRooms(db, round.id)).find((entry) => entry.id === roomId);
	if (!room) throw notFound('breakouts.roomNotFound');
	const who = await boardIdentity(db, viewer, handle, round);
	if (!who || (who.identity.kind !== 'moderator' && who.roomId !== room.id)) {
		throw forbidden('breakouts.notInRoom');
	}
	return { handle, round, room, identity: who.identity };
}

/** The access to the board of a card of the meeting (404 for a card of another meeting). */
export async function accessToCard(
	db: Kysely<Database>,
	viewer: BoardViewer,
	handle: MeetingHandle,
	cardId: string
): Promise<BoardAccess> {
	const context = await repo.cardContext(db, cardId);
	if (!context || context.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	const round = (await repo.listRounds(db, handle.meetingId)).find((entry) => entry.id === context.roundId)!;
	return boardAccess(db, viewer, handle, round, context.roomId);
}
