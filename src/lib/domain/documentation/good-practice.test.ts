import { describe, expect, it } from 'vitest';
import { goodPracticeSection } from './good-practice';

describe('the good practice section of the documentation', () => {
	it('is left out when there is no entry', () => {
		expect(goodPracticeSection([], 'de')).toBeNull();
	});

	it('lays each entry out with its how, municipality, consented contact and topics', () => {
		const section = goodPracticeSection(
			[
				{
					title: 'Kulturrucksack',
					what: 'Programm für Jugendliche.',
					how: 'Mit Schulen.',
					municipality: 'Lünen',
					contact: { name: 'Anna Beispiel', email: null },
					topics: ['Bildung', 'Jugend']
				},
				{ title: 'Ohne Kontakt', what: 'x', how: ' ', municipality: null, contact: null, topics: [] }
			],
			'de'
		);
		expect(section).toEqual({
			kind: 'goodPractice',
			heading: 'Gute Praxis',
			entries: [
				{
					name: 'Kulturrucksack',
					description: 'Programm für Jugendliche.',
					facts: [
						{ label: 'Umsetzung', value: 'Mit Schulen.' },
						{ label: 'Kommune', value: 'Lünen' },
						{ label: 'Ansprechperson', value: 'Anna Beispiel' },
						{ label: 'Themen', value: 'Bildung, Jugend' }
					]
				},
				{ name: 'Ohne Kontakt', description: 'x', facts: [] }
			]
		});
	});
});
