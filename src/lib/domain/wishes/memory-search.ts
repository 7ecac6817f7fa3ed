import { normalizeForSearch, searchTerms } from '../search/german';

/**
 * The search on a series' page ("Gedächtnis der Reihe"): across the meetings' topics and
 * findings, the topic wishes and good practice of one series — a few hundred short texts at
 * most, so they are matched in memory with the directory's German normalizer (umlauts, ae/oe/ue,
 * light stemming) rather than through a database index.
 */
export interface SearchableEntry<T> {
	texts: readonly (string | null | undefined)[];
	value: T;
}

/** The entries whose texts contain every word of the query (a word may start a longer one). */
export function searchEntries<T>(query: string, entries: readonly SearchableEntry<T>[]): T[] {
	const terms = searchTerms(query);
	if (!terms.length) return [];
	return entries
		.filter((entry) => {
			const stems = normalizeForSearch(entry.texts.filter(Boolean).join(' ')).split(' ');
			return terms.every((term) => stems.some((stem) => stem.startsWith(term)));
		})
		.map((entry) => entry.value);
}
