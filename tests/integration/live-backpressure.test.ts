import { afterAll, describe, expect, it, vi } from 'vitest';
import { LiveBus } from '../../src/lib/server/live/bus';
import { liveEventStream, MAX_UNREAD_BYTES } from '../../src/lib/server/live/sse';
import { lastEventSeq } from '../../src/lib/server/repositories/live-events';
import { authorizeStream } from '../../src/lib/server/services/live-streams';
import { startLiveSession } from '../../src/lib/server/services/live-moderation';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { importLiveMeeting, viewerOf } from './live-fixtures';
import { readFrames, readFramesUntil } from './live-stream-frames';

/** A state event of about 32 KB: a long message (the payload's size is what fills a queue). */
const BIG_EVENT_BYTES = 32 * 1024;
const bigState = (n: number) => ({
	resultsVisiblePollId: null,
	message: `${n} ${'x'.repeat(BIG_EVENT_BYTES)}`
});

for (const database of testDatabases()) {
	describe(`${database.name}: live streams of listeners that do not read`, () => {
		afterAll(() => database.close());

		it('ends the stream of a listener that leaves more than the limit unread, while a reading one keeps getting every event', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const bus = new LiveBus(db, 10);
			const meeting = await importLiveMeeting(db, organizer.actor);
			const { code } = await startLiveSession(
				db,
				bus,
				organizer.actor,
				meeting.seriesSlug,
				meeting.number,
				{}
			);
			const access = await authorizeStream(db, viewerOf(organizer.actor), code);
			const { meetingId } = access;
			const open = (lastEventId?: number) =>
				liveEventStream({ db, bus, meetingId, isModerator: true, lastEventId, snapshot: access.snapshot });
			const first = await lastEventSeq(db, meetingId);

			const stalled = open().getReader(); // never reads
			const reading = open().getReader();
			const total = Math.ceil((MAX_UNREAD_BYTES * 1.5) / BIG_EVENT_BYTES);
			const received = readFramesUntil(reading, (frames) => frames.at(-1)?.id === first + total);
			// The streams subscribe once their snapshot is out; a loaded machine takes its time.
			await vi.waitFor(() => expect(bus.listenerCount(meetingId)).toBe(2), { timeout: 10_000 });

			// Well below the limit the silent listener is kept: a slow phone catches up.
			const belowLimit = Math.floor(MAX_UNREAD_BYTES / BIG_EVENT_BYTES / 2);
			for (let n = 1; n <= belowLimit; n += 1) await bus.publish(meetingId, 'state', bigState(n));
			expect(bus.listenerCount(meetingId)).toBe(2);
			for (let n = belowLimit + 1; n <= total; n += 1) await bus.publish(meetingId, 'state', bigState(n));

			// The reader got the snapshot and every event in order; the silent one was dropped, its
			// unread queue discarded (reading now fails instead of handing out a megabyte of old events).
			const frames = await received;
			expect(frames[0]).toMatchObject({ id: first, event: 'snapshot' });
			expect(frames.slice(1).map((frame) => frame.id)).toEqual(
				Array.from({ length: total }, (_, index) => first + 1 + index)
			);
			expect(bus.listenerCount(meetingId)).toBe(1);
			await expect(stalled.read()).rejects.toThrow(/did not read/);
			await reading.cancel();
			expect(bus.listenerCount(meetingId)).toBe(0);

			// Reconnecting (EventSource sends Last-Event-ID): more missed bytes than the limit come
			// as one snapshot, not as a replay that would overflow again; a small gap is replayed.
			const [again] = await readFrames(open(first), 1);
			expect(again).toMatchObject({ id: first + total, event: 'snapshot' });
			const replay = await readFrames(open(first + total - 2), 2);
			expect(replay.map((frame) => [frame.id, frame.event])).toEqual([
				[first + total - 1, 'state'],
				[first + total, 'state']
			]);
			await bus.close();
		});

		it('still sends a single frame larger than the limit to a listener that reads', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const bus = new LiveBus(db, 10);
			const meeting = await importLiveMeeting(db, organizer.actor);
			const { code } = await startLiveSession(
				db,
				bus,
				organizer.actor,
				meeting.seriesSlug,
				meeting.number,
				{}
			);
			const access = await authorizeStream(db, viewerOf(organizer.actor), code);
			const reader = liveEventStream({
				db,
				bus,
				meetingId: access.meetingId,
				isModerator: true,
				lastEventId: undefined,
				snapshot: access.snapshot,
				maxUnreadBytes: 4096
			}).getReader();
			const received = readFramesUntil(reader, (frames) => frames.length >= 3);
			await vi.waitFor(() => expect(bus.listenerCount(access.meetingId)).toBe(1), { timeout: 10_000 });
			const seqs = [
				await bus.publish(access.meetingId, 'state', bigState(1)),
				await bus.publish(access.meetingId, 'state', bigState(2))
			];
			const frames = await received;
			expect(frames.map((frame) => frame.event)).toEqual(['snapshot', 'state', 'state']);
			expect(frames.slice(1).map((frame) => frame.id)).toEqual(seqs);
			expect(frames[2]!.data.length).toBeGreaterThan(BIG_EVENT_BYTES);
			await reader.cancel();
			await bus.close();
		});
	});
}
