import { afterAll, describe, expect, it } from 'vitest';
import {
	createRound,
	getParticipantRoom,
	getRound,
	startRound,
	updateRoom
} from '../../src/lib/server/services/breakouts';
import { chooseLiveRoom, getRoomChoice } from '../../src/lib/server/services/breakouts-live-choice';
import { getCockpit } from '../../src/lib/server/services/live-moderation';
import { getLiveView } from '../../src/lib/server/services/live-participants';
import { testDatabases } from '../helpers/databases';
import { rejection } from '../helpers/test-doubles';
import { runningLiveMeeting, viewerOf } from './live-fixtures';

async function failure(promise: Promise<unknown>): Promise<string> {
	const error = await rejection(promise);
	return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
}

for (const database of testDatabases()) {
	describe(`${database.name}: choosing a room on the live page`, () => {
		afterAll(() => database.close());

		/** A running self-chosen round of two rooms (the first for one person only), guests only. */
		async function selfChosenRound(mode: 'self' | 'random' = 'self') {
			const db = await database.open();
			const live = await runningLiveMeeting(db);
			const ref = { seriesId: live.meeting.seriesSlug, number: live.meeting.number };
			const { meetingId } = await getCockpit(db, live.organizer.actor, ref.seriesId, ref.number);
			await db.deleteFrom('people').where('meeting_id', '=', meetingId).execute();
			const { key } = await createRound(db, live.organizer.actor, ref, {
				title: 'Themen',
				roomCount: 2,
				mode
			});
			const [small, large] = (await getRound(db, live.organizer.actor, ref, key)).round.rooms;
			await updateRoom(db, live.organizer.actor, ref, {
				round: key,
				roomId: small!.id,
				name: 'Raum 1',
				topic: 'Förderung',
				cap: 1
			});
			await updateRoom(db, live.organizer.actor, ref, {
				round: key,
				roomId: large!.id,
				name: 'Raum 2',
				topic: 'Ehrenamt'
			});
			await startRound(db, live.bus, live.organizer.actor, ref, key);
			return { ...live, db, ref, key, small: small!.id, large: large!.id };
		}

		it('offers a late joiner the rooms with their topics, places them and publishes the assignment', async () => {
			const { db, bus, code, guest, organizer, small, large } = await selfChosenRound();
			const anna = await guest('Anna');
			expect(await getParticipantRoom(db, anna, code)).toBeNull();
			expect(await getRoomChoice(db, anna, code)).toEqual([
				{ id: small, name: 'Raum 1', topic: 'Förderung', isFull: false },
				{ id: large, name: 'Raum 2', topic: 'Ehrenamt', isFull: false }
			]);
			const before = (await getLiveView(db, viewerOf(organizer.actor), code)).state!.breakout!;
			await chooseLiveRoom(db, bus, anna, code, { roomId: small });
			expect((await getParticipantRoom(db, anna, code))?.room).toMatchObject({
				id: small,
				topic: 'Förderung'
			});
			expect(await getRoomChoice(db, anna, code)).toBeNull();
			const after = (await getLiveView(db, viewerOf(organizer.actor), code)).state!.breakout!;
			expect(after.assignmentRevision).toBeGreaterThan(before.assignmentRevision);
			// Choosing the same room again changes nothing; another one is the moderators' part.
			await chooseLiveRoom(db, bus, anna, code, { roomId: small });
			expect(await failure(chooseLiveRoom(db, bus, anna, code, { roomId: large }))).toBe(
				'conflict: breakoutsLive.alreadyPlaced'
			);
			await bus.close();
		});

		it('keeps a room’s cap: the full room is shown as full and refused', async () => {
			const { db, bus, code, guest, small, large } = await selfChosenRound();
			const anna = await guest('Anna');
			const bernd = await guest('Bernd');
			await chooseLiveRoom(db, bus, anna, code, { roomId: small });
			expect((await getRoomChoice(db, bernd, code))?.map((room) => room.isFull)).toEqual([true, false]);
			expect(await failure(chooseLiveRoom(db, bus, bernd, code, { roomId: small }))).toBe(
				'validation: breakouts.roomFull'
			);
			expect(await failure(chooseLiveRoom(db, bus, bernd, code, { roomId: 'no-such-room' }))).toBe(
				'validation: breakouts.roomNotFound'
			);
			await chooseLiveRoom(db, bus, bernd, code, { roomId: large });
			expect((await getParticipantRoom(db, bernd, code))?.room.id).toBe(large);
			await bus.close();
		});

		it('refuses moderators and strangers before the round is looked at, and rounds not chosen by oneself', async () => {
			const { db, bus, code, organizer, make, small } = await selfChosenRound();
			expect(await failure(chooseLiveRoom(db, bus, viewerOf(organizer.actor), code, { roomId: small }))).toBe(
				'forbidden: breakouts.notPlaced'
			);
			const stranger = viewerOf((await make.organizer()).actor);
			expect(await failure(chooseLiveRoom(db, bus, stranger, code, { roomId: small }))).toBe(
				'forbidden: live.notParticipant'
			);
			await bus.close();

			const random = await selfChosenRound('random');
			const carla = await random.guest('Carla');
			expect(await getRoomChoice(random.db, carla, random.code)).toBeNull();
			expect(
				await failure(chooseLiveRoom(random.db, random.bus, carla, random.code, { roomId: random.small }))
			).toBe('conflict: breakouts.notSelfChosen');
			await random.bus.close();
		});
	});
}
