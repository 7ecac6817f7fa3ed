import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
	let now = start;
	return {
		now: () => now,
		advance(ms: number) {
			now += ms;
		}
	};
}

describe('RateLimiter', () => {
	it('allows attempts up to the limit, then blocks the key', () => {
		const clock = fakeClock();
		const limiter = new RateLimiter(3, 60_000, clock.now);
		expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([true, true, true]);
		expect(limiter.isBlocked('a')).toBe(true);
		expect(limiter.hit('a')).toBe(false);
	});

	it('counts each key on its own', () => {
		const limiter = new RateLimiter(2, 60_000, fakeClock().now);
		limiter.hit('a');
		limiter.hit('a');
		expect(limiter.isBlocked('a')).toBe(true);
		expect(limiter.isBlocked('b')).toBe(false);
		expect(limiter.hit('b')).toBe(true);
	});

	it('opens again when the window ends, and says how long to wait until then', () => {
		const clock = fakeClock();
		const limiter = new RateLimiter(1, 60_000, clock.now);
		limiter.hit('a');
		expect(limiter.isBlocked('a')).toBe(true);
		expect(limiter.retryAfterSeconds('a')).toBe(60);
		clock.advance(45_500);
		expect(limiter.retryAfterSeconds('a')).toBe(15);
		clock.advance(14_500);
		expect(limiter.isBlocked('a')).toBe(false);
		expect(limiter.hit('a')).toBe(true);
	});

	it('forgets a key on reset', () => {
		const limiter = new RateLimiter(1, 60_000, fakeClock().now);
		limiter.hit('a');
		limiter.reset('a');
		expect(limiter.isBlocked('a')).toBe(false);
		expect(limiter.retryAfterSeconds('a')).toBe(0);
	});

	it('sweeps ended windows once many keys are held, keeping the live ones', () => {
		const clock = fakeClock();
		const limiter = new RateLimiter(1, 1_000, clock.now);
		for (let index = 0; index < 10_000; index += 1) limiter.hit(`old-${index}`);
		limiter.hit('recent');
		clock.advance(1_000);
		// Ended windows count as open whether swept or not; the sweep must not drop a live window.
		limiter.hit('live');
		limiter.hit('new-key');
		expect(limiter.isBlocked('live')).toBe(true);
		expect(limiter.isBlocked('old-1')).toBe(false);
	});

	it('sweeps at most once a second while many windows are live, and drops the ended ones then', () => {
		const clock = fakeClock();
		const limiter = new RateLimiter(10, 10_000, clock.now);
		for (let index = 0; index < 10_000; index += 1) limiter.hit(`first-${index}`);
		clock.advance(5_000);
		for (let index = 0; index < 5_000; index += 1) limiter.hit(`second-${index}`);
		expect(limiter.heldKeys).toBe(15_000);
		clock.advance(5_000);
		// The first 10,000 windows have ended; the next new key's sweep drops them, the live ones stay.
		limiter.hit('third');
		expect(limiter.heldKeys).toBe(5_001);
		expect(limiter.hit('second-1')).toBe(true);
	});
});
