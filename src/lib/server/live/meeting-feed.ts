import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import * as events from '../repositories/live-events';
import { EventSequencer } from './event-sequencer';
import { eventFromRow, type LiveEvent, type LiveListener } from './live-event';

/**
 * How long a gap left by this instance's own events may stay open before it is read from the
 * store: long enough for a publish that committed but has not resumed yet (they resume in any
 * order, usually within a few milliseconds), short enough that a listener hardly notices.
 */
export const GAP_WAIT_MS = 100;
/** Rows read for a gap at a time (a LISTEN connection that was down may leave a long one). */
const FILL_PAGE = 500;
/** A failed read (the database away) is tried again after this long. */
const RETRY_MS = 1000;

/**
 * One meeting's listeners on this instance and the ordered delivery to them: events (published
 * here, or noticed from other instances and read from live_events) pass through an
 * EventSequencer (live/event-sequencer.ts), so every listener gets every event once, in sequence
 * order. It exists only while the meeting has listeners here: the bus drops it with the last one.
 *
 * Where it starts: with its first listener it reads the meeting's event counter and delivers
 * every event after it. `ready` tells a stream from where on it is given every event: its
 * snapshot is numbered so, and a replay is read only after that (live/sse.ts), from a counter
 * at least as high, so nothing between falls through. An event that
 * came while the counter was read starts the feed at that event instead, if lower (it was stored
 * before the read but had not been handed here yet), so a listener that subscribed before a
 * publish surely gets it; a stream simply drops what its snapshot already covers.
 */
export class MeetingFeed {
	readonly listeners = new Set<LiveListener>();
	private sequencer: EventSequencer<LiveEvent> | undefined;
	/** Before the start is known: the events and the lowest and highest notices that came. */
	private beforeStart: LiveEvent[] = [];
	private noticedBeforeStart = { lowest: Infinity, highest: 0 };
	private starting: Promise<void> | undefined;
	/** A timer for a gap read: its gap's first number, so that a new gap gets its full wait. */
	private fillTimer: { handle: ReturnType<typeof setTimeout>; from: number } | undefined;
	private retryStart: ReturnType<typeof setTimeout> | undefined;
	private isFilling = false;
	private isClosed = false;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly meetingId: string,
		private readonly deliver: (event: LiveEvent, listeners: Set<LiveListener>) => void
	) {}

	/**
	 * Resolves once the feed has started, with the number after which it delivers every event to
	 * the listeners, in order: at most the counter as it is now (what is delivered next, less one).
	 */
	async ready(): Promise<number> {
		if (!this.sequencer && !this.isClosed) {
			this.starting ??= this.start();
			await this.starting;
		}
		if (!this.sequencer) return events.lastEventSeq(this.db, this.meetingId); // closed meanwhile
		return this.sequencer.next - 1;
	}

	/** An event stored here (the publish committed). */
	offer(event: LiveEvent): void {
		if (!this.sequencer) this.beforeStart.push(event);
		else this.pass(this.sequencer.offer(event));
	}

	/** Another instance stored event `seq`: it is read from the store, in its turn. */
	notice(seq: number): void {
		if (!this.sequencer) {
			this.noticedBeforeStart.lowest = Math.min(this.noticedBeforeStart.lowest, seq);
			this.noticedBeforeStart.highest = Math.max(this.noticedBeforeStart.highest, seq);
			return;
		}
		this.sequencer.notice(seq);
		this.scheduleFill();
	}

	/** The last listener left, or the bus closes: no more reads, no more deliveries. */
	close(): void {
		this.isClosed = true;
		if (this.fillTimer) clearTimeout(this.fillTimer.handle);
		this.fillTimer = undefined;
		clearTimeout(this.retryStart);
		this.beforeStart = [];
	}

	private async start(): Promise<void> {
		let last: number;
		try {
			last = await events.lastEventSeq(this.db, this.meetingId);
		} catch (error) {
			logger.warn({ err: error, meetingId: this.meetingId }, 'a live feed could not read where to start');
			// The waiting streams end (and reconnect); the feed tries again for the listeners that stay.
			this.starting = undefined;
			if (!this.isClosed)
				this.retryStart = setTimeout(() => void this.ready().catch(() => undefined), RETRY_MS);
			throw error;
		}
		if (this.isClosed) return;
		const first = Math.min(
			last + 1,
			this.noticedBeforeStart.lowest,
			...this.beforeStart.map((event) => event.seq)
		);
		const sequencer = new EventSequencer<LiveEvent>(first);
		this.sequencer = sequencer;
		if (this.noticedBeforeStart.highest > 0) sequencer.notice(this.noticedBeforeStart.highest);
		const early = this.beforeStart;
		this.beforeStart = [];
		for (const event of early) this.pass(sequencer.offer(event));
		this.scheduleFill();
	}

	/** Delivers what the sequencer let through, then looks after the gap that may be left. */
	private pass(due: LiveEvent[]): void {
		if (this.isClosed) return;
		for (const event of due) this.deliver(event, this.listeners);
		this.scheduleFill();
	}

	/**
	 * Reads the first gap from the store: at once when another instance's event is in it (it has
	 * to be read anyway), else after GAP_WAIT_MS, by when this instance's own publishes have
	 * usually filled it. One read at a time; the next gap is looked at when it is done.
	 */
	private scheduleFill(): void {
		if (this.isClosed || this.isFilling || !this.sequencer) return;
		const gap = this.sequencer.gap();
		if (this.fillTimer && this.fillTimer.from !== gap?.from) {
			clearTimeout(this.fillTimer.handle);
			this.fillTimer = undefined;
		}
		if (!gap || this.fillTimer) return;
		if (gap.isNoticed) void this.fill();
		else this.fillTimer = { handle: setTimeout(() => void this.fill(), GAP_WAIT_MS), from: gap.from };
	}

	private async fill(): Promise<void> {
		this.fillTimer = undefined;
		const gap = this.sequencer?.gap();
		if (this.isClosed || !this.sequencer || !gap) return;
		this.isFilling = true;
		try {
			const rows = await events.eventsBetween(this.db, this.meetingId, gap.from, gap.to, FILL_PAGE);
			this.isFilling = false;
			this.pass(this.sequencer.fill(gap, rows.map(eventFromRow), rows.length < FILL_PAGE));
		} catch (error) {
			this.isFilling = false;
			logger.warn({ err: error, meetingId: this.meetingId }, 'a gap of live events could not be read');
			if (!this.isClosed)
				this.fillTimer = { handle: setTimeout(() => void this.fill(), RETRY_MS), from: gap.from };
		}
	}
}
