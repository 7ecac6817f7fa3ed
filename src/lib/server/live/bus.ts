import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { scopeOf } from '../../domain/live/visibility';
import * as events from '../repositories/live-events';
import { type LiveEvent, type LiveEventType, type LiveListener } from './live-event';
import { MeetingFeed } from './meeting-feed';
import { pollTally } from './tallies';

export { eventFromRow, type LiveEvent, type LiveEventType, type LiveListener } from './live-event';

/**
 * How long tallies are coalesced for a meeting with this many listeners here. Every tally is one
 * write per listener, and with thousands of listeners those writes cost more than taking the
 * votes: from 2,500 listeners on, the interval grows with the audience, up to twice the base
 * (5,000 listeners: 500 ms, two tallies a second). The final tally still reaches everyone well
 * within a second.
 */
export function tallyInterval(baseMs: number, listeners: number): number {
	return Math.max(baseMs, Math.min(2 * baseMs, listeners / 10));
}

/** Carries events to the other instances (PostgreSQL NOTIFY); absent on SQLite. */
export interface LiveNotifier {
	notify(meetingId: string, seq: number, origin: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * The in-process event bus: one feed of listeners per meeting (live/meeting-feed.ts). Every event
 * is first stored in live_events with the meeting's next sequence number (so a reconnecting
 * client can replay what it missed), then handed to this process's feed and, through the
 * notifier, to the other instances, whose feeds read the stored row. A feed delivers strictly in
 * sequence order, whatever order publishes and notices come in (live/event-sequencer.ts).
 *
 * It is also the tally publisher: a committed vote schedules its poll's tally, and at most one
 * flush per poll runs per interval (250 ms: four a second; longer for large audiences, see
 * `tallyInterval`); the flush reads the tally as it then is in the database (live/tallies.ts)
 * and publishes it.
 */
export class LiveBus {
	readonly instanceId = randomUUID();
	private readonly feeds = new Map<string, MeetingFeed>();
	private readonly pendingTallies = new Map<string, ReturnType<typeof setTimeout>>();
	private notifier: LiveNotifier | undefined;
	private isClosed = false;
	/** Tallies built so far (coalescing is visible in tests and the benchmark). */
	tallyBuilds = 0;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly tallyIntervalMs = 250
	) {}

	useNotifier(notifier: LiveNotifier): void {
		this.notifier = notifier;
	}

	/**
	 * Adds a listener of a meeting; the function returned removes it. The first listener of a
	 * meeting starts its feed; `ready` tells when it delivers. The last one to leave drops it.
	 */
	subscribe(meetingId: string, listener: LiveListener): () => void {
		let feed = this.feeds.get(meetingId);
		if (!feed && !this.isClosed) {
			feed = new MeetingFeed(this.db, meetingId, deliver);
			this.feeds.set(meetingId, feed);
			feed.ready().catch(() => undefined); // logged by the feed; streams see it in `ready`
		}
		if (!feed) return () => {};
		feed.listeners.add(listener);
		return () => {
			feed.listeners.delete(listener);
			if (feed.listeners.size > 0 || this.feeds.get(meetingId) !== feed) return;
			feed.close();
			this.feeds.delete(meetingId);
		};
	}

	/**
	 * For a listener just subscribed: resolves with the sequence number after which it gets every
	 * event of the meeting, in order (at most the meeting's counter as it is now). A stream numbers
	 * its snapshot so, and reads a replay only then, so that no event falls between the two.
	 */
	ready(meetingId: string): Promise<number> {
		return this.feeds.get(meetingId)?.ready() ?? events.lastEventSeq(this.db, meetingId);
	}

	listenerCount(meetingId: string): number {
		return this.feeds.get(meetingId)?.listeners.size ?? 0;
	}

	/** Stores the event and delivers it here and to the other instances; its sequence id, or undefined without a session. */
	publish(meetingId: string, type: LiveEventType, payload: unknown): Promise<number | undefined> {
		return this.publishBuilt(meetingId, type, async () => payload);
	}

	/**
	 * Publishes an event whose payload is read from the database (a session's state, a card as
	 * stored, a tally). `build` runs inside the event's transaction, after the meeting's number is
	 * taken, whose row lock keeps the next publisher waiting until this one commits: so a later
	 * event never carries an older picture than an earlier one, also when two moderators act at
	 * once or instances race. `build` must read through the transaction it is given; when it
	 * gives nothing (undefined or null), nothing is stored and the number is not used up.
	 */
	async publishBuilt(
		meetingId: string,
		type: LiveEventType,
		build: (trx: Kysely<Database>) => Promise<unknown>
	): Promise<number | undefined> {
		const stored = await this.db
			.transaction()
			.execute(async (trx) => {
				const seq = await events.takeNextSeq(trx, meetingId);
				if (seq === undefined) return undefined;
				const payload = await build(trx);
				// Rolls back the taken number: a gap would hold up the meeting's feeds.
				if (payload === undefined || payload === null) throw nothingToPublish;
				const json = JSON.stringify(payload);
				await events.insertEvent(trx, { meetingId, seq, type, payload: json, now: new Date().toISOString() });
				return { seq, json, payload };
			})
			.catch((error: unknown) => {
				if (error === nothingToPublish) return undefined;
				throw error;
			});
		if (stored === undefined) return undefined;
		const { seq, json, payload } = stored;
		this.feeds.get(meetingId)?.offer({ meetingId, seq, type, json, scope: scopeOf(type, payload) });
		if (this.notifier) await this.notifier.notify(meetingId, seq, this.instanceId);
		return seq;
	}

	/**
	 * Called by the notifier when another instance stored an event: the meeting's feed here (if it
	 * has listeners) reads it in its turn. Synchronous, so notices are taken in the order they came.
	 */
	receiveRemote(meetingId: string, seq: number, origin: string): void {
		if (origin === this.instanceId) return;
		this.feeds.get(meetingId)?.notice(seq);
	}

	/**
	 * Schedules a tally of a poll (after a vote committed, or an answer was hidden): it is built at
	 * most once per interval and reads the tally as it is then, so every vote committed before the
	 * flush is in it. A poll that is gone publishes nothing.
	 */
	scheduleTally(meetingId: string, pollId: string): void {
		const key = `${meetingId}:${pollId}`;
		if (this.isClosed || this.pendingTallies.has(key)) return;
		const timer = setTimeout(
			() => {
				// Cleared before the build starts: a vote committed during the build schedules the next flush.
				this.pendingTallies.delete(key);
				this.tallyBuilds += 1;
				this.publishBuilt(meetingId, 'tally', (trx) => pollTally(trx, meetingId, pollId)).catch(
					(error: unknown) => logger.error({ err: error, meetingId, pollId }, 'live tally failed')
				);
			},
			tallyInterval(this.tallyIntervalMs, this.listenerCount(meetingId))
		);
		this.pendingTallies.set(key, timer);
	}

	async close(): Promise<void> {
		this.isClosed = true;
		for (const timer of this.pendingTallies.values()) clearTimeout(timer);
		this.pendingTallies.clear();
		for (const feed of this.feeds.values()) feed.close();
		this.feeds.clear();
		await this.notifier?.close();
	}
}

/** Thrown inside a publish's transaction to roll it back when its payload came out empty. */
const nothingToPublish = new Error('nothing to publish');

/** Hands an event to each listener; one that throws does not keep it from the others. */
function deliver(event: LiveEvent, listeners: Set<LiveListener>): void {
	for (const listener of listeners) {
		try {
			listener(event);
		} catch (error) {
			logger.warn({ err: error, meetingId: event.meetingId }, 'a live listener failed');
		}
	}
}
