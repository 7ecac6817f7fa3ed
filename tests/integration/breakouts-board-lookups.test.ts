import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import * as repo from '../../src/lib/server/repositories/breakouts';
import { actorForUser } from '../../src/lib/server/services/auth';
import {
	addCard,
	addLiveCard,
	boardIdentity,
	createRound,
	editLiveCard,
	getParticipantRoom,
	getRound,
	guestKey,
	listenerRoom,
	runAssignment,
	startRound,
	viewerIdentity
} from '../../src/lib/server/services/breakouts';
import { findMeetingHandleById } from '../../src/lib/server/repositories/meeting-lookup';
import { joinLive } from '../../src/lib/server/services/live-participants';
import * as sessions from '../../src/lib/server/repositories/live-sessions';
import { testDatabases } from '../helpers/databases';
import { rejection } from '../helpers/test-doubles';
import { runningLiveMeeting, viewerOf } from './live-fixtures';

async function failure(promise: Promise<unknown>): Promise<string> {
	const error = await rejection(promise);
	return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
}

const ROOMS = 10;
const GUESTS = 10;
/** With the founding meeting's 4 people: 200 in the round. */
const EXTRA_PEOPLE = 186;

/** The indexes the one-row lookups need (migration 2026-12-05T0800-breakout-lookup-indexes). */
async function indexNames(db: Kysely<Database>, kind: string): Promise<string[]> {
	if (kind === 'sqlite') {
		const rows = await db
			.selectFrom('sqlite_master' as never)
			.select('name' as never)
			.where('type' as never, '=', 'index' as never)
			.execute();
		return rows.map((row) => (row as { name: string }).name);
	}
	const rows = await db
		.selectFrom('pg_indexes' as never)
		.select('indexname' as never)
		.execute();
	return rows.map((row) => (row as { indexname: string }).indexname);
}

for (const database of testDatabases()) {
	describe(`${database.name}: breakout boards' one-row lookups`, () => {
		afterAll(() => database.close());

		/**
		 * A running round of 200 (186 imported people besides the founding meeting's 4, and 10 live
		 * guests) in 10 rooms; every person has an account and joined the live session.
		 */
		async function crowdedRound() {
			const db = await database.open();
			const live = await runningLiveMeeting(db, (doc) => {
				doc.meeting.people = [
					...(doc.meeting.people ?? []),
					...Array.from({ length: EXTRA_PEOPLE }, (_, index) => ({
						id: `gast-${index}`,
						name: `Gast ${index}`,
						registered: true,
						consent: { participantList: index % 2 === 0, shareEmail: false }
					}))
				];
			});
			const ref = { seriesId: live.meeting.seriesSlug, number: live.meeting.number };
			const guests = [];
			for (let index = 0; index < GUESTS; index += 1) guests.push(await live.guest(`Besuch ${index}`));
			const session = (await sessions.findSessionByCode(db, live.code))!;
			const handle = (await findMeetingHandleById(db, session.meetingId))!;
			const people = await repo.listMeetingPeople(db, handle.meetingId);
			const accounts = new Map<string, ReturnType<typeof viewerOf>>();
			for (const person of people) {
				const user = await live.make.user();
				await db.updateTable('people').set({ user_id: user.id }).where('id', '=', person.id).execute();
				const viewer = viewerOf(await actorForUser(db, user.id));
				await joinLive(db, viewer, live.code, {});
				accounts.set(person.id, viewer);
			}
			const { key } = await createRound(db, live.organizer.actor, ref, {
				title: 'Viele Räume',
				roomCount: ROOMS,
				dotsPerPerson: 3
			});
			await runAssignment(db, live.organizer.actor, ref, { round: key, seed: 7 });
			await startRound(db, live.bus, live.organizer.actor, ref, key);
			const { round: view } = await getRound(db, live.organizer.actor, ref, key);
			const round = (await repo.findRound(db, handle.meetingId, key))!;
			/** Each member's room by placement key (person id, or `guest:` and the participant id). */
			const roomOf = new Map(
				view.rooms.flatMap((room) => room.members.map((member) => [member.personId, room.id] as const))
			);
			return { ...live, db, ref, handle, session, round, view, roomOf, guests, accounts };
		}

		it('finds each of 200 people’s and guests’ own room, and refuses the moderator and a stranger theirs', async () => {
			const { db, make, bus, code, organizer, ref, handle, session, round, view, roomOf, guests, accounts } =
				await crowdedRound();
			expect(roomOf.size).toBe(EXTRA_PEOPLE + 4 + GUESTS);
			expect(view.rooms).toHaveLength(ROOMS);
			expect(view.unassigned).toEqual([]);

			// The repository's lookups, for every member.
			for (const [personId, viewer] of accounts) {
				if (viewer.actor.kind !== 'user') throw new Error('not signed in');
				expect((await repo.findMeetingPersonByUser(db, handle.meetingId, viewer.actor.userId))?.id).toBe(
					personId
				);
				expect(await repo.findMemberRoom(db, round.id, personId)).toBe(roomOf.get(personId));
				expect(await repo.findGuestRoom(db, round.id, personId)).toBeUndefined();
			}
			for (const guest of guests) {
				expect(await repo.findGuestRoom(db, round.id, guest.participantId)).toBe(
					roomOf.get(guestKey(guest.participantId))
				);
			}
			for (const room of view.rooms) {
				expect((await repo.findRoom(db, round.id, room.id))?.name).toBe(room.name);
				expect(await repo.findRoom(db, 'another-round', room.id)).toBeUndefined();
			}
			expect((await repo.findRoundById(db, handle.meetingId, round.id))?.key).toBe(round.key);
			expect(await repo.findRoundById(db, 'another-meeting', round.id)).toBeUndefined();

			// The services: who each viewer is, their room, their live page's room and event stream.
			const [somePersonId, somePerson] = [...accounts][37]!;
			expect(await boardIdentity(db, somePerson, handle, round)).toEqual({
				identity: { kind: 'person', personId: somePersonId },
				roomId: roomOf.get(somePersonId)
			});
			for (const [personId, viewer] of [...accounts].filter((_, index) => index % 19 === 0)) {
				expect((await getParticipantRoom(db, viewer, code))?.room.id).toBe(roomOf.get(personId));
				const participant = (await sessions.findParticipantByUser(
					db,
					handle.meetingId,
					viewer.actor.kind === 'user' ? viewer.actor.userId : ''
				))!;
				expect(await listenerRoom(db, handle.meetingId, participant)).toBe(roomOf.get(personId));
			}
			for (const guest of guests) {
				const own = roomOf.get(guestKey(guest.participantId));
				expect(await viewerIdentity(db, guest, handle, session)).toEqual({
					kind: 'participant',
					participantId: guest.participantId
				});
				expect((await getParticipantRoom(db, guest, code))?.room.id).toBe(own);
				const participant = {
					id: guest.participantId,
					meetingId: handle.meetingId,
					displayName: 'Besuch',
					userId: null
				};
				expect(await listenerRoom(db, handle.meetingId, participant)).toBe(own);
			}

			// Cards land in the adder's own room.
			const card = await addLiveCard(db, bus, somePerson, code, { text: 'Aus meinem Raum' });
			const guestCard = await addLiveCard(db, bus, guests[3]!, code, { text: 'Vom Gast' });
			const stored = await db
				.selectFrom('board_cards')
				.select(['id', 'room_id'])
				.where('id', 'in', [card.id, guestCard.id])
				.execute();
			expect(Object.fromEntries(stored.map((row) => [row.id, row.room_id]))).toEqual({
				[card.id]: roomOf.get(somePersonId),
				[guestCard.id]: roomOf.get(guestKey(guests[3]!.participantId))
			});
			// Someone of another room may not touch it; its author may.
			const [otherId, other] = [...accounts].find(([id]) => roomOf.get(id) !== roomOf.get(somePersonId))!;
			expect(otherId).not.toBe(somePersonId);
			expect(
				await failure(editLiveCard(db, bus, other, code, { card: card.id, version: 1, text: 'Nein' }))
			).toBe('forbidden: breakouts.notInRoom');
			expect(
				await editLiveCard(db, bus, somePerson, code, { card: card.id, version: 1, text: 'Ja' })
			).toEqual({
				version: 2
			});

			// The organizer moderates: every room, none of their own, so no card from the live page.
			const moderator = viewerOf(organizer.actor);
			expect(await boardIdentity(db, moderator, handle, round)).toEqual({
				identity: { kind: 'moderator' },
				roomId: null
			});
			expect(await getParticipantRoom(db, moderator, code)).toBeNull();
			expect(await failure(addLiveCard(db, bus, moderator, code, { text: 'Moderation' }))).toBe(
				'forbidden: breakouts.notInRoom'
			);
			expect(
				await editLiveCard(db, bus, moderator, code, { card: card.id, version: 2, text: 'Geordnet' })
			).toEqual({ version: 3 });

			// A stranger (an account of no person, not joined) is refused before the input is read.
			const stranger = viewerOf(await actorForUser(db, (await make.user()).id));
			expect(await boardIdentity(db, stranger, handle, round)).toBeUndefined();
			expect(await getParticipantRoom(db, stranger, code)).toBeNull();
			expect(await failure(addLiveCard(db, bus, stranger, code, { nonsense: true }))).toBe(
				'forbidden: live.notParticipant'
			);
			expect(await failure(addCard(db, stranger.actor, ref, { nonsense: true }))).toBe(
				'forbidden: error.forbidden'
			);
			await bus.close();
		});

		it('does not take a cancelled person for the account behind them', async () => {
			const { db, bus, handle, accounts, round, code } = await crowdedRound();
			const [personId, viewer] = [...accounts][5]!;
			await db.updateTable('people').set({ status: 'cancelled' }).where('id', '=', personId).execute();
			if (viewer.actor.kind !== 'user') throw new Error('not signed in');
			expect(await repo.findMeetingPersonByUser(db, handle.meetingId, viewer.actor.userId)).toBeUndefined();
			// Still a participant of the session (joined), but in no room as one.
			const who = await boardIdentity(db, viewer, handle, round);
			expect(who?.identity.kind).toBe('participant');
			expect(who?.roomId).toBeNull();
			expect(await failure(addLiveCard(db, bus, viewer, code, { text: 'Abgesagt' }))).toBe(
				'forbidden: breakouts.notPlaced'
			);
			await bus.close();
		});

		it('has the indexes the lookups read by', async () => {
			const db = await database.open();
			const kind = database.name === 'sqlite' ? 'sqlite' : 'postgres';
			expect(await indexNames(db, kind)).toEqual(
				expect.arrayContaining([
					'people_user_meeting_idx',
					'breakout_rooms_round_idx',
					'breakout_room_members_person_idx',
					'breakout_room_guests_participant_idx'
				])
			);
		});
	});
}
