/**
 * Pure rules of good practice entries ("Gute Praxis"): where an entry can come from, what a
 * prefilled form says for each source, the topics list, and when a contact may be shown.
 */
export const linkKinds = ['meeting', 'agenda-item', 'attachment', 'board-card', 'network'] as const;
export type LinkKind = (typeof linkKinds)[number];

/** The three things an organizer makes an entry from, in one step. */
export const sourceKinds = ['talk', 'card', 'network'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface Prefill {
	title: string;
	what: string;
	how: string;
	municipality: string;
	contactName: string;
	contactEmail: string;
	topics: string;
}

const empty: Prefill = {
	title: '',
	what: '',
	how: '',
	municipality: '',
	contactName: '',
	contactEmail: '',
	topics: ''
};

/** A talk (agenda item): its title, its details as the "how"; the meeting's topic as a topic. */
export function prefillFromTalk(talk: {
	title: string;
	details: readonly string[];
	speakers: readonly { name: string; organization: string | null }[];
	meetingTopic: string | null;
}): Prefill {
	const speaker = talk.speakers[0];
	return {
		...empty,
		title: talk.title,
		what: talk.details[0] ?? '',
		how: talk.details.slice(1).join('\n\n'),
		contactName: speaker ? speaker.name : '',
		topics: talk.meetingTopic ?? ''
	};
}

/** A breakout card: its text is the idea; the round's title is a topic. */
export function prefillFromCard(card: { text: string; roundTitle: string }): Prefill {
	const firstLine = card.text.split('\n')[0]?.trim() ?? '';
	return {
		...empty,
		title: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine,
		what: card.text,
		topics: card.roundTitle
	};
}

/** A network entry: name, description, origin as the "how", its municipality and contact. */
export function prefillFromNetwork(network: {
	name: string;
	description: string | null;
	origin: string | null;
	municipality: string | null;
	contactName: string | null;
	contactEmail: string | null;
}): Prefill {
	return {
		...empty,
		title: network.name,
		what: network.description ?? '',
		how: network.origin ?? '',
		municipality: network.municipality ?? '',
		contactName: network.contactName ?? '',
		contactEmail: network.contactEmail ?? ''
	};
}

/** Topics typed as a comma- or line-separated text: trimmed, without repeats (ignoring case). */
export function topicsFrom(text: string): string[] {
	const seen = new Set<string>();
	const topics: string[] = [];
	for (const part of text.split(/[,;\n]/)) {
		const topic = part.trim();
		if (!topic || seen.has(topic.toLocaleLowerCase('de'))) continue;
		seen.add(topic.toLocaleLowerCase('de'));
		topics.push(topic);
	}
	return topics.slice(0, 20);
}

/** The contact the public sees: only with the contact's consent, else none at all. */
export function publicContact(entry: {
	contactName: string | null;
	contactEmail: string | null;
	contactConsent: boolean;
}): { name: string | null; email: string | null } | null {
	if (!entry.contactConsent) return null;
	if (!entry.contactName && !entry.contactEmail) return null;
	return { name: entry.contactName, email: entry.contactEmail };
}
