import { describe, expect, it } from 'vitest';
import { allMessageKeys, catalogFor, translate } from './translate';

const parametersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n', () => {
	it('has a non-empty German and English text for every key, with the same parameters', () => {
		const de = catalogFor('de');
		const en = catalogFor('en');
		const keys = allMessageKeys();
		expect(keys.length).toBeGreaterThan(20);
		for (const key of keys) {
			expect(de[key]?.trim(), `de ${key}`).toBeTruthy();
			expect(en[key]?.trim(), `en ${key}`).toBeTruthy();
			expect(parametersOf(en[key]!), `parameters of ${key}`).toEqual(parametersOf(de[key]!));
		}
	});

	it('fills in parameters and leaves unknown ones visible', () => {
		expect(translate('de', 'error.title', { status: 404 })).toBe('Fehler 404');
		expect(translate('en', 'error.title', { status: 404 })).toBe('Error 404');
		expect(translate('en', 'error.title')).toBe('Error {status}');
	});
});
