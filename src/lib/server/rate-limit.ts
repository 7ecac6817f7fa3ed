/**
 * A fixed-window counter in memory, per process. Enough for one instance; with several
 * instances each counts on its own, so the effective limit is the limit times the instances.
 */
export class RateLimiter {
	private readonly windows = new Map<string, { count: number; resetsAt: number }>();
	/** No sweep before this time: a sweep walks every key, so it runs at most once a second. */
	private nextSweepAt = 0;

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Counts one attempt for the key; false when the key is over its limit. */
	hit(key: string): boolean {
		const now = this.now();
		const current = this.windows.get(key);
		if (!current || current.resetsAt <= now) {
			this.windows.set(key, { count: 1, resetsAt: now + this.windowMs });
			this.sweep(now);
			return true;
		}
		current.count += 1;
		return current.count <= this.limit;
	}

	isBlocked(key: string): boolean {
		const current = this.windows.get(key);
		return current !== undefined && current.resetsAt > this.now() && current.count >= this.limit;
	}

	reset(key: string): void {
		this.windows.delete(key);
	}

	/** Seconds until the key's window ends. */
	retryAfterSeconds(key: string): number {
		const current = this.windows.get(key);
		return current ? Math.max(1, Math.ceil((current.resetsAt - this.now()) / 1000)) : 0;
	}

	/** How many keys are held (ended windows not yet swept included). */
	get heldKeys(): number {
		return this.windows.size;
	}

	/**
	 * Drops ended windows once many keys are held. At most once a second (or once a window, when
	 * shorter): with thousands of live windows (a live vote's participants) a sweep on every new key
	 * would walk them all each time.
	 */
	private sweep(now: number): void {
		if (this.windows.size < 10_000 || now < this.nextSweepAt) return;
		this.nextSweepAt = now + Math.min(this.windowMs, 1000);
		for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
	}
}
