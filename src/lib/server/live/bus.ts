import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { scopeOf, type EventScope } from '../../domain/live/visibility';
import * as events from '../repositories/live-events';
import { pollTally } from './tallies';

/** What travels on a meeting's stream: `state` (what is current), coalesced `tally` events and `card` changes of breakout boards. */
export type LiveEventType = 'state' | 'tally' | 'card';

export interface LiveEvent {
	meetingId: string;
	seq: number;
	type: LiveEventType;
	/** The event's JSON payload, serialized once for every listener. */
	json: string;
	/** Who may see it (domain/live/visibility.ts), read from the payload once, when the event is made. */
	scope: EventScope;
}

/** An event as stored in live_events (another instance's, or one replayed): its payload is parsed once here. */
export function eventFromRow(row: events.LiveEventRecord): LiveEvent {
	const type = row.type as LiveEventType;
	return {
		meetingId: row.meetingId,
		seq: row.seq,
		type,
		json: row.payload,
		scope: scopeOf(type, JSON.parse(row.payload))
	};
}

export type LiveListener = (event: LiveEvent) => void;

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
 * The in-process event bus: one set of listeners per meeting. Every event is first stored in
 * live_events with the meeting's next sequence number (so a reconnecting client can replay what
 * it missed), then delivered to this process's listeners and, through the notifier, to the other
 * instances, which read the stored row and deliver it to theirs.
 *
 * It is also the tally publisher: a committed vote schedules its poll's tally, and at most one
 * flush per poll runs per interval (250 ms: four a second; longer for large audiences, see
 * `tallyInterval`); the flush reads the tally as it then is in the database (live/tallies.ts)
 * and publishes it.
 */
export class LiveBus {
	readonly instanceId = randomUUID();
	private readonly listeners = new Map<string, Set<LiveListener>>();
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

	subscribe(meetingId: string, listener: LiveListener): () => void {
		let set = this.listeners.get(meetingId);
		if (!set) {
			set = new Set();
			this.listeners.set(meetingId, set);
		}
		set.add(listener);
		return () => {
			set.delete(listener);
			if (set.size === 0) this.listeners.delete(meetingId);
		};
	}

	listenerCount(meetingId: string): number {
		return this.listeners.get(meetingId)?.size ?? 0;
	}

	/** Stores the event and delivers it here and to the other instances; its sequence id, or undefined without a session. */
	async publish(meetingId: string, type: LiveEventType, payload: unknown): Promise<number | undefined> {
		const json = JSON.stringify(payload);
		const seq = await this.db
			.transaction()
			.execute((trx) =>
				events.appendEvent(trx, { meetingId, type, payload: json, now: new Date().toISOString() })
			);
		if (seq === undefined) return undefined;
		this.deliver({ meetingId, seq, type, json, scope: scopeOf(type, payload) });
		if (this.notifier) await this.notifier.notify(meetingId, seq, this.instanceId);
		return seq;
	}

	/** Called by the notifier when another instance stored an event. */
	async receiveRemote(meetingId: string, seq: number, origin: string): Promise<void> {
		if (origin === this.instanceId || !this.listeners.has(meetingId)) return;
		const row = await events.findEvent(this.db, meetingId, seq);
		if (row) this.deliver(eventFromRow(row));
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
				pollTally(this.db, meetingId, pollId)
					.then((tally) => (tally ? this.publish(meetingId, 'tally', tally) : undefined))
					.catch((error: unknown) => logger.error({ err: error, meetingId, pollId }, 'live tally failed'));
			},
			tallyInterval(this.tallyIntervalMs, this.listenerCount(meetingId))
		);
		this.pendingTallies.set(key, timer);
	}

	async close(): Promise<void> {
		this.isClosed = true;
		for (const timer of this.pendingTallies.values()) clearTimeout(timer);
		this.pendingTallies.clear();
		this.listeners.clear();
		await this.notifier?.close();
	}

	private deliver(event: LiveEvent): void {
		for (const listener of this.listeners.get(event.meetingId) ?? []) {
			try {
				listener(event);
			} catch (error) {
				logger.warn({ err: error, meetingId: event.meetingId }, 'a live listener failed');
			}
		}
	}
}
