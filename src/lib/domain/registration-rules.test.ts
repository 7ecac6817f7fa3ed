import { describe, expect, it } from 'vitest';
import { chooseToMoveUp, hasFreePlace, isActive, statusOnConfirm } from './registration-rules';

describe('registration rules', () => {
	it('confirms while places are free, then puts people on the waiting list', () => {
		expect(hasFreePlace(0, null)).toBe(true);
		expect(hasFreePlace(1000, null)).toBe(true);
		expect(statusOnConfirm(0, 1)).toBe('confirmed');
		expect(statusOnConfirm(1, 1)).toBe('waiting');
		expect(statusOnConfirm(5, 3)).toBe('waiting');
	});

	it('treats every status but cancelled as active', () => {
		expect(isActive('pending')).toBe(true);
		expect(isActive('waiting')).toBe(true);
		expect(isActive('cancelled')).toBe(false);
	});

	it('moves up the longest-waiting, as many as places are free', () => {
		const waiting = [
			{ id: 'c', waitingSince: '2024-11-03T00:00:00.000Z', createdAt: '2024-11-01T00:00:00.000Z' },
			{ id: 'a', waitingSince: '2024-11-01T00:00:00.000Z', createdAt: '2024-11-01T00:00:00.000Z' },
			{ id: 'b', waitingSince: '2024-11-02T00:00:00.000Z', createdAt: '2024-11-01T00:00:00.000Z' }
		];
		expect(chooseToMoveUp(waiting, 1, 2).map((r) => r.id)).toEqual(['a']);
		expect(chooseToMoveUp(waiting, 0, 2).map((r) => r.id)).toEqual(['a', 'b']);
		expect(chooseToMoveUp(waiting, 2, 2)).toEqual([]);
		expect(chooseToMoveUp(waiting, 9, 2)).toEqual([]);
		expect(chooseToMoveUp(waiting, 5, null).map((r) => r.id)).toEqual(['a', 'b', 'c']);
	});
});
