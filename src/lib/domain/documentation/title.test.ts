import { describe, expect, it } from 'vitest';
import { composeTitle, formatLongDate, formatTitleTime, joinNames, ordinal } from './title';

const founding = {
	number: 2,
	meetingNoun: 'Austauschtreffen',
	meetingNounGenitive: 'Austauschtreffens',
	audience:
		'für Hauptamtliche in kommunalen Kulturbüros mit dem Arbeitsschwerpunkt bürgerschaftliches Engagement',
	date: '2024-11-20',
	start: '14:00',
	end: '16:00',
	venue: { mode: 'online' as const, platform: 'Zoom' }
};

describe('documentation title', () => {
	it('composes the founding document title', () => {
		expect(composeTitle(founding, 'de')).toBe(
			'Dokumentation des zweiten Austauschtreffens für Hauptamtliche in kommunalen Kulturbüros mit dem Arbeitsschwerpunkt bürgerschaftliches Engagement am 20. November 2024 von 14 bis 16 Uhr per Zoom'
		);
	});

	it('speaks English for an English series', () => {
		expect(
			composeTitle({ ...founding, meetingNoun: 'exchange meeting', audience: 'for culture offices' }, 'en')
		).toBe(
			'Documentation of the second exchange meeting for culture offices on 20 November 2024 from 14:00 to 16:00 via Zoom'
		);
	});

	it('words in-person and hybrid meetings', () => {
		expect(
			composeTitle(
				{
					...founding,
					start: '09:30',
					venue: { mode: 'in-person', address: 'Münster, Fürstenbergstraße 15' }
				},
				'de'
			)
		).toContain('von 9:30 bis 16 Uhr in Münster, Fürstenbergstraße 15');
		expect(
			composeTitle(
				{ ...founding, venue: { mode: 'hybrid', address: 'Münster', platform: 'BigBlueButton' } },
				'de'
			)
		).toMatch(/in Münster und per BigBlueButton$/);
		expect(composeTitle({ ...founding, venue: { mode: 'online' } }, 'de')).toMatch(/Uhr online$/);
	});

	it('has German genitive ordinals to twenty, then digits', () => {
		expect([1, 2, 3, 7, 12, 20].map((n) => ordinal(n, 'de'))).toEqual([
			'ersten',
			'zweiten',
			'dritten',
			'siebten',
			'zwölften',
			'zwanzigsten'
		]);
		expect(ordinal(21, 'de')).toBe('21.');
		expect([1, 20, 21, 22, 23, 24, 111, 112].map((n) => ordinal(n, 'en'))).toEqual([
			'first',
			'twentieth',
			'21st',
			'22nd',
			'23rd',
			'24th',
			'111th',
			'112th'
		]);
		expect(() => ordinal(0, 'de')).toThrow();
	});

	it('formats dates and times as in the founding document', () => {
		expect(formatLongDate('2024-11-20', 'de')).toBe('20. November 2024');
		expect(formatLongDate('2025-03-01', 'de')).toBe('1. März 2025');
		expect(formatLongDate('2024-11-20', 'en')).toBe('20 November 2024');
		expect(formatTitleTime('14:00', 'de')).toBe('14');
		expect(formatTitleTime('09:05', 'de')).toBe('9:05');
	});

	it('joins names', () => {
		expect(joinNames([], 'de')).toBe('');
		expect(joinNames(['A'], 'de')).toBe('A');
		expect(joinNames(['A', 'B'], 'de')).toBe('A und B');
		expect(joinNames(['A', 'B', 'C'], 'de')).toBe('A, B und C');
		expect(joinNames(['A', 'B', 'C'], 'en')).toBe('A, B and C');
	});
});
