import { describe, expect, it } from 'vitest';
import { prefillFromCard, prefillFromNetwork, prefillFromTalk, publicContact, topicsFrom } from './rules';

describe('good practice', () => {
	it('prefills from a talk: title, the first paragraph as what, the rest as how, the speaker as contact', () => {
		expect(
			prefillFromTalk({
				title: 'Kulturrucksack in Lünen',
				details: ['Ein Programm für Jugendliche.', 'Mit Schulen.', 'Mit Vereinen.'],
				speakers: [{ name: 'Anna Beispiel', organization: 'Stadt Lünen' }],
				meetingTopic: 'Kulturelle Bildung'
			})
		).toMatchObject({
			title: 'Kulturrucksack in Lünen',
			what: 'Ein Programm für Jugendliche.',
			how: 'Mit Schulen.\n\nMit Vereinen.',
			contactName: 'Anna Beispiel',
			topics: 'Kulturelle Bildung'
		});
	});

	it('prefills from a card, shortening a long first line for the title', () => {
		const prefill = prefillFromCard({ text: `${'x'.repeat(130)}\nMehr`, roundTitle: 'Ehrenamt' });
		expect(prefill.title).toHaveLength(120);
		expect(prefill.title.endsWith('…')).toBe(true);
		expect(prefill.what).toBe(`${'x'.repeat(130)}\nMehr`);
		expect(prefill.topics).toBe('Ehrenamt');
	});

	it('prefills from a network entry with its municipality and contact', () => {
		expect(
			prefillFromNetwork({
				name: 'Kulturnetz Bielefeld',
				description: 'Vernetzt Kulturakteure.',
				origin: 'Aus einem Runden Tisch.',
				municipality: 'Bielefeld',
				contactName: 'Bert',
				contactEmail: 'bert@example.org'
			})
		).toMatchObject({
			title: 'Kulturnetz Bielefeld',
			how: 'Aus einem Runden Tisch.',
			municipality: 'Bielefeld'
		});
	});

	it('reads topics from commas and lines without repeats', () => {
		expect(topicsFrom('Ehrenamt, Bildung\nehrenamt;  ; Digitales')).toEqual([
			'Ehrenamt',
			'Bildung',
			'Digitales'
		]);
	});

	it('shows a contact only with consent', () => {
		expect(
			publicContact({ contactName: 'Anna', contactEmail: 'a@example.org', contactConsent: false })
		).toBeNull();
		expect(publicContact({ contactName: 'Anna', contactEmail: null, contactConsent: true })).toEqual({
			name: 'Anna',
			email: null
		});
		expect(publicContact({ contactName: null, contactEmail: null, contactConsent: true })).toBeNull();
	});
});
