import { describe, expect, it } from 'vitest';
import { checkQuestion, optionKeys, optionLines, uniqueSlug } from './polls';

describe('poll questions', () => {
	it('reads options one per line, trimmed, without empty lines', () => {
		expect(optionLines(' Verwaltung \r\n\r\nVerein\n  \nAndere')).toEqual(['Verwaltung', 'Verein', 'Andere']);
	});

	it('derives ids unique among the taken ones, with a fallback for texts without letters', () => {
		expect(uniqueSlug('Kurze Umfrage', [], 'umfrage')).toBe('kurze-umfrage');
		expect(uniqueSlug('Kurze Umfrage!', ['kurze-umfrage', 'kurze-umfrage-2'], 'umfrage')).toBe(
			'kurze-umfrage-3'
		);
		expect(uniqueSlug('???', [], 'umfrage')).toBe('umfrage');
		expect(optionKeys(['Ja!', 'Ja?', 'Förderung', '…', '—'])).toEqual([
			'ja',
			'ja-2',
			'foerderung',
			'option',
			'option-2'
		]);
	});

	it('wants two different options and a maximum within their number', () => {
		expect(checkQuestion({ kind: 'single', options: ['Ja'] }).map((p) => p.key)).toEqual([
			'polls.tooFewOptions'
		]);
		expect(checkQuestion({ kind: 'multiple', options: ['Ja', ' ja', 'Nein'] })).toEqual([
			{ field: 'options', key: 'polls.duplicateOption', params: { label: ' ja' } }
		]);
		expect(checkQuestion({ kind: 'multiple', options: ['a', 'b'], maxChoices: 3 })).toEqual([
			{ field: 'maxChoices', key: 'polls.maxChoicesOutOfRange', params: { count: 2 } }
		]);
		expect(checkQuestion({ kind: 'multiple', options: ['a', 'b'], maxChoices: 2 })).toEqual([]);
		// Text and scale questions have no options to check.
		expect(checkQuestion({ kind: 'text', options: [] })).toEqual([]);
	});

	it('wants a scale with its lower end below the upper and at most eleven steps', () => {
		expect(checkQuestion({ kind: 'scale', options: [], scaleMin: 0, scaleMax: 10 })).toEqual([]);
		expect(checkQuestion({ kind: 'scale', options: [], scaleMin: 3, scaleMax: 3 }).map((p) => p.key)).toEqual(
			['polls.scaleMaxNotAboveMin']
		);
		expect(checkQuestion({ kind: 'scale', options: [], scaleMin: 1, scaleMax: 12 })).toEqual([
			{ field: 'scaleMax', key: 'polls.scaleTooManySteps', params: { steps: 12, maximum: 11 } }
		]);
		expect(checkQuestion({ kind: 'scale', options: [] }).map((p) => p.field)).toEqual([
			'scaleMin',
			'scaleMax'
		]);
	});
});
