import { SERIES_ID_PATTERN } from './meeting-address';

/** The longest id (series id, person key) the exchange format allows. */
export const MAX_SLUG_LENGTH = 80;

// German letters are written out as German readers expect (Bürger → buerger), not stripped to
// their base letter (Bürger → burger); other accents lose their marks below.
const GERMAN_TRANSLITERATION: Record<string, string> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	ß: 'ss',
	Ä: 'ae',
	Ö: 'oe',
	Ü: 'ue',
	ẞ: 'ss'
};

/**
 * An id derived from a title or a name: German transliteration, lower case, anything else
 * becomes a hyphen, at most 80 characters, never starting or ending with a hyphen.
 * `Austausch Kulturbüros & Engagement` → `austausch-kulturbueros-engagement`. Empty when the
 * text holds no letter or digit at all.
 */
export function slugify(text: string): string {
	const transliterated = text.replace(/[äöüßÄÖÜẞ]/g, (letter) => GERMAN_TRANSLITERATION[letter] ?? letter);
	const plain = transliterated
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();
	const hyphenated = plain.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
	return hyphenated.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}

/** Whether a text is a valid id: `^[a-z0-9][a-z0-9-]{0,79}$`. */
export function isSlug(text: string): boolean {
	return SERIES_ID_PATTERN.test(text);
}
