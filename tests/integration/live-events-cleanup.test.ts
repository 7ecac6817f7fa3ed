import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { cleanUpLiveEvents } from '../../src/lib/server/jobs/live-events';
import { LiveBus } from '../../src/lib/server/live/bus';
import { liveEventStream } from '../../src/lib/server/live/sse';
import { lastEventSeq } from '../../src/lib/server/repositories/live-events';
import { authorizeStream } from '../../src/lib/server/services/live-streams';
import { moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { importLiveMeeting, viewerOf } from './live-fixtures';
import { readFrames } from './live-stream-frames';

const HOUR = 3600_000;

/**
 * Appends `count` events to a meeting's log as the bus stores them (the session's counter moves
 * with them), in one go: a meeting's worth of events without publishing them one by one.
 */
async function addEvents(db: Kysely<Database>, meetingId: string, count: number): Promise<number> {
	const first = (await lastEventSeq(db, meetingId)) + 1;
	const rows = Array.from({ length: count }, (_, index) => ({
		meeting_id: meetingId,
		seq: first + index,
		type: 'state',
		payload: JSON.stringify({ resultsVisiblePollId: null, n: first + index }),
		created_at: new Date().toISOString()
	}));
	for (let start = 0; start < rows.length; start += 200)
		await db
			.insertInto('live_events')
			.values(rows.slice(start, start + 200))
			.execute();
	const last = first + count - 1;
	await db
		.updateTable('live_sessions')
		.set({ last_event_seq: last })
		.where('meeting_id', '=', meetingId)
		.execute();
	return last;
}

async function storedSeqs(db: Kysely<Database>, meetingId: string): Promise<number[]> {
	const rows = await db
		.selectFrom('live_events')
		.select('seq')
		.where('meeting_id', '=', meetingId)
		.orderBy('seq')
		.execute();
	return rows.map((row) => Number(row.seq));
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

for (const database of testDatabases()) {
	describe(`${database.name}: old live events are deleted`, () => {
		afterAll(() => database.close());

		it('deletes the events of sessions stopped over 24 hours ago and all but the newest 1,000 of every meeting', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const bus = new LiveBus(db, 10);
			const now = new Date();

			/** A meeting with a started session (its first event) and `extra` more events. */
			async function meetingWithEvents(extra: number) {
				const meeting = await importLiveMeeting(db, organizer.actor);
				const { code } = await startLiveSession(
					db,
					bus,
					organizer.actor,
					meeting.seriesSlug,
					meeting.number,
					{}
				);
				const { meetingId } = await authorizeStream(db, viewerOf(organizer.actor), code);
				const last = await addEvents(db, meetingId, extra);
				const stop = async (hoursAgo: number) => {
					await moderateLive(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, {
						action: 'stop'
					});
					const stoppedAt = new Date(now.getTime() - hoursAgo * HOUR).toISOString();
					await db
						.updateTable('live_sessions')
						.set({ updated_at: stoppedAt })
						.where('meeting_id', '=', meetingId)
						.execute();
				};
				return { meeting, code, meetingId, last, stop };
			}

			const running = await meetingWithEvents(1019); // seq 1 … 1020
			const exactlyFull = await meetingWithEvents(999); // seq 1 … 1000
			const stoppedLongAgo = await meetingWithEvents(29); // seq 1 … 30, then the stop: 31
			await stoppedLongAgo.stop(25);
			const stoppedRecently = await meetingWithEvents(1004); // seq 1 … 1005, then the stop: 1006
			await stoppedRecently.stop(23);

			const deleted = await cleanUpLiveEvents(db, now);

			expect(await storedSeqs(db, running.meetingId)).toEqual(range(21, 1020));
			expect(await storedSeqs(db, exactlyFull.meetingId)).toEqual(range(1, 1000));
			expect(await storedSeqs(db, stoppedLongAgo.meetingId)).toEqual([]);
			// Stopped less than a day ago (perhaps a break): only the events beyond the newest 1,000 go.
			expect(await storedSeqs(db, stoppedRecently.meetingId)).toEqual(range(7, 1006));
			expect(deleted).toEqual({ ofStoppedSessions: 31, beyondReplay: 20 + 6 });
			// The counters are untouched: new events keep counting from where they were.
			expect(await lastEventSeq(db, running.meetingId)).toBe(1020);
			expect(await lastEventSeq(db, stoppedLongAgo.meetingId)).toBe(31);

			// A second run finds nothing more to delete.
			expect(await cleanUpLiveEvents(db, now)).toEqual({ ofStoppedSessions: 0, beyondReplay: 0 });
			await bus.close();
		});

		it('gives a stream reconnecting after the cleanup a replay of what is kept, else a correct snapshot', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const bus = new LiveBus(db, 10);
			const meeting = await importLiveMeeting(db, organizer.actor);
			const moderate = (input: unknown) =>
				moderateLive(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, input);
			const { code } = await startLiveSession(
				db,
				bus,
				organizer.actor,
				meeting.seriesSlug,
				meeting.number,
				{}
			);
			const access = await authorizeStream(db, viewerOf(organizer.actor), code);
			const stream = (lastEventId: number) =>
				liveEventStream({
					db,
					bus,
					meetingId: access.meetingId,
					isModerator: false,
					lastEventId,
					snapshot: access.snapshot
				});
			await addEvents(db, access.meetingId, 1100);
			await moderate({ action: 'message', message: 'Gleich geht es weiter.' }); // seq 1102
			await cleanUpLiveEvents(db, new Date());
			expect((await storedSeqs(db, access.meetingId))[0]).toBe(103);

			// Missed events still stored: replayed.
			const replayed = await readFrames(stream(1099), 3);
			expect(replayed.map((frame) => [frame.id, frame.event])).toEqual([
				[1100, 'state'],
				[1101, 'state'],
				[1102, 'state']
			]);
			// Missed events deleted: a snapshot of the current state, with the newest id.
			const [snapshot] = await readFrames(stream(50), 1);
			expect(snapshot).toMatchObject({ id: 1102, event: 'snapshot' });
			expect(JSON.parse(snapshot!.data)).toEqual(await access.snapshot());
			expect(JSON.parse(snapshot!.data)).toMatchObject({ message: 'Gleich geht es weiter.', isActive: true });

			// A session stopped long ago loses every event; restarted, a reconnect gets a snapshot.
			await moderate({ action: 'stop' }); // seq 1103
			await cleanUpLiveEvents(db, new Date(Date.now() + 25 * HOUR));
			expect(await storedSeqs(db, access.meetingId)).toEqual([]);
			await startLiveSession(db, bus, organizer.actor, meeting.seriesSlug, meeting.number, {}); // seq 1104
			const [afterRestart] = await readFrames(stream(1102), 1);
			expect(afterRestart).toMatchObject({ id: 1104, event: 'snapshot' });
			expect(JSON.parse(afterRestart!.data)).toEqual(await access.snapshot());
			expect(JSON.parse(afterRestart!.data)).toMatchObject({ isActive: true, code: expect.any(String) });
			await bus.close();
		});
	});
}
