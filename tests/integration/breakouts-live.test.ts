import { randomUUID } from 'node:crypto';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { BoardCardEvent } from '../../src/lib/domain/breakouts/live-views';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { LiveState } from '../../src/lib/domain/live/views';
import type { Database } from '../../src/lib/server/db/schema';
import { LiveBus, type LiveEvent } from '../../src/lib/server/live/bus';
import { listAgendaItems } from '../../src/lib/server/repositories/agenda';
import { lastEventSeq } from '../../src/lib/server/repositories/live-events';
import { actorForUser } from '../../src/lib/server/services/auth';
import {
	addLiveCard,
	advanceRounds,
	broadcastToRooms,
	createRound,
	deleteLiveCard,
	dotLiveCard,
	editLiveCard,
	endRound,
	getParticipantRoom,
	getRound,
	getRoundOverview,
	guestKey,
	movePerson,
	startRound,
	startRoundFromAgendaItem,
	undotLiveCard
} from '../../src/lib/server/services/breakouts';
import { getCockpit } from '../../src/lib/server/services/live-moderation';
import { getLiveView, joinLive } from '../../src/lib/server/services/live-participants';
import { openLiveStream } from '../../src/lib/server/services/live-streams';
import { boardActions, type BoardActionEvent } from '../../src/routes/live/[code]/board-actions';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { rejection } from '../helpers/test-doubles';
import { runningLiveMeeting, viewerOf } from './live-fixtures';
import { readFramesUntil, type Frame } from './live-stream-frames';

async function failure(promise: Promise<unknown>): Promise<string> {
	const error = await rejection(promise);
	return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
}

interface PersonSpec {
	name: string;
	consent?: boolean;
}

const MINUTE = 60_000;

for (const database of testDatabases()) {
	describe(`${database.name}: breakout rounds live`, () => {
		afterAll(() => database.close());

		/** A running live session whose meeting has the given people (and no others). */
		async function setup(specs: PersonSpec[]) {
			const db = await database.open();
			const live = await runningLiveMeeting(db);
			const ref = { seriesId: live.meeting.seriesSlug, number: live.meeting.number };
			const meetingId = (await getCockpit(db, live.organizer.actor, ref.seriesId, ref.number)).meetingId;
			await db.deleteFrom('people').where('meeting_id', '=', meetingId).execute();
			const ids: string[] = [];
			for (const [position, spec] of specs.entries()) {
				const id = randomUUID();
				ids.push(id);
				await db
					.insertInto('people')
					.values({
						id,
						meeting_id: meetingId,
						person_key: `p-${position}-${live.make.unique()}`,
						position,
						name: spec.name,
						organization: null,
						municipality: null,
						ags: null,
						job_role: null,
						email: `${spec.name.toLowerCase()}@example.org`,
						consent_participant_list: spec.consent ? 1 : 0,
						status: null,
						user_id: null
					})
					.execute();
			}
			const breakoutItems = (await listAgendaItems(db, meetingId)).filter((item) => item.kind === 'breakout');
			return { ...live, ref, meetingId, ids, breakoutItems };
		}

		/** The person's account, signed in and joined to the live session. */
		async function signedIn(db: Kysely<Database>, personId: string, code: string) {
			const user = await factories(db).user();
			await db.updateTable('people').set({ user_id: user.id }).where('id', '=', personId).execute();
			const viewer = viewerOf(await actorForUser(db, user.id));
			await joinLive(db, viewer, code, {});
			return viewer;
		}

		const stateOf = async (db: Kysely<Database>, code: string, actor: Actor) =>
			(await getLiveView(db, viewerOf(actor), code)).state!;

		it('starts the round of a breakout item: everyone placed, guests too, timed by the item', async () => {
			const { db, bus, code, organizer, ref, guest, breakoutItems } = await setup([
				{ name: 'Anna' },
				{ name: 'Bernd' },
				{ name: 'Cora' },
				{ name: 'Dirk' }
			]);
			await guest('Gast Eins');
			await guest('Gast Zwei');
			const started = new Date();
			const clock = () => started;
			const first = breakoutItems[0]!; // 14:45–15:05, linked to the imported round "runde-1"
			const result = await startRoundFromAgendaItem(db, bus, organizer.actor, ref, first.id, clock);
			expect(result).toEqual({
				key: 'runde-1',
				endsAt: new Date(started.getTime() + 20 * MINUTE).toISOString()
			});
			const { round } = await getRound(db, organizer.actor, ref, 'runde-1');
			expect(round.status).toBe('running');
			const members = round.rooms.flatMap((room) => room.members);
			expect(members).toHaveLength(6);
			expect(
				members
					.filter((member) => member.isGuest)
					.map((member) => member.name)
					.sort()
			).toEqual(['Gast Eins', 'Gast Zwei']);
			expect(round.unassigned).toEqual([]);

			const state = await stateOf(db, code, organizer.actor);
			expect(state.breakout).toMatchObject({
				key: 'runde-1',
				status: 'running',
				endsAt: result.endsAt,
				endingSoon: false,
				broadcast: null
			});
			// Starting it again changes nothing; another round waits until this one ended.
			expect((await startRoundFromAgendaItem(db, bus, organizer.actor, ref, first.id, clock)).endsAt).toBe(
				result.endsAt
			);
			expect(
				await failure(startRoundFromAgendaItem(db, bus, organizer.actor, ref, breakoutItems[1]!.id))
			).toBe('conflict: breakouts.otherRoundRunning');
			const plenary = (await getCockpit(db, organizer.actor, ref.seriesId, ref.number)).agenda.find(
				(item) => item.kind !== 'breakout'
			)!;
			expect(await failure(startRoundFromAgendaItem(db, bus, organizer.actor, ref, plenary.id))).toBe(
				'validation: breakouts.notBreakoutItem'
			);

			// The cockpit lists the breakout items with their rounds and the running round's rooms.
			const cockpit = await getCockpit(db, organizer.actor, ref.seriesId, ref.number);
			expect(cockpit.breakouts.items.map((item) => [item.roundKey, item.status])).toEqual([
				['runde-1', 'running'],
				['runde-2', 'draft']
			]);
			expect(cockpit.breakouts.current?.rooms.reduce((sum, room) => sum + room.members, 0)).toBe(6);

			// Only the meeting's organizers and moderators run rounds.
			const stranger = (await rejection(endRound(db, bus, anonymous, ref, 'runde-1'))).kind;
			expect(stranger).toBe('unauthenticated');
			await bus.close();
		});

		it('makes a round from a breakout item without one, named and timed by the item', async () => {
			const { db, bus, organizer, ref, breakoutItems } = await setup([{ name: 'Anna' }, { name: 'Bernd' }]);
			const second = breakoutItems[1]!; // 15:10–15:35
			await db
				.updateTable('agenda_items')
				.set({ title: 'Ganz neue Runde', breakout_round_id: null })
				.where('id', '=', second.id)
				.execute();
			const started = new Date();
			const result = await startRoundFromAgendaItem(db, bus, organizer.actor, ref, second.id, () => started);
			expect(result.endsAt).toBe(new Date(started.getTime() + 25 * MINUTE).toISOString());
			const { round } = await getRound(db, organizer.actor, ref, result.key);
			expect(round).toMatchObject({ title: 'Ganz neue Runde', durationMinutes: 25, status: 'running' });
			expect(round.rooms.flatMap((room) => room.members)).toHaveLength(2);
			await bus.close();
		});

		it('warns every room a minute before the end and closes the round at its end, once', async () => {
			const { db, bus, code, organizer, ref, meetingId, breakoutItems } = await setup([{ name: 'Anna' }]);
			const states: LiveState[] = [];
			bus.subscribe(meetingId, (event: LiveEvent) => {
				if (event.type === 'state') states.push(JSON.parse(event.json) as LiveState);
			});
			const t0 = new Date();
			const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
			await startRoundFromAgendaItem(db, bus, organizer.actor, ref, breakoutItems[0]!.id, () => t0);
			expect(await advanceRounds(db, bus, at(18), meetingId)).toEqual({
				warned: 0,
				closed: 0,
				nextDueAt: at(19)
			});
			expect(await advanceRounds(db, bus, at(19.1), meetingId)).toMatchObject({ warned: 1, closed: 0 });
			expect(states.at(-1)?.breakout).toMatchObject({ endingSoon: true, status: 'running' });
			// Another instance (a second bus on the same database) warns nothing again.
			const other = new LiveBus(db, 10);
			expect(await advanceRounds(db, other, at(19.2), meetingId)).toMatchObject({ warned: 0, closed: 0 });
			const [closedHere, closedThere] = await Promise.all([
				advanceRounds(db, bus, at(20), meetingId),
				advanceRounds(db, other, at(20), meetingId)
			]);
			expect(closedHere.closed + closedThere.closed).toBe(1);
			// Whichever closed it published the state; the other bus's event reaches this one's listeners
			// by its notice (what the PostgreSQL notifier carries; the tests hand it over themselves).
			bus.receiveRemote(meetingId, await lastEventSeq(db, meetingId), other.instanceId);
			await vi.waitFor(() =>
				expect(states.at(-1)?.breakout).toMatchObject({ status: 'closed', endingSoon: false })
			);
			expect((await stateOf(db, code, organizer.actor)).breakout?.status).toBe('closed');
			expect(await advanceRounds(db, bus, at(21), meetingId)).toEqual({
				warned: 0,
				closed: 0,
				nextDueAt: null
			});
			// Ending a closed round is harmless; a round that never ran cannot be ended.
			await endRound(db, bus, organizer.actor, ref, 'runde-1');
			expect(await failure(endRound(db, bus, organizer.actor, ref, 'runde-2'))).toBe(
				'conflict: breakouts.notRunning'
			);

			// A restarted instance (a fresh bus, nothing in memory) still closes a round started before.
			await startRoundFromAgendaItem(db, bus, organizer.actor, ref, breakoutItems[1]!.id, () => t0);
			const restarted = new LiveBus(db, 10);
			expect(await advanceRounds(db, restarted, at(26), meetingId)).toMatchObject({ closed: 1 });
			await Promise.all([bus.close(), other.close(), restarted.close()]);
		});

		it('places a guest who joins during a running round at once; they use their room’s board', async () => {
			const { db, bus, code, organizer, ref, guest } = await setup([{ name: 'Anna' }, { name: 'Bernd' }]);
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Offen', roomCount: 2 });
			await startRound(db, bus, organizer.actor, ref, key);
			const late = await guest('Spät');
			const room = await getParticipantRoom(db, late, code);
			expect(room).toMatchObject({ roundKey: key, cards: [], dotsLeft: 3, isRapporteur: false });
			expect(room!.namedMembers).toEqual([]);

			const { id } = await addLiveCard(db, bus, late, code, { column: 'Ideen', text: 'Eine Idee' });
			expect((await getParticipantRoom(db, late, code))!.cards).toEqual([
				expect.objectContaining({ id, text: 'Eine Idee', column: 'Ideen', isMine: true, canEdit: true })
			]);
			expect(await editLiveCard(db, bus, late, code, { card: id, version: '1', text: 'Besser' })).toEqual({
				version: 2
			});
			expect(await dotLiveCard(db, bus, late, code, { card: id })).toEqual({ dotsLeft: 2 });
			expect((await getParticipantRoom(db, late, code))!.cards[0]).toMatchObject({
				text: 'Besser',
				column: 'Ideen',
				votes: 1,
				hasMyVote: true
			});
			await undotLiveCard(db, bus, late, code, { card: id });
			await deleteLiveCard(db, bus, late, code, { card: id });
			expect((await getParticipantRoom(db, late, code))!.cards).toEqual([]);

			// Someone who never joined is refused before their input is read.
			const garbage = { card: [], text: null };
			expect((await rejection(addLiveCard(db, bus, viewerOf(anonymous), code, garbage))).kind).toBe(
				'forbidden'
			);
			await endRound(db, bus, organizer.actor, ref, key);
			expect(await getParticipantRoom(db, late, code)).toBeNull();
			expect(await failure(addLiveCard(db, bus, late, code, { text: 'Zu spät' }))).toBe(
				'conflict: breakouts.noRunningRound'
			);
			await bus.close();
		});

		it('sends card events to the room’s members and moderators only, also in a replay', async () => {
			const { db, bus, code, organizer, ref, meetingId, guest } = await setup([]);
			const a = await guest('A');
			const b = await guest('B');
			const c = await guest('C');
			const { key } = await createRound(db, organizer.actor, ref, {
				title: 'Von Hand',
				roomCount: 2,
				mode: 'manual'
			});
			await startRound(db, bus, organizer.actor, ref, key);
			const [first, second] = (await getRound(db, organizer.actor, ref, key)).round.rooms;
			const place = (viewer: { participantId: string }, roomId: string) =>
				movePerson(
					db,
					organizer.actor,
					ref,
					{ round: key, personId: guestKey(viewer.participantId), roomId },
					bus
				);
			await place(a, first!.id);
			await place(b, second!.id);
			await place(c, second!.id);
			const before = await lastEventSeq(db, meetingId);

			const open = async (viewer: ReturnType<typeof viewerOf>, lastEventId?: number) =>
				(await openLiveStream(db, bus, viewer, code, { totalStreams: 100, lastEventId })).getReader();
			const readerA = await open(a);
			const readerB = await open(b);
			const readerModerator = await open(viewerOf(organizer.actor));
			const snapshotOnly = (frames: Frame[]) => frames.length >= 1;
			for (const reader of [readerA, readerB, readerModerator]) await readFramesUntil(reader, snapshotOnly);

			const { id } = await addLiveCard(db, bus, a, code, { text: 'Nur für Raum 1' });
			await broadcastToRooms(db, bus, organizer.actor, ref, key, 'Noch fünf Minuten');
			const untilState = (frames: Frame[]) => frames.some((frame) => frame.event === 'state');
			const seenByA = await readFramesUntil(readerA, untilState);
			const seenByB = await readFramesUntil(readerB, untilState);
			const seenByModerator = await readFramesUntil(readerModerator, untilState);
			expect(seenByA.map((frame) => frame.event)).toEqual(['card', 'state']);
			expect(seenByModerator.map((frame) => frame.event)).toEqual(['card', 'state']);
			expect(seenByB.map((frame) => frame.event)).toEqual(['state']);
			const event = JSON.parse(seenByA[0]!.data) as BoardCardEvent;
			expect(event).toMatchObject({ roundKey: key, roomId: first!.id, action: 'added', cardId: id });
			expect(event.card).toMatchObject({ text: 'Nur für Raum 1', isMine: false, canEdit: false });
			expect((JSON.parse(seenByB[0]!.data) as LiveState).breakout?.broadcast?.text).toBe('Noch fünf Minuten');

			// B moves to room 1: their stream reads the room again, and room 1's cards reach them.
			await place(b, first!.id);
			await addLiveCard(db, bus, a, code, { text: 'Jetzt auch für B' });
			const afterMove = await readFramesUntil(readerB, (frames) => frames.some((f) => f.event === 'card'));
			expect(afterMove.map((frame) => frame.event)).toEqual(['state', 'card']);
			for (const reader of [readerA, readerB, readerModerator]) await reader.cancel();

			// A reconnect from before the first card: C (still in room 2) gets the states, no card;
			// A (room 1) gets both cards in order.
			// The last event is a state, which every replay reaches.
			await broadcastToRooms(db, bus, organizer.actor, ref, key, 'Gleich geht es zurück');
			const last = await lastEventSeq(db, meetingId);
			const upTo = (frames: Frame[]) => frames.at(-1)!.id >= last;
			const replayC = await open(c, before);
			const replayedC = await readFramesUntil(replayC, (frames) => frames.length > 0 && upTo(frames));
			await replayC.cancel();
			expect(replayedC.every((frame) => frame.event === 'state')).toBe(true);
			const replayA = await open(a, before);
			const replayedA = await readFramesUntil(replayA, (frames) => frames.length > 0 && upTo(frames));
			await replayA.cancel();
			expect(replayedA.filter((frame) => frame.event === 'card')).toHaveLength(2);
			await bus.close();
		});

		it('answers a stale edit from the live page with 409 and the card’s current text', async () => {
			const { db, bus, code, organizer, ref, guest } = await setup([]);
			const author = await guest('Autorin');
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Eine', roomCount: 1 });
			await startRound(db, bus, organizer.actor, ref, key);
			const actions = boardActions(() => Promise.resolve(bus));
			const post = (fields: Record<string, string>): BoardActionEvent => ({
				request: new Request(`http://127.0.0.1/live/${code}`, {
					method: 'POST',
					body: new URLSearchParams(fields)
				}),
				params: { code },
				cookies: author.cookies,
				locals: { db, actor: anonymous, locale: 'de' },
				getClientAddress: () => '127.0.0.1'
			});
			const added = await rejectionOrValue(actions.addCard(post({ text: 'Erste Fassung' })));
			expect(isRedirect(added) && added.status).toBe(303);
			const card = (await getParticipantRoom(db, author, code))!.cards[0]!;
			await editLiveCard(db, bus, author, code, { card: card.id, version: '1', text: 'Zweite Fassung' });
			const stale: unknown = await actions.editCard(
				post({ card: card.id, version: '1', text: 'Meine Fassung' })
			);
			if (!isActionFailure(stale)) throw new Error('expected a failure');
			expect(stale.status).toBe(409);
			expect(stale.data).toMatchObject({
				conflict: { cardId: card.id, currentText: 'Zweite Fassung', currentVersion: 2 },
				values: { text: 'Meine Fassung' }
			});
			await bus.close();
		});

		it('names a room’s members only with their consent; guests are counted', async () => {
			const { db, bus, code, organizer, ref, ids, guest } = await setup([
				{ name: 'Anna', consent: true },
				{ name: 'Bernd', consent: true },
				{ name: 'Cora', consent: false }
			]);
			const anna = await signedIn(db, ids[0]!, code);
			const visitor = await guest('Gast');
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Alle', roomCount: 1 });
			await startRound(db, bus, organizer.actor, ref, key);
			expect(await getParticipantRoom(db, anna, code)).toMatchObject({
				namedMembers: ['Bernd'],
				unnamedMembers: 2
			});
			expect(await getParticipantRoom(db, visitor, code)).toMatchObject({
				namedMembers: ['Anna', 'Bernd'],
				unnamedMembers: 1
			});
			const overview = await getRoundOverview(db, organizer.actor, ref, key);
			expect(overview.rooms[0]).toMatchObject({ namedMembers: ['Anna', 'Bernd'], unnamedMembers: 2 });
			expect(overview.unplaced).toBe(0);
			expect((await rejection(getRoundOverview(db, anna.actor, ref, key))).kind).toMatch(
				/forbidden|not-found/
			);
			await bus.close();
		});
	});
}

/** A redirect is thrown by the action: the thrown value, or the returned one. */
async function rejectionOrValue(promise: Promise<unknown>): Promise<unknown> {
	try {
		return await promise;
	} catch (thrown) {
		return thrown;
	}
}
