import type { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { foundingDocument } from './founding-document';

/**
 * A meeting with everything the documentation can show: polls of every kind with results,
 * breakout rounds with cards and synthesis, findings, people with and without consent,
 * networks, uploaded attachments, and texts with <, & and quotes.
 */
export function richMeeting(): MeetingDocument {
	const base = foundingDocument();
	return {
		...base,
		series: { ...base.series, id: 'reihe-test' },
		meeting: {
			...base.meeting,
			topic: {
				title: 'Netzwerke <vor Ort> & "Kooperation"',
				summary: ['Ein Satz mit <b>Markup</b> & Zeichen.'],
				guidingQuestions: ['Was trägt ein Netzwerk?']
			},
			people: [
				{ id: 'anne-melzig', name: 'Anne Melzig', organization: 'LWL-Kulturabteilung' },
				{ id: 'kai-heddergott', name: 'Kai Heddergott' },
				{ id: 'stephanie-krause', name: 'Stephanie Krause', organization: 'LAGFA NRW' },
				{ id: 'jan-christoph-tonigs', name: 'Jan-Christoph Tonigs', organization: 'Stadtkultur Rheine' },
				{
					id: 'petra-offen',
					name: 'Petra Offen',
					organization: 'Stadt Bielefeld',
					municipality: 'Bielefeld',
					email: 'petra.offen@example.org',
					registered: true,
					attended: true,
					consent: { participantList: true, shareEmail: true }
				},
				{
					id: 'karl-liste',
					name: 'Karl Liste',
					organization: 'Gemeinde Ahaus',
					municipality: 'Ahaus',
					email: 'karl.liste@example.org',
					registered: true,
					consent: { participantList: true }
				},
				{
					id: 'geheim-person',
					name: 'Greta Geheim',
					organization: 'Kreis Lippe',
					email: 'greta.geheim@example.org',
					registered: true,
					attended: true
				}
			],
			polls: [
				{
					id: 'umfrage',
					title: 'Kurze Umfrage',
					questions: [
						{
							id: 'netzwerk',
							text: 'Gibt es bei Ihnen ein lokales Netzwerk?',
							kind: 'single',
							options: [
								{ id: 'ja', label: 'Ja' },
								{ id: 'nein', label: 'Nein' },
								{ id: 'im-aufbau', label: 'Im Aufbau & <geplant>' }
							],
							results: { respondents: 20, counts: { ja: 11, nein: 5, 'im-aufbau': 4 } }
						},
						{
							id: 'partner',
							text: 'Mit wem arbeiten Sie zusammen?',
							kind: 'multiple',
							maxChoices: 2,
							options: [
								{ id: 'kultur', label: 'Kulturakteur:innen' },
								{ id: 'fwa', label: 'Freiwilligenagenturen' }
							],
							results: { respondents: 18, counts: { kultur: 15, fwa: 9 } }
						},
						{
							id: 'zufriedenheit',
							text: 'Wie zufrieden sind Sie mit der Vernetzung?',
							kind: 'scale',
							scale: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' },
							results: { respondents: 10, counts: { '1': 1, '3': 4, '5': 5 } }
						},
						{
							id: 'wunsch',
							text: 'Was wünschen Sie sich?',
							kind: 'text',
							results: { respondents: 2, texts: ['Mehr Austausch "vor Ort"', 'Eine <Plattform> & Zeit'] }
						}
					]
				}
			],
			breakoutRounds: [
				{
					id: 'runde-1',
					title: 'Bestehende lokale Netzwerke',
					questions: ['Welche Netzwerke nutzen Sie?'],
					rooms: [
						{
							name: 'Raum 1',
							participants: ['geheim-person'],
							cards: [
								{ text: 'Kulturstammtisch & Runder Tisch', column: 'Erfahrungen', votes: 3 },
								{ text: 'Gemeinsamer Kalender', column: 'Ideen' }
							]
						}
					],
					synthesis: ['Netzwerke entstehen oft informell.']
				},
				// The founding agenda refers to the second round too.
				...(base.meeting.breakoutRounds ?? []).filter((round) => round.id !== 'runde-1')
			],
			findings: ['Vernetzung braucht feste Ansprechpersonen.'],
			attachments: [
				...(base.meeting.attachments ?? []),
				{
					title: 'Präsentation mit Datei',
					kind: 'presentation',
					file: 'attachments/folien.pdf',
					mediaType: 'application/pdf'
				}
			]
		},
		networks: [
			{
				id: 'kulturnetz-bielefeld',
				name: 'Kulturnetz Bielefeld',
				kind: 'culture-network',
				municipality: 'Bielefeld',
				ags: '05711000',
				district: 'Bielefeld',
				partners: ['culture', 'civil-society'],
				origin: 'Aus einem Stammtisch entstanden',
				contact: { name: 'Petra Offen', email: 'kulturnetz@example.org' }
			}
		]
	};
}

/** Names and emails that must never appear in any output of richMeeting(). */
export const mustNotAppear = ['Greta Geheim', 'greta.geheim@example.org', 'karl.liste@example.org'];
/** Names and emails that must appear. */
export const mustAppear = [
	'Petra Offen',
	'petra.offen@example.org',
	'Karl Liste',
	'Kai Heddergott',
	'Anne Melzig'
];
