/**
 * German search normalization, the same on every database: the indexed text of a record and the
 * words of a query both go through `normalizeForSearch`/`searchTerms`, so that
 * "Freiwilligenagenturen" finds "Freiwilligenagentur", and "Kulturbüro", "Kulturbuero" and
 * "Kulturburo" find each other ("ß"/"ss" too).
 *
 * Steps: lower case → umlauts and accents folded to their base letter (ä → a, ß → ss) and the
 * written-out spellings ae/oe/ue folded the same way → words of letters and digits → a light
 * German stemmer (CISTEM, Weissweiler & Fraser 2017, case-insensitive variant) on each word.
 * Stems are not words; they are only compared with each other.
 */

// "ue" after a vowel or "q" is no written-out umlaut (neue, Steuer, Bauer, Quelle), so it stays.
const WRITTEN_OUT_UMLAUT = /(?<![aeiouq])([aou])e/g;

/** Lower case, umlauts and other accents folded to their base letter; ß → ss; ae/oe/ue → a/o/u. */
export function foldGerman(text: string): string {
	return text
		.toLowerCase()
		.replace(/ß|ẞ/g, 'ss')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(WRITTEN_OUT_UMLAUT, '$1');
}

/** Stems one folded word (letters a–z and digits) with CISTEM's rules. */
export function stemGerman(word: string): string {
	if (word.length <= 3 || /\d/.test(word)) return word;
	let stem = word.replace(/^ge(.{4,})/, '$1');
	// Protect sch, ei, ie and double letters from the suffix rules.
	stem = stem.replace(/sch/g, '$').replace(/ei/g, '%').replace(/ie/g, '&').replace(/(.)\1/g, '$1*');
	for (;;) {
		if (stem.length <= 3) break;
		if (stem.length > 5) {
			if (/e[mr]$/.test(stem)) {
				stem = stem.slice(0, -2);
				continue;
			}
			if (/nd$/.test(stem)) {
				stem = stem.slice(0, -2);
				continue;
			}
		}
		if (/[tesn]$/.test(stem)) {
			stem = stem.slice(0, -1);
			continue;
		}
		break;
	}
	return stem.replace(/(.)\*/g, '$1$1').replace(/%/g, 'ei').replace(/&/g, 'ie').replace(/\$/g, 'sch');
}

/** Function words that carry no meaning in a search (folded spellings). */
const STOP_WORDS = new Set([
	'der',
	'die',
	'das',
	'den',
	'dem',
	'des',
	'ein',
	'eine',
	'einer',
	'eines',
	'einem',
	'einen',
	'und',
	'oder',
	'in',
	'im',
	'am',
	'an',
	'auf',
	'aus',
	'bei',
	'mit',
	'von',
	'vom',
	'zu',
	'zum',
	'zur',
	'fur',
	'uber',
	'the',
	'of',
	'and',
	'for',
	'a',
	'to'
]);

/** The folded words of a text, in order (stop words included). */
function words(text: string): string[] {
	return foldGerman(text)
		.split(/[^a-z0-9]+/)
		.filter((word) => word.length > 0);
}

/**
 * The text to index for a record: its words, folded and stemmed, separated by single spaces.
 * Feed it every searchable field (name, description, topics, place …) joined by spaces.
 */
export function normalizeForSearch(text: string): string {
	return words(text).map(stemGerman).join(' ');
}

/**
 * The stems a query looks for: folded, stemmed, without stop words and repeats, at most 12.
 * Empty when the query holds no meaningful word (then there is nothing to search for).
 * Each term is made of a–z and 0–9 only, so it is safe inside an FTS5 or tsquery expression.
 */
export function searchTerms(query: string): string[] {
	const terms = words(query)
		.filter((word) => !STOP_WORDS.has(word))
		.map(stemGerman)
		.filter((stem) => stem.length > 0);
	return [...new Set(terms)].slice(0, 12);
}
