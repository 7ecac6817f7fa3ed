import { describe, expect, it } from 'vitest';
import { searchTerms } from '../search/german';
import { isWebAddress, parseTopics, publicContact, searchableText, shadeClasses, shadeLevel } from './entry';

describe('parseTopics', () => {
	it('splits, trims and drops repeats ignoring case', () => {
		expect(parseTopics(' Ehrenamt, Kultur;ehrenamt\n Jugend  arbeit ,')).toEqual([
			'Ehrenamt',
			'Kultur',
			'Jugend arbeit'
		]);
		expect(parseTopics('')).toEqual([]);
	});
});

describe('isWebAddress', () => {
	it('accepts http and https only', () => {
		expect(isWebAddress('https://example.org/netz')).toBe(true);
		expect(isWebAddress('http://example.org')).toBe(true);
		expect(isWebAddress('javascript:alert(1)')).toBe(false);
		expect(isWebAddress('ftp://example.org')).toBe(false);
		expect(isWebAddress('example.org')).toBe(false);
	});
});

describe('publicContact', () => {
	const base = { contact_name: 'Erika Beispiel', contact_email: 'netz@example.org', contact_phone: null };
	it('names the person only with consent', () => {
		expect(publicContact({ ...base, contact_name_consent: 0 })).toEqual({ email: 'netz@example.org' });
		expect(publicContact({ ...base, contact_name_consent: 1 })).toEqual({
			name: 'Erika Beispiel',
			email: 'netz@example.org'
		});
		expect(
			publicContact({ contact_name: 'X', contact_name_consent: 0, contact_email: null, contact_phone: null })
		).toBeUndefined();
	});
});

describe('searchableText', () => {
	it('holds the stems a German query looks for', () => {
		const text = searchableText({
			name: 'Freiwilligenagentur Rheine',
			kindLabel: 'Freiwilligenagentur',
			description: 'Vermittelt Ehrenämter',
			topics: ['Kultur'],
			municipality: 'Rheine',
			district: 'Kreis Steinfurt'
		}).split(' ');
		for (const term of searchTerms('Freiwilligenagenturen Steinfurt Ehrenaemter'))
			expect(text).toContain(term);
	});
});

describe('shadeClasses', () => {
	it('has a class for none and up to four steps covering 1..max without gaps', () => {
		const classes = shadeClasses(100);
		expect(classes[0]).toEqual({ from: 0, to: 0, level: 0 });
		expect(classes).toHaveLength(5);
		for (let i = 1; i < classes.length; i++) expect(classes[i]!.from).toBe(classes[i - 1]!.to + 1);
		expect(classes.at(-1)!.to).toBe(100);
		expect(shadeLevel(0, classes)).toBe(0);
		expect(shadeLevel(100, classes)).toBe(4);
	});

	it('uses fewer classes for small counts', () => {
		expect(shadeClasses(0)).toHaveLength(1);
		expect(shadeClasses(2).map((c) => [c.from, c.to])).toEqual([
			[0, 0],
			[1, 1],
			[2, 2]
		]);
	});
});
