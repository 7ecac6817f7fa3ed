import { describe, expect, it } from 'vitest';
import { foldGerman, normalizeForSearch, searchTerms, stemGerman } from './german';

describe('foldGerman', () => {
	it('folds umlauts and their written-out spellings to the same letters', () => {
		expect(foldGerman('Kulturbüro')).toBe(foldGerman('Kulturbuero'));
		expect(foldGerman('Öffentlichkeit')).toBe(foldGerman('Oeffentlichkeit'));
		expect(foldGerman('Ämter')).toBe(foldGerman('Aemter'));
		expect(foldGerman('Straße')).toBe('strasse');
		expect(foldGerman('STRASSE')).toBe('strasse');
	});

	it('keeps "ue" after a vowel or q, where it is no umlaut', () => {
		expect(foldGerman('neue Steuer')).toBe('neue steuer');
		expect(foldGerman('Quelle')).toBe('quelle');
	});

	it('drops other accents', () => {
		expect(foldGerman('Café Réunion')).toBe('cafe reunion');
	});
});

describe('stemGerman', () => {
	it('maps singular and plural to one stem', () => {
		expect(stemGerman('freiwilligenagenturen')).toBe(stemGerman('freiwilligenagentur'));
		expect(stemGerman('netzwerke')).toBe(stemGerman('netzwerk'));
		expect(stemGerman('netzwerken')).toBe(stemGerman('netzwerk'));
		expect(stemGerman('kulturburos')).toBe(stemGerman('kulturburo'));
		expect(stemGerman('borsen')).toBe(stemGerman('borse'));
	});

	it('leaves short words and numbers alone', () => {
		expect(stemGerman('amt')).toBe('amt');
		expect(stemGerman('2024')).toBe('2024');
	});

	it('keeps sch, ei, ie and double letters intact', () => {
		expect(stemGerman('vereine')).toBe(stemGerman('verein'));
		expect(stemGerman('vereine')).toMatch(/^verei/);
		expect(stemGerman('kulturrate')).toMatch(/^kulturr/);
		expect(stemGerman('menschen')).toBe('mensch');
	});
});

describe('normalizeForSearch and searchTerms', () => {
	it('give the same stems for the indexed text and the query', () => {
		const indexed = normalizeForSearch('Freiwilligenagentur Steinfurt – Ehrenamtsbörse für Vereine');
		for (const term of searchTerms('Freiwilligenagenturen Ehrenamtsboersen Verein')) {
			expect(indexed.split(' ')).toContain(term);
		}
	});

	it('finds umlaut spellings both ways', () => {
		expect(searchTerms('Kulturbüros')).toEqual(searchTerms('Kulturbueros'));
		expect(searchTerms('Münster')).toEqual(searchTerms('Muenster'));
		expect(searchTerms('Straße')).toEqual(searchTerms('Strasse'));
	});

	it('drops stop words, punctuation and repeats', () => {
		expect(searchTerms('Netzwerke in der Stadt, Netzwerk!')).toEqual([
			stemGerman('netzwerk'),
			stemGerman('stadt')
		]);
		expect(searchTerms(' und, der ')).toEqual([]);
		expect(searchTerms('')).toEqual([]);
	});

	it('yields only letters and digits, safe for query syntax', () => {
		for (const term of searchTerms('"OR* (NEAR) -foo" ^bar: a&b | c')) {
			expect(term).toMatch(/^[a-z0-9]+$/);
		}
	});
});
