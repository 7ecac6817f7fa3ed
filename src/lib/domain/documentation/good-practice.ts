/**
 * The "Gute Praxis" section of a meeting's documentation: the published good practice entries
 * that came from the meeting. Entries reach the model already consent-filtered (a contact only
 * with its consent). Each entry is laid out like a network entry — a name, a description and
 * facts — so the renderers print both kinds the same way.
 */
import { translate, type Locale, type MessageKey } from '../../i18n/translate';
import type { NetworkEntry } from './model';

export interface GoodPracticeForDocumentation {
	title: string;
	what: string;
	how: string;
	municipality: string | null;
	/** Already filtered by consent: null when the contact did not agree to be named. */
	contact: { name: string | null; email: string | null } | null;
	topics: readonly string[];
}

export interface GoodPracticeSection {
	kind: 'goodPractice';
	heading: string;
	entries: NetworkEntry[];
}

export function goodPracticeSection(
	entries: readonly GoodPracticeForDocumentation[],
	locale: Locale
): GoodPracticeSection | null {
	if (!entries.length) return null;
	const t = (key: MessageKey) => translate(locale, key);
	return {
		kind: 'goodPractice',
		heading: t('goodPractice.doc.heading'),
		entries: entries.map((entry) => {
			const facts: { label: string; value: string }[] = [];
			if (entry.how.trim()) facts.push({ label: t('goodPractice.doc.how'), value: entry.how.trim() });
			if (entry.municipality)
				facts.push({ label: t('goodPractice.doc.municipality'), value: entry.municipality });
			const contact = [entry.contact?.name, entry.contact?.email].filter(Boolean).join(', ');
			if (contact) facts.push({ label: t('goodPractice.doc.contact'), value: contact });
			if (entry.topics.length)
				facts.push({ label: t('goodPractice.doc.topics'), value: entry.topics.join(', ') });
			return { name: entry.title, description: entry.what, facts };
		})
	};
}
