import { describe, expect, it } from 'vitest';
import {
	agendaKindLabels,
	agendaKinds,
	isAgendaKind,
	moveStep,
	paragraphsFrom,
	paragraphsToText,
	resolveSlot,
	sortByStart
} from './agenda-items';
import { translate } from '../i18n/translate';

describe('agenda items', () => {
	it('labels every kind in German and English', () => {
		expect(agendaKinds).toHaveLength(10);
		expect(translate('de', agendaKindLabels.break)).toBe('Pause');
		expect(translate('en', agendaKindLabels.breakout)).toBe('Breakout round');
		expect(isAgendaKind('poll')).toBe(true);
		expect(isAgendaKind('party')).toBe(false);
	});

	it('splits details into paragraphs at blank lines', () => {
		expect(paragraphsFrom('Erster Absatz\nmit zwei Zeilen\r\n\r\n  Zweiter  \n \n\n')).toEqual([
			'Erster Absatz\nmit zwei Zeilen',
			'Zweiter'
		]);
		expect(paragraphsFrom('   ')).toEqual([]);
		expect(paragraphsFrom(paragraphsToText(['a', 'b']))).toEqual(['a', 'b']);
	});

	it('resolves a slot from an end or a duration', () => {
		expect(resolveSlot({ start: '14:10', end: '14:15' })).toEqual({ ok: true, start: '14:10', end: '14:15' });
		expect(resolveSlot({ start: '14:10', durationMinutes: 25 })).toEqual({
			ok: true,
			start: '14:10',
			end: '14:35'
		});
		expect(resolveSlot({ start: '14:10', end: '14:35', durationMinutes: 25 })).toMatchObject({ ok: true });
	});

	it('refuses a slot without an end, with disagreeing end and duration, or past midnight', () => {
		expect(resolveSlot({ start: '14:10' })).toMatchObject({ ok: false, field: 'end' });
		expect(resolveSlot({ start: '14:10', end: '14:20', durationMinutes: 5 })).toMatchObject({
			ok: false,
			field: 'duration',
			key: 'agenda.endAndDurationDiffer'
		});
		expect(resolveSlot({ start: '23:50', durationMinutes: 10 })).toMatchObject({
			ok: false,
			key: 'agenda.pastMidnight'
		});
	});

	it('moves an id one step, and leaves the edges alone', () => {
		expect(moveStep(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
		expect(moveStep(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
		expect(moveStep(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
		expect(moveStep(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
	});

	it('sorts by start and keeps the order of equal starts', () => {
		const items = [
			{ id: 'x', start: '14:10' },
			{ id: 'y', start: '14:00' },
			{ id: 'z', start: '14:10' }
		];
		expect(sortByStart(items).map((item) => item.id)).toEqual(['y', 'x', 'z']);
	});
});
