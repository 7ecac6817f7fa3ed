import { describe, expect, it } from 'vitest';
import { isSlug, slugify } from './slug';

describe('slugify', () => {
	it('transliterates German letters the German way', () => {
		expect(slugify('Austausch Kulturbüros Engagement')).toBe('austausch-kulturbueros-engagement');
		expect(slugify('Größe Öffnung Übung Straße')).toBe('groesse-oeffnung-uebung-strasse');
		expect(slugify('ÄRGER')).toBe('aerger');
	});

	it('drops other accents and turns punctuation into single hyphens', () => {
		expect(slugify('Café — Réunion, 2024!')).toBe('cafe-reunion-2024');
		expect(slugify('  --Kai   Heddergott--  ')).toBe('kai-heddergott');
	});

	it('cuts at 80 characters without a trailing hyphen', () => {
		const long = `${'a'.repeat(79)} bcd`;
		const slug = slugify(long);
		expect(slug).toBe('a'.repeat(79));
		expect(slugify('x'.repeat(200))).toHaveLength(80);
		expect(isSlug(slugify('Ein sehr langer Titel '.repeat(10)))).toBe(true);
	});

	it('is empty for text without letters or digits', () => {
		expect(slugify('!!! — ???')).toBe('');
		expect(slugify('')).toBe('');
	});
});

describe('isSlug', () => {
	it('accepts valid ids and rejects others', () => {
		expect(isSlug('austausch-kulturbueros-engagement')).toBe(true);
		expect(isSlug('2024-treffen')).toBe(true);
		expect(isSlug('-leading')).toBe(false);
		expect(isSlug('Upper')).toBe(false);
		expect(isSlug('a'.repeat(81))).toBe(false);
		expect(isSlug('')).toBe(false);
	});
});
