import { describe, expect, it } from 'vitest';
import {
	expectLinesInOrder,
	foundingDocument,
	foundingLines
} from '../../../../tests/helpers/founding-document';
import type { MeetingDocument } from '../exchange-format/schema';
import { buildDocumentationModel, buildParticipants } from './model';

/** The model's text in reading order, one entry per printed line (what every renderer prints). */
function textOf(model: ReturnType<typeof buildDocumentationModel>): string {
	const lines = [model.title];
	if (model.moderation) lines.push(`${model.moderation.label} ${model.moderation.text}`);
	if (model.createdBy) lines.push(`${model.createdBy.label} ${model.createdBy.text}`);
	if (model.format) lines.push(model.format.label, ...model.format.paragraphs);
	if (model.topic) lines.push(model.topic.label, model.topic.title, ...model.topic.summary);
	if (model.outlook) lines.push(model.outlook.label, ...model.outlook.paragraphs);
	if (model.attachments) lines.push(model.attachments.label, ...model.attachments.titles);
	if (model.agenda)
		lines.push(
			model.agenda.label,
			...model.agenda.items.flatMap((item) => [item.slot, item.title, ...item.details])
		);
	return lines.join('\n');
}

function withPeople(people: NonNullable<MeetingDocument['meeting']['people']>): MeetingDocument {
	const document = foundingDocument();
	return { ...document, meeting: { ...document.meeting, people } };
}

describe('documentation model', () => {
	it('holds every line of the founding document, in order', () => {
		const model = buildDocumentationModel(foundingDocument());
		expectLinesInOrder(textOf(model), foundingLines());
		expect(model.lang).toBe('de');
		expect(model.fundingNotice?.funder).toEqual([
			'Ministerium für',
			'Kultur und Wissenschaft',
			'des Landes Nordrhein-Westfalen'
		]);
	});

	it('leaves out sections without content (the founding meeting has no results, people list or networks)', () => {
		expect(buildDocumentationModel(foundingDocument()).sections).toEqual([]);
	});

	it('lists only consenting people who registered or attended, with email only by its own consent', () => {
		const rows = buildParticipants(
			withPeople([
				{
					id: 'a',
					name: 'Alma',
					registered: true,
					consent: { participantList: true, shareEmail: true },
					email: 'alma@example.org'
				},
				{
					id: 'b',
					name: 'Bert',
					attended: true,
					consent: { participantList: true },
					email: 'bert@example.org'
				},
				{ id: 'c', name: 'Cleo', registered: true, email: 'cleo@example.org' },
				{ id: 'd', name: 'Dora', consent: { participantList: true } },
				{ id: 'e', name: 'Emil', registered: true, status: 'cancelled', consent: { participantList: true } }
			])
		);
		expect(rows).toEqual([
			{ name: 'Alma', organization: '', municipality: '', email: 'alma@example.org' },
			{ name: 'Bert', organization: '', municipality: '', email: '' }
		]);
	});

	it('computes poll percentages of the respondents and describes the chart', () => {
		const document = foundingDocument();
		document.meeting.polls = [
			{
				id: 'umfrage',
				title: 'Kurze Umfrage',
				questions: [
					{
						id: 'q',
						text: 'Gibt es ein Netzwerk?',
						kind: 'single',
						options: [
							{ id: 'ja', label: 'Ja' },
							{ id: 'nein', label: 'Nein' }
						],
						results: { respondents: 4, counts: { ja: 3, nein: 1 } }
					}
				]
			}
		];
		document.meeting.attachments = [{ title: 'Umfrageergebnisse', kind: 'poll-results' }];
		const [section] = buildDocumentationModel(document).sections;
		expect(section?.kind).toBe('polls');
		if (section?.kind !== 'polls') return;
		expect(section.heading).toBe('Umfrageergebnisse');
		const question = section.polls[0]!.questions[0]!;
		expect(question.rows.map((row) => [row.label, row.count, row.percentText])).toEqual([
			['Ja', 3, '75 %'],
			['Nein', 1, '25 %']
		]);
		expect(question.chartDescription).toBe(
			'Balkendiagramm zu „Gibt es ein Netzwerk?“: Ja: 3 (75 %); Nein: 1 (25 %)'
		);
	});

	it('speaks English when asked', () => {
		const model = buildDocumentationModel(foundingDocument(), 'en');
		expect(model.title).toMatch(/^Documentation of the second Austauschtreffen/);
		expect(model.createdBy).toEqual({ label: 'Written by:', text: 'Anne Melzig (LWL-Kulturabteilung)' });
	});
});
