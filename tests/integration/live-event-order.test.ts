import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Database } from '../../src/lib/server/db/schema';
import { LiveBus, type LiveEvent } from '../../src/lib/server/live/bus';
import { connectPostgresNotifier } from '../../src/lib/server/live/postgres-notify';
import { liveEventStream } from '../../src/lib/server/live/sse';
import { eventsAfter, lastEventSeq } from '../../src/lib/server/repositories/live-events';
import { authorizeStream } from '../../src/lib/server/services/live-streams';
import { testDatabases } from '../helpers/databases';
import { createServerDatabase, postgresServerFor } from './app-databases';
import { runningLiveMeeting, viewerOf } from './live-fixtures';
import { readFramesUntil, type Frame } from './live-stream-frames';

/**
 * Every listener of a meeting gets every event exactly once and in sequence order, however the
 * publishing transactions and the other instances' notifications interleave. A stream passes
 * only events newer than the last one it sent (live/sse.ts), so one event delivered after a
 * later one would be lost to every listener of the instance.
 */

const WAIT = { timeout: 15_000, interval: 20 };

/** A state event the moderator's stream passes on. */
const stateNumber = (n: number) => ({ resultsVisiblePollId: null, message: `Nachricht ${n}` });

/** first+1 … first+count. */
const range = (first: number, count: number) =>
	Array.from({ length: count }, (_, index) => first + 1 + index);

/** A meeting with a running live session; its id, and a moderator's event stream to open. */
async function liveMeeting(db: Kysely<Database>) {
	const running = await runningLiveMeeting(db);
	const access = await authorizeStream(db, viewerOf(running.organizer.actor), running.code);
	const openStream = (bus: LiveBus) =>
		liveEventStream({
			db,
			bus,
			meetingId: access.meetingId,
			isModerator: true,
			lastEventId: undefined,
			snapshot: access.snapshot
		}).getReader();
	return { ...running, meetingId: access.meetingId, openStream };
}

/** A listener that records the sequence numbers it is given. */
function recorder(bus: LiveBus, meetingId: string) {
	const seqs: number[] = [];
	const stop = bus.subscribe(meetingId, (event: LiveEvent) => seqs.push(event.seq));
	return { seqs, stop };
}

/**
 * Waits until the bus has `count` listeners of the meeting and its feed delivers (LiveBus.ready):
 * a bare listener gets every event after the number `ready` resolves with, so one published before
 * the feed started (its start reads the counter, on PostgreSQL maybe through a connection still
 * being opened) may rightly pass it by. The streams wait for `ready` themselves.
 */
async function following(bus: LiveBus, meetingId: string, count: number): Promise<void> {
	await vi.waitFor(() => expect(bus.listenerCount(meetingId)).toBe(count), WAIT);
	await bus.ready(meetingId);
}

/** Reads a stream's frames until the one with `lastId` (its snapshot first). */
function framesUpTo(reader: ReadableStreamDefaultReader<Uint8Array>, lastId: number): Promise<Frame[]> {
	return readFramesUntil(reader, (frames) => frames.some((frame) => frame.id >= lastId));
}

/** The sequence numbers of a stream's events after its snapshot. */
const eventIds = (frames: Frame[]) =>
	frames.filter((frame) => frame.event !== 'snapshot').map((frame) => frame.id);

function shuffled<T>(items: T[]): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index -= 1) {
		const other = Math.floor(Math.random() * (index + 1));
		[copy[index], copy[other]] = [copy[other]!, copy[index]!];
	}
	return copy;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const database of testDatabases()) {
	describe(`${database.name}: live events reach every listener in sequence order`, () => {
		afterAll(() => database.close());

		it('gives every listener every one of many concurrent publishes once, in order', async () => {
			const db = await database.open();
			const { bus, meetingId, openStream } = await liveMeeting(db);
			const listeners = [recorder(bus, meetingId), recorder(bus, meetingId), recorder(bus, meetingId)];
			const reader = openStream(bus);
			await following(bus, meetingId, 4);
			const first = await lastEventSeq(db, meetingId);
			const count = 120;

			const seqs = await Promise.all(
				Array.from({ length: count }, (_, n) => bus.publish(meetingId, 'state', stateNumber(n)))
			);
			expect([...seqs].sort((a, b) => a! - b!)).toEqual(range(first, count));
			const frames = await framesUpTo(reader, first + count);
			await vi.waitFor(() => {
				for (const listener of listeners) expect(listener.seqs.length).toBeGreaterThanOrEqual(count);
			}, WAIT);

			for (const listener of listeners) expect(listener.seqs).toEqual(range(first, count));
			expect(frames[0]!.event).toBe('snapshot');
			expect(eventIds(frames)).toEqual(range(frames[0]!.id, first + count - frames[0]!.id));
			await reader.cancel();
			await bus.close();
		});

		/**
		 * A meeting followed on one bus by a recording listener and a moderator's stream; a second bus
		 * on the same database stands for another instance without a notifier: its events are only
		 * stored, and the tests hand their notices to the first bus themselves.
		 */
		async function followedByOneListenerAndAStream(db: Kysely<Database>) {
			const { bus, meetingId, openStream } = await liveMeeting(db);
			const listener = recorder(bus, meetingId);
			const reader = openStream(bus);
			await following(bus, meetingId, 2);
			const other = new LiveBus(db, 10);
			const first = await lastEventSeq(db, meetingId);
			/** Both got first+1 … first+count, in order, once. */
			const expectAllInOrder = async (count: number) => {
				const frames = await framesUpTo(reader, first + count);
				await vi.waitFor(() => expect(listener.seqs.length).toBeGreaterThanOrEqual(count), WAIT);
				expect(listener.seqs).toEqual(range(first, count));
				expect(eventIds(frames)).toEqual(range(frames[0]!.id, first + count - frames[0]!.id));
				await reader.cancel();
				await Promise.all([bus.close(), other.close()]);
			};
			return { bus, other, meetingId, first, expectAllInOrder };
		}

		it('delivers another instance’s events in order however their notices arrive, and reads those whose notice never came', async () => {
			const { bus, other, meetingId, first, expectAllInOrder } = await followedByOneListenerAndAStream(
				await database.open()
			);
			const count = 30;
			for (let n = 0; n < count; n += 1) await other.publish(meetingId, 'state', stateNumber(n));
			// Shuffled, and every third one (but the last) never comes.
			const noticed = shuffled(range(first, count).filter((seq) => seq % 3 !== 0 || seq === first + count));
			for (const seq of noticed) bus.receiveRemote(meetingId, seq, other.instanceId);
			await expectAllInOrder(count);
		});

		it('orders this instance’s events and another’s of the same meeting together', async () => {
			const { bus, other, meetingId, expectAllInOrder } = await followedByOneListenerAndAStream(
				await database.open()
			);
			const count = 40;
			await Promise.all(
				Array.from({ length: count }, async (_, n) => {
					if (n % 2 === 0) return bus.publish(meetingId, 'state', stateNumber(n));
					const seq = await other.publish(meetingId, 'state', stateNumber(n));
					// The notice comes late, as from a busy LISTEN connection.
					await pause(Math.random() * 30);
					bus.receiveRemote(meetingId, seq!, other.instanceId);
				})
			);
			await expectAllInOrder(count);
		});

		// A later event never carries an older picture than an earlier one (LiveBus.publishBuilt).

		/** The payloads of the meeting's stored events after `first`, oldest first. */
		const storedAfter = async (db: Kysely<Database>, meetingId: string, first: number) =>
			(await eventsAfter(db, meetingId, first, 100)).map((event) => JSON.parse(event.payload) as unknown);
		const titleOf = async (db: Kysely<Database>, meetingId: string) =>
			(
				await db
					.selectFrom('meetings')
					.select('topic_title')
					.where('id', '=', meetingId)
					.executeTakeFirstOrThrow()
			).topic_title;

		it('reads the payload after taking the number: a change between a slow read and its event comes last', async () => {
			const db = await database.open();
			const { bus, meetingId } = await liveMeeting(db);
			const first = await lastEventSeq(db, meetingId);
			const before = await titleOf(db, meetingId);
			let slowHasRead!: () => void;
			const slowRead = new Promise<void>((resolve) => (slowHasRead = resolve));
			// A publisher that reads, then takes its time (a big state on a busy server)…
			const slow = bus.publishBuilt(meetingId, 'state', async (trx) => {
				const title = await titleOf(trx, meetingId);
				slowHasRead();
				await pause(150);
				return { resultsVisiblePollId: null, message: title };
			});
			// …while a change lands and is published right after its read.
			await slowRead;
			await db
				.updateTable('meetings')
				.set({ topic_title: 'Neuer Titel' })
				.where('id', '=', meetingId)
				.execute();
			const quick = bus.publishBuilt(meetingId, 'state', async (trx) => ({
				resultsVisiblePollId: null,
				message: await titleOf(trx, meetingId)
			}));
			await Promise.all([slow, quick]);

			const payloads = await storedAfter(db, meetingId, first);
			expect(payloads).toHaveLength(2);
			expect(payloads.at(-1)).toMatchObject({ message: 'Neuer Titel' });
			expect(payloads[0]).toMatchObject({ message: expect.stringMatching(/.+/) });
			expect([before, 'Neuer Titel']).toContain((payloads[0] as { message: string }).message);
			await bus.close();
		});

		it('stores nothing and uses up no number when the payload comes out empty', async () => {
			const db = await database.open();
			const { bus, meetingId } = await liveMeeting(db);
			const listener = recorder(bus, meetingId);
			await following(bus, meetingId, 1);
			const first = await lastEventSeq(db, meetingId);
			expect(await bus.publishBuilt(meetingId, 'tally', async () => null)).toBeUndefined();
			expect(await bus.publishBuilt(meetingId, 'state', async () => undefined)).toBeUndefined();
			expect(await lastEventSeq(db, meetingId)).toBe(first);
			// The next event follows without a gap, so the feed delivers it.
			expect(await bus.publish(meetingId, 'state', stateNumber(1))).toBe(first + 1);
			await vi.waitFor(() => expect(listener.seqs).toEqual([first + 1]), WAIT);
			listener.stop();
			await bus.close();
		});

		it('ends two moderators’ actions at once with a state that shows both', async () => {
			const db = await database.open();
			const { bus, meetingId, moderate, ids } = await liveMeeting(db);
			for (let attempt = 0; attempt < 5; attempt += 1) {
				await moderate({ action: 'openPoll', pollId: ids.pollId });
				await moderate({ action: 'hideResults' });
				const first = await lastEventSeq(db, meetingId);
				await Promise.all([
					moderate({ action: 'closePoll', pollId: ids.pollId }),
					moderate({ action: 'showResults', pollId: ids.pollId })
				]);
				const last = (await storedAfter(db, meetingId, first)).at(-1) as {
					openPolls: unknown[];
					resultsVisiblePollId: string | null;
				};
				expect(last.openPolls).toEqual([]);
				expect(last.resultsVisiblePollId).toBe(ids.pollId);
			}
			await bus.close();
		});
	});
}

const serverUrl = postgresServerFor('the two-instance event order test (two buses with notifiers)');

/**
 * Waits until the test's pools have really hung up: a closed pg pool resolves before its
 * connections are gone, and dropping the database would end them with an unhandled error.
 */
async function connectionsClosed(databaseUrl: string): Promise<void> {
	const admin = new pg.Client({ connectionString: serverUrl });
	await admin.connect();
	try {
		const name = new URL(databaseUrl).pathname.slice(1);
		await vi.waitFor(async () => {
			const { rows } = await admin.query<{ count: string }>(
				'select count(*) from pg_stat_activity where datname = $1',
				[name]
			);
			expect(Number(rows[0]!.count)).toBe(0);
		}, WAIT);
	} finally {
		await admin.end();
	}
}

describe.skipIf(!serverUrl)('PostgreSQL: two instances publishing at once, each with its notifier', () => {
	it('gives every listener on both instances every event once, in order', async () => {
		const created = await createServerDatabase(serverUrl, 'nws_live_order');
		const handles: DatabaseHandle[] = [];
		const buses: LiveBus[] = [];
		try {
			handles.push(await openDatabase(created.url), await openDatabase(created.url));
			await migrateToLatest(handles[0]!.db);
			const { bus: setupBus, meetingId, openStream } = await liveMeeting(handles[0]!.db);
			await setupBus.close();
			for (const handle of handles) {
				const bus = new LiveBus(handle.db, 10);
				bus.useNotifier(await connectPostgresNotifier(created.url, bus));
				buses.push(bus);
			}
			const listeners = buses.flatMap((bus) => [recorder(bus, meetingId), recorder(bus, meetingId)]);
			const readers = buses.map((bus) => openStream(bus));
			for (const bus of buses) await following(bus, meetingId, 3);
			const first = await lastEventSeq(handles[0]!.db, meetingId);
			const perInstance = 60;
			const total = 2 * perInstance;

			await Promise.all(
				buses.flatMap((bus, instance) =>
					Array.from({ length: perInstance }, (_, n) =>
						bus.publish(meetingId, 'state', stateNumber(instance * perInstance + n))
					)
				)
			);
			const frames = await Promise.all(readers.map((reader) => framesUpTo(reader, first + total)));
			await vi.waitFor(() => {
				for (const listener of listeners) expect(listener.seqs.length).toBeGreaterThanOrEqual(total);
			}, WAIT);

			for (const listener of listeners) expect(listener.seqs).toEqual(range(first, total));
			for (const stream of frames)
				expect(eventIds(stream)).toEqual(range(stream[0]!.id, first + total - stream[0]!.id));
			for (const reader of readers) await reader.cancel();
		} finally {
			for (const bus of buses) await bus.close();
			for (const handle of handles) await handle.close();
			await connectionsClosed(created.url);
			await created.drop();
		}
	});
});
