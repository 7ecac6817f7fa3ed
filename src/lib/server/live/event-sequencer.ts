/**
 * Puts one meeting's live events back into sequence order (pure: no clock, no database).
 *
 * Events reach an instance out of order: concurrent publishes resume in any order after their
 * commits, and each notice of another instance's event is read separately. A stream passes only
 * events newer than the last it sent (live/sse.ts), so an event delivered after a later one
 * would be lost. The sequencer therefore hands out events strictly one after the other from its
 * cursor (the next number to deliver) and keeps those that come early until the numbers before
 * them are there.
 *
 * A missing number is a gap. Sequence numbers are handed out under the session row's lock
 * (repositories/live-events.ts `takeNextSeq`): an event's transaction commits only after every
 * lower number's did. So once any number above a gap is known to be stored, one read of the gap
 * from live_events finds every event of it there is; a number the read does not find is gone for
 * good (pruned by the cleanup job) and is passed over, never waited for.
 */
export interface SequenceGap {
	/** The first number missing: the cursor. */
	from: number;
	/** The last number of this gap (the next one is in hand, or is the highest known). */
	to: number;
	/** A notice (another instance's event) falls in or beyond the gap: it must be read anyway, so at once. */
	isNoticed: boolean;
}

export class EventSequencer<E extends { seq: number }> {
	private cursor: number;
	/** Events in hand that are not yet next, by number. */
	private readonly early = new Map<number, E>();
	/** The highest number known to be stored: of an event in hand or a notice. */
	private highestKnown: number;
	/** The highest number known only from a notice (another instance's event, read from the store). */
	private highestNoticed = 0;

	constructor(firstSeq: number) {
		this.cursor = firstSeq;
		this.highestKnown = firstSeq - 1;
	}

	/** The next number to deliver. */
	get next(): number {
		return this.cursor;
	}

	/** Events held back until the numbers before them come. */
	get waiting(): number {
		return this.early.size;
	}

	/** An event in hand (published here, or read from the store): the events now due, in order. */
	offer(event: E): E[] {
		if (event.seq < this.cursor || this.early.has(event.seq)) return []; // delivered, or already held
		this.early.set(event.seq, event);
		this.highestKnown = Math.max(this.highestKnown, event.seq);
		return this.drain();
	}

	/** A notice that another instance stored event `seq`: it and any gap below it will be read. */
	notice(seq: number): void {
		if (seq < this.cursor) return;
		this.highestKnown = Math.max(this.highestKnown, seq);
		this.highestNoticed = Math.max(this.highestNoticed, seq);
	}

	/** The first run of missing numbers below a known one, or undefined when nothing is missing. */
	gap(): SequenceGap | undefined {
		if (this.highestKnown < this.cursor) return undefined;
		// The cursor is never in hand (drain moves past it), so it is missing; the gap runs up to
		// the first number in hand above it, or to the highest known.
		let to = this.highestKnown;
		for (const seq of this.early.keys()) if (seq <= to) to = seq - 1;
		return { from: this.cursor, to, isNoticed: this.highestNoticed >= this.cursor };
	}

	/**
	 * What a read of `gap` from the store found (oldest first). `isComplete`: the read covered the
	 * whole gap; otherwise (cut short by a limit) only up to its last row. Numbers of the covered
	 * range that the read did not find are gone and are passed over. The events now due, in order.
	 */
	fill(gap: SequenceGap, found: E[], isComplete: boolean): E[] {
		for (const event of found)
			if (event.seq >= this.cursor && event.seq <= gap.to) this.early.set(event.seq, event);
		const coveredTo = isComplete ? gap.to : (found.at(-1)?.seq ?? gap.from - 1);
		const due: E[] = [];
		while (this.cursor <= coveredTo) {
			const event = this.early.get(this.cursor);
			if (event) {
				due.push(event);
				this.early.delete(this.cursor);
			}
			this.cursor += 1;
		}
		return [...due, ...this.drain()];
	}

	private drain(): E[] {
		const due: E[] = [];
		for (let event = this.early.get(this.cursor); event; event = this.early.get(this.cursor)) {
			due.push(event);
			this.early.delete(this.cursor);
			this.cursor += 1;
		}
		return due;
	}
}
