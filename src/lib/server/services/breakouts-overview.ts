import type { Kysely } from 'kysely';
import type { BoardCardView, LiveRoundView } from '../../domain/breakouts/live-views';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';
import { meetingOf, meetingToManage, roundOf, type BreakoutsMeeting } from './breakouts-access';
import { cardViewFor } from './breakouts-card-events';
import { liveRoundView } from './breakouts-live-view';

/**
 * The moderators' live overview of a round: every room with its members and cards side by side.
 * Members are named only when they consented to the participant list; guests and the others are
 * counted. Authors of cards are never named here (the synthesis page names them by consent).
 */

export interface OverviewRoom {
	id: string;
	name: string;
	topic: string | null;
	namedMembers: string[];
	unnamedMembers: number;
	cards: BoardCardView[];
}

export interface RoundOverview {
	meeting: BreakoutsMeeting;
	round: Omit<LiveRoundView, 'status'> & { status: 'draft' | 'running' | 'closed' };
	rooms: OverviewRoom[];
	/** People and guests in no room (a manual round's late arrivals). */
	unplaced: number;
}

export async function getRoundOverview(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string
): Promise<RoundOverview> {
	const handle = await meetingToManage(db, actor, address);
	const round = await roundOf(db, handle, key);
	const rooms = await repo.listRooms(db, round.id);
	const people = await repo.listMeetingPeople(db, handle.meetingId);
	const byId = new Map(people.map((person) => [person.id, person]));
	const members = await repo.listMembers(db, round.id);
	const guests = await repo.listGuestMembers(db, round.id);
	const cards = await repo.listCards(db, round.id);
	const sessionGuests = await repo.listSessionGuests(db, handle.meetingId);
	const view = liveRoundView(round);
	return {
		meeting: await meetingOf(db, handle),
		round: { ...view, status: round.status === 'draft' ? 'draft' : view.status },
		rooms: rooms.map((room) => {
			const inRoom = members.filter((member) => member.roomId === room.id);
			const named = inRoom.flatMap((member) => {
				const person = byId.get(member.personId);
				return person?.hasListConsent ? [person.name] : [];
			});
			const guestCount = guests.filter((guest) => guest.roomId === room.id).length;
			return {
				id: room.id,
				name: room.name,
				topic: room.topic,
				namedMembers: named,
				unnamedMembers: inRoom.length + guestCount - named.length,
				cards: cards
					.filter((card) => card.roomId === room.id)
					.map((card) => cardViewFor(card, { kind: 'moderator' }, room.rapporteurPersonId))
			};
		}),
		unplaced: people.length + sessionGuests.length - members.length - guests.length
	};
}
