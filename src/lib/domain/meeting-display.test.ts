import { afterEach, describe, expect, it } from 'vitest';
import {
	formatAgendaSlot,
	formatMeetingDate,
	formatMeetingTitle,
	formatTimeRange,
	formatWeekday,
	isTimeZone,
	joinParagraphs,
	splitLines,
	splitParagraphs
} from './meeting-display';

const originalTz = process.env.TZ;
afterEach(() => {
	process.env.TZ = originalTz;
});

// The server's own zone must never move a meeting's calendar date.
for (const zone of ['UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
	describe(`meeting display under TZ=${zone}`, () => {
		it('formats the date per locale', () => {
			process.env.TZ = zone;
			expect(formatMeetingDate('2024-11-20', 'de')).toBe('20. November 2024');
			expect(formatMeetingDate('2024-11-20', 'en')).toBe('20 November 2024');
			expect(formatMeetingDate('2025-01-01', 'de')).toBe('1. Januar 2025');
			expect(formatMeetingDate('2025-03-30', 'de')).toBe('30. März 2025');
			expect(formatWeekday('2024-11-20', 'de')).toBe('Mittwoch');
			expect(formatWeekday('2024-11-20', 'en')).toBe('Wednesday');
		});
	});
}

describe('meeting display', () => {
	it('formats times and slots as the founding document does', () => {
		expect(formatTimeRange('14:00', '16:00', 'de')).toBe('14:00–16:00 Uhr');
		expect(formatTimeRange('14:00', '16:00', 'en')).toBe('14:00–16:00');
		expect(formatAgendaSlot('14:00', '14:05')).toBe('14:00-14:05');
		expect(formatMeetingTitle(2, 'Austauschtreffen')).toBe('2. Austauschtreffen');
	});

	it('leaves a malformed date as it is', () => {
		expect(formatMeetingDate('20.11.2024', 'de')).toBe('20.11.2024');
	});

	it('knows IANA time zones and refuses anything else', () => {
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Europe/Atlantis')).toBe(false);
		expect(isTimeZone('+01:00')).toBe(false);
		expect(isTimeZone('')).toBe(false);
	});

	it('splits paragraphs at blank lines and lines at line breaks', () => {
		expect(splitParagraphs('Erster Absatz\nzweite Zeile\n\n  \r\n\r\nZweiter Absatz  \n')).toEqual([
			'Erster Absatz\nzweite Zeile',
			'Zweiter Absatz'
		]);
		expect(splitParagraphs('   ')).toEqual([]);
		expect(splitLines('Wer?\r\n\n  Wie?  \n')).toEqual(['Wer?', 'Wie?']);
		expect(splitParagraphs(joinParagraphs(['A', 'B']))).toEqual(['A', 'B']);
	});
});
