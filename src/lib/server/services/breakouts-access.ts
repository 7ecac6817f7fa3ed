import type { Kysely } from 'kysely';
import type { BoardIdentity } from '../../domain/breakouts/cards';
import {
	isAssignmentMode,
	isRoundStatus,
	normalizeColumns,
	type AssignmentMode,
	type RoundStatus
} from '../../domain/breakouts/config';
import { forbidden, notFound, unauthenticated } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canModerateMeeting, type Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';
import { findMeetingHandle, type MeetingHandle } from '../repositories/meeting-lookup';
import type { MeetingAddress } from '../../domain/meeting-address';
import { requireMeeting } from './meeting-access';
import { guestKey } from './breakouts-placement';

/** Breakout rounds: the meeting, who may act on it, and the views shared by the use cases. */

// Views

export interface RoomMemberView {
	personId: string;
	name: string;
	organization: string | null;
	hasEmail: boolean;
	/** A guest of the live session (`personId` is then a `guest:` key): no organization, no email. */
	isGuest: boolean;
}

export interface RoomView {
	id: string;
	name: string;
	topic: string | null;
	cap: number | null;
	rapporteurPersonId: string | null;
	members: RoomMemberView[];
	cardCount: number;
}

export interface RoundView {
	key: string;
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: AssignmentMode;
	dotsPerPerson: number;
	status: RoundStatus;
	startedAt: string | null;
	endsAt: string | null;
	synthesis: string[];
	rooms: RoomView[];
	/** People of the meeting and guests of its live session in no room of this round. */
	unassigned: RoomMemberView[];
}

export interface BreakoutsMeeting {
	seriesSlug: string;
	number: number;
	/** "2. Austauschtreffen" */
	title: string;
}

export async function meetingOf(db: Kysely<Database>, handle: MeetingHandle): Promise<BreakoutsMeeting> {
	return {
		seriesSlug: handle.seriesSlug,
		number: handle.number,
		title: formatMeetingTitle(handle.number, await repo.meetingNoun(db, handle.seriesId))
	};
}

export interface RoundsView {
	meeting: BreakoutsMeeting;
	rounds: RoundView[];
	findings: string[];
}

/** The meeting at the address for a board: signed in first (the rule for room members). */
export async function boardMeeting(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<MeetingHandle> {
	const handle = await findMeetingHandle(db, address.seriesId, address.number);
	if (!handle) throw notFound('meeting.notFound');
	if (actor.kind === 'anonymous') throw unauthenticated();
	return handle;
}

/**
 * Organizers of the meeting and its moderators manage rounds (requireMeeting's `moderate`):
 * anonymous 401, others 403 or, for a draft, 404.
 */
export function meetingToManage(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<MeetingHandle> {
	return requireMeeting(db, actor, address, 'moderate');
}

export async function roundOf(
	db: Kysely<Database>,
	handle: MeetingHandle,
	key: string
): Promise<repo.RoundRow> {
	const round = await repo.findRound(db, handle.meetingId, key);
	if (!round) throw notFound('breakouts.notFound');
	return round;
}

const memberView = (person: repo.MeetingPersonRow): RoomMemberView => ({
	personId: person.id,
	name: person.name,
	organization: person.organization,
	hasEmail: Boolean(person.email),
	isGuest: false
});

export async function roundView(
	db: Kysely<Database>,
	round: repo.RoundRow,
	people: repo.MeetingPersonRow[]
): Promise<RoundView> {
	const rooms = await repo.listRooms(db, round.id);
	const members = (await repo.listMembers(db, round.id)).map((m) => ({ roomId: m.roomId, key: m.personId }));
	const guestMembers = (await repo.listGuestMembers(db, round.id)).map((g) => ({
		roomId: g.roomId,
		key: guestKey(g.participantId)
	}));
	const cards = await repo.listCards(db, round.id);
	const byId = new Map<string, RoomMemberView>(people.map((person) => [person.id, memberView(person)]));
	for (const guest of await repo.listSessionGuests(db, round.meetingId))
		byId.set(guestKey(guest.id), {
			personId: guestKey(guest.id),
			name: guest.displayName,
			organization: null,
			hasEmail: false,
			isGuest: true
		});
	const placed = [...members, ...guestMembers];
	const assigned = new Set(placed.map((member) => member.key));
	return {
		key: round.key,
		title: round.title,
		description: round.description,
		questions: round.questions,
		columns: normalizeColumns(round.columns),
		roomCount: round.roomCount,
		roomSize: round.roomSize,
		durationMinutes: round.durationMinutes,
		mode: isAssignmentMode(round.mode) ? round.mode : 'manual',
		dotsPerPerson: round.dotsPerPerson,
		status: isRoundStatus(round.status) ? round.status : 'draft',
		startedAt: round.startedAt,
		endsAt: round.endsAt,
		synthesis: round.synthesis,
		rooms: rooms.map((room) => ({
			id: room.id,
			name: room.name,
			topic: room.topic,
			cap: room.cap,
			rapporteurPersonId: room.rapporteurPersonId,
			members: placed
				.filter((member) => member.roomId === room.id)
				.flatMap((member) => byId.get(member.key) ?? []),
			cardCount: cards.filter((card) => card.roomId === room.id).length
		})),
		unassigned: [...byId.values()].filter((member) => !assigned.has(member.personId))
	};
}

/** The meeting's person behind a signed-in account (their registration), if any. */
export async function ownPerson(
	db: Kysely<Database>,
	actor: Actor,
	handle: MeetingHandle
): Promise<repo.MeetingPersonRow | undefined> {
	if (actor.kind !== 'user') return undefined;
	return repo.findMeetingPersonByUser(db, handle.meetingId, actor.userId);
}

/**
 * Rights before the body for the board's changes, whose round, room or card come in the body: only
 * the meeting's moderators and its people may use a board at all. The room's own rule follows.
 */
export async function requireBoardUser(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<void> {
	await boardUser(db, actor, address);
}

/**
 * requireBoardUser's check, and what it found out: the meeting and who the actor is on its boards
 * (a moderator, or the person behind their account), so that the change need not look again.
 */
export async function boardUser(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<{ handle: MeetingHandle; identity: BoardIdentity }> {
	const handle = await boardMeeting(db, actor, address);
	if (canModerateMeeting(actor, handle)) return { handle, identity: { kind: 'moderator' } };
	const person = await ownPerson(db, actor, handle);
	if (!person) throw forbidden();
	return { handle, identity: { kind: 'person', personId: person.id } };
}
