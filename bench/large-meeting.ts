import type { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import { FORMAT_ID } from '../src/lib/domain/exchange-format/schema';

type Poll = NonNullable<MeetingDocument['meeting']['polls']>[number];

/**
 * A large, valid meeting for benchmarks and tests: 300 people with mixed consents, 10 polls
 * with questions of every kind and their results, 2 breakout rounds × 10 rooms × 30 cards, and
 * 40 networks. Deterministic, so runs compare.
 */
export function largeMeeting(): MeetingDocument {
	const people = Array.from({ length: 300 }, (_, index) => {
		const n = index + 1;
		return {
			id: `person-${n}`,
			name: `Person ${n} Beispiel`,
			organization: `Kulturbüro ${(n % 60) + 1}`,
			municipality: `Gemeinde ${(n % 120) + 1}`,
			email: `person-${n}@example.org`,
			registered: true,
			attended: n % 5 !== 0,
			// Mixed consents: named on the list for two thirds, email shared for every fourth.
			consent: { participantList: n % 3 !== 0, shareEmail: n % 4 === 0 }
		};
	});
	const polls = Array.from({ length: 10 }, (_, pollIndex): Poll => ({
		id: `umfrage-${pollIndex + 1}`,
		title: `Umfrage ${pollIndex + 1}`,
		questions: [
			{
				id: 'einzeln',
				text: `Frage ${pollIndex + 1}.1: Gibt es bei Ihnen ein Netzwerk?`,
				kind: 'single' as const,
				options: ['ja', 'nein', 'im-aufbau', 'weiss-nicht'].map((id) => ({ id, label: `Antwort ${id}` })),
				results: { respondents: 200, counts: { ja: 90, nein: 50, 'im-aufbau': 40, 'weiss-nicht': 20 } }
			},
			{
				id: 'mehrfach',
				text: `Frage ${pollIndex + 1}.2: Mit wem arbeiten Sie zusammen?`,
				kind: 'multiple' as const,
				maxChoices: 3,
				options: Array.from({ length: 8 }, (_, option) => ({
					id: `partner-${option}`,
					label: `Partner ${option}`
				})),
				results: {
					respondents: 180,
					counts: Object.fromEntries(
						Array.from({ length: 8 }, (_, option) => [`partner-${option}`, 20 + option * 10])
					)
				}
			},
			{
				id: 'skala',
				text: `Frage ${pollIndex + 1}.3: Wie zufrieden sind Sie?`,
				kind: 'scale' as const,
				scale: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' },
				results: { respondents: 150, counts: { '1': 10, '2': 20, '3': 40, '4': 50, '5': 30 } }
			},
			{
				id: 'freitext',
				text: `Frage ${pollIndex + 1}.4: Was wünschen Sie sich?`,
				kind: 'text' as const,
				results: {
					respondents: 40,
					texts: Array.from({ length: 40 }, (_, text) => `Wunsch ${text + 1}: mehr Austausch & <Zeit>`)
				}
			}
		]
	}));
	const columns = ['Erfahrungen', 'Ideen', 'Herausforderungen'];
	const breakoutRounds = [1, 2].map((round) => ({
		id: `runde-${round}`,
		title: `Breakout-Runde ${round}`,
		questions: ['Was trägt ein Netzwerk?', 'Was fehlt noch?'],
		rooms: Array.from({ length: 10 }, (_, room) => ({
			name: `Raum ${room + 1}`,
			participants: Array.from(
				{ length: 15 },
				(_, seat) => `person-${((room * 15 + seat + round * 7) % 300) + 1}`
			),
			cards: Array.from({ length: 30 }, (_, card) => ({
				text: `Karte ${card + 1} aus Raum ${room + 1}: ein Gedanke zur Vernetzung vor Ort`,
				column: columns[card % columns.length],
				votes: card % 7
			}))
		})),
		synthesis: ['Die Räume berichten von vielen informellen Netzwerken.', 'Feste Ansprechpersonen helfen.']
	}));
	// 14:00–16:00: welcome, ten short polls, two breakout rounds, the closing round.
	const slot = (startMinutes: number, minutes: number) => {
		const time = (total: number) =>
			`${String(14 + Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
		return { start: time(startMinutes), end: time(startMinutes + minutes) };
	};
	const agenda = [
		{ ...slot(0, 10), kind: 'welcome' as const, title: 'Begrüßung' },
		...polls.map((poll, index) => ({
			...slot(10 + index * 4, 4),
			kind: 'poll' as const,
			title: poll.title,
			poll: poll.id
		})),
		...breakoutRounds.map((round, index) => ({
			...slot(50 + index * 30, 30),
			kind: 'breakout' as const,
			title: round.title,
			breakoutRound: round.id
		})),
		{ ...slot(110, 10), kind: 'closing' as const, title: 'Abschlussrunde' }
	];
	const networks = Array.from({ length: 40 }, (_, index) => ({
		id: `netzwerk-${index + 1}`,
		name: `Kulturnetz ${index + 1}`,
		kind: 'culture-network' as const,
		municipality: `Gemeinde ${index + 1}`,
		partners: ['culture' as const, 'civil-society' as const, 'business' as const],
		origin: 'Aus einem Stammtisch entstanden',
		challenges: 'Zeit und feste Ansprechpersonen',
		contact: { name: `Kontakt ${index + 1}`, email: `netzwerk-${index + 1}@example.org` }
	}));
	return {
		format: FORMAT_ID,
		series: {
			id: 'grosse-reihe',
			title: 'Austauschtreffen für kommunale Kulturkümmernde',
			meetingNoun: 'Austauschtreffen',
			meetingNounGenitive: 'Austauschtreffens',
			audience: 'für kommunale Kulturkümmernde',
			language: 'de',
			organizer: { name: 'LWL-Kulturabteilung', email: 'kultur@example.org' },
			formatDescription: ['Ein großes Treffen für den Benchmark.'],
			fundingNotice: { lead: '„Kultur in Westfalen“ wird gefördert vom:', funder: ['Ministerium für Kultur'] }
		},
		meeting: {
			number: 7,
			date: '2026-03-18',
			start: '14:00',
			end: '16:00',
			timeZone: 'Europe/Berlin',
			venue: { mode: 'online', platform: 'Zoom' },
			moderation: [{ id: 'person-1', name: 'Person 1 Beispiel' }],
			documentedBy: [{ id: 'person-2', name: 'Person 2 Beispiel', organization: 'Kulturbüro 3' }],
			topic: {
				title: 'Netzwerke vor Ort',
				summary: ['Wie entstehen Netzwerke, und was hält sie zusammen?'],
				guidingQuestions: ['Was trägt?', 'Was fehlt?']
			},
			outlook: { text: ['Das nächste Treffen folgt im Herbst.'], topicWishesContact: 'kultur@example.org' },
			people,
			agenda,
			polls,
			breakoutRounds,
			findings: ['Vernetzung braucht feste Ansprechpersonen.', 'Kleine Schritte zählen.']
		},
		networks
	};
}
