import { describe, expect, it } from 'vitest';
import { StreamSlots } from './stream-slots';

describe('StreamSlots', () => {
	const limits = { perListener: 2, total: 3 };

	it('grants a listener up to its limit, and again after a release', () => {
		const slots = new StreamSlots();
		const first = slots.acquire('anna', limits);
		expect(first.ok).toBe(true);
		expect(slots.acquire('anna', limits).ok).toBe(true);
		expect(slots.acquire('anna', limits)).toEqual({ ok: false, reason: 'listener' });
		if (first.ok) first.release();
		expect(slots.count('anna')).toBe(1);
		expect(slots.acquire('anna', limits).ok).toBe(true);
	});

	it('stops at the total however many listeners there are', () => {
		const slots = new StreamSlots();
		expect(slots.acquire('a', limits).ok).toBe(true);
		expect(slots.acquire('b', limits).ok).toBe(true);
		const third = slots.acquire('c', limits);
		expect(third.ok).toBe(true);
		expect(slots.acquire('d', limits)).toEqual({ ok: false, reason: 'total' });
		expect(slots.count()).toBe(3);
		if (third.ok) {
			third.release();
			third.release(); // twice is once
		}
		expect(slots.count()).toBe(2);
		expect(slots.count('c')).toBe(0);
		expect(slots.acquire('d', limits).ok).toBe(true);
	});
});
