import { describe, expect, it } from 'vitest';
import { dueMeetings, isRetentionDue, retentionEndDate } from './retention';

describe('retention cut-off', () => {
	it('adds calendar months to the meeting date', () => {
		expect(retentionEndDate('2024-11-20', 12)).toBe('2025-11-20');
		expect(retentionEndDate('2024-11-20', 3)).toBe('2025-02-20');
		expect(retentionEndDate('2024-01-15', 120)).toBe('2034-01-15');
	});

	it('falls back to the last day of a shorter month', () => {
		expect(retentionEndDate('2025-01-31', 1)).toBe('2025-02-28');
		expect(retentionEndDate('2024-01-31', 1)).toBe('2024-02-29');
		expect(retentionEndDate('2024-08-31', 1)).toBe('2024-09-30');
	});

	it('is due only after the end date has passed', () => {
		expect(isRetentionDue('2024-11-20', 12, new Date('2025-11-20T23:59:00Z'))).toBe(false);
		expect(isRetentionDue('2024-11-20', 12, new Date('2025-11-21T00:00:00Z'))).toBe(true);
		expect(isRetentionDue('2024-11-20', 1, new Date('2024-12-19T12:00:00Z'))).toBe(false);
	});

	it('picks the due meetings, each with its own period', () => {
		const now = new Date('2026-01-10T08:00:00Z');
		const meetings = [
			{ id: 'old-short', date: '2025-06-01', retentionMonths: 6 },
			{ id: 'old-long', date: '2025-06-01', retentionMonths: 12 },
			{ id: 'recent', date: '2025-12-15', retentionMonths: 1 }
		];
		expect(dueMeetings(meetings, now).map((meeting) => meeting.id)).toEqual(['old-short']);
	});
});
