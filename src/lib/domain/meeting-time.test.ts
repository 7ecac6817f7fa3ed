import { describe, expect, it } from 'vitest';
import { isReminderDue, meetingEnd, meetingStart, zonedInstant } from './meeting-time';

// The results must not depend on the server's zone: the suite runs under TZ=UTC and
// TZ=Europe/Berlin (see the report); nothing here reads the process zone.
describe(`meeting time (process TZ ${process.env.TZ ?? 'unset'})`, () => {
	it('turns Berlin winter time into UTC+1', () => {
		expect(zonedInstant('2024-11-20', '14:00', 'Europe/Berlin').toISOString()).toBe(
			'2024-11-20T13:00:00.000Z'
		);
	});

	it('turns Berlin summer time into UTC+2', () => {
		expect(zonedInstant('2025-07-01', '09:30', 'Europe/Berlin').toISOString()).toBe(
			'2025-07-01T07:30:00.000Z'
		);
	});

	it('handles the DST change days', () => {
		// 30 March 2025: 02:00 becomes 03:00. Before: +1, after: +2.
		expect(zonedInstant('2025-03-30', '01:30', 'Europe/Berlin').toISOString()).toBe(
			'2025-03-30T00:30:00.000Z'
		);
		expect(zonedInstant('2025-03-30', '14:00', 'Europe/Berlin').toISOString()).toBe(
			'2025-03-30T12:00:00.000Z'
		);
		// The skipped 02:30 resolves to the instant of 03:30 summer time.
		expect(zonedInstant('2025-03-30', '02:30', 'Europe/Berlin').toISOString()).toBe(
			'2025-03-30T01:30:00.000Z'
		);
		// 26 October 2025: 03:00 goes back to 02:00; the afternoon is +1 again.
		expect(zonedInstant('2025-10-26', '14:00', 'Europe/Berlin').toISOString()).toBe(
			'2025-10-26T13:00:00.000Z'
		);
		expect(zonedInstant('2025-10-26', '00:30', 'Europe/Berlin').toISOString()).toBe(
			'2025-10-25T22:30:00.000Z'
		);
	});

	it('works for other zones and UTC', () => {
		expect(zonedInstant('2024-11-20', '14:00', 'UTC').toISOString()).toBe('2024-11-20T14:00:00.000Z');
		expect(zonedInstant('2024-01-15', '09:00', 'America/New_York').toISOString()).toBe(
			'2024-01-15T14:00:00.000Z'
		);
	});

	it('gives a meeting its start and end', () => {
		const meeting = { date: '2024-11-20', start: '14:00', end: '16:00', timeZone: 'Europe/Berlin' };
		expect(meetingStart(meeting).toISOString()).toBe('2024-11-20T13:00:00.000Z');
		expect(meetingEnd(meeting).toISOString()).toBe('2024-11-20T15:00:00.000Z');
	});

	it('refuses text that is no date or time', () => {
		expect(() => zonedInstant('20.11.2024', '14:00', 'Europe/Berlin')).toThrow(RangeError);
	});

	it('says when a reminder is due: within its lead time, never after the start', () => {
		const start = new Date('2024-11-20T13:00:00.000Z');
		expect(isReminderDue('day', start, new Date('2024-11-19T12:59:00.000Z'))).toBe(false);
		expect(isReminderDue('day', start, new Date('2024-11-19T13:00:00.000Z'))).toBe(true);
		expect(isReminderDue('hour', start, new Date('2024-11-19T13:00:00.000Z'))).toBe(false);
		expect(isReminderDue('hour', start, new Date('2024-11-20T12:00:00.000Z'))).toBe(true);
		expect(isReminderDue('hour', start, new Date('2024-11-20T13:00:00.000Z'))).toBe(false);
		expect(isReminderDue('day', start, new Date('2024-11-20T13:30:00.000Z'))).toBe(false);
	});
});
