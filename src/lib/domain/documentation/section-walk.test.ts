import { describe, expect, it } from 'vitest';
import { foundingDocument } from '../../../../tests/helpers/founding-document';
import { buildDocumentationModel } from './model';
import { cardLine, uploadLine, writeSectionBody, type SectionWriter } from './section-walk';

/** A writer that records every call as one line, so that the walk's order can be read. */
function recorder(): { writer: SectionWriter; lines: string[] } {
	const lines: string[] = [];
	const writer: SectionWriter = {
		heading: (level, text) => lines.push(`h${level} ${text}`),
		paragraph: (text) => lines.push(`p ${text}`),
		note: (text) => lines.push(`note ${text}`),
		label: (text) => lines.push(`label ${text}`),
		list: (items) => lines.push(`list ${items.join(' / ')}`),
		questionResult: (question, headers) => lines.push(`result ${question.text} [${headers.join(', ')}]`),
		participants: (section) => lines.push(`participants ${section.rows.length}`),
		facts: (facts) => lines.push(`facts ${facts.map((fact) => `${fact.label}=${fact.value}`).join(', ')}`)
	};
	return { writer, lines };
}

describe('writeSectionBody', () => {
	const model = buildDocumentationModel(foundingDocument());

	it('writes each breakout round: title, questions, rooms with their columns, then the synthesis', () => {
		const { writer, lines } = recorder();
		writeSectionBody(
			{
				kind: 'breakouts',
				heading: 'Breakout-Runden',
				rounds: [
					{
						title: 'Bestehende lokale Netzwerke und informelle Vernetzung',
						description: 'In kleinen Gruppen',
						questions: ['Welche Netzwerke gibt es?'],
						rooms: [
							{
								heading: 'Raum 1',
								columns: [{ name: 'Ideen', cards: [{ text: 'Stammtisch', votes: 2, votesText: '2 Punkte' }] }]
							}
						],
						synthesis: ['Vernetzung braucht Orte.']
					}
				]
			},
			model,
			writer
		);
		expect(lines).toEqual([
			'h3 Bestehende lokale Netzwerke und informelle Vernetzung',
			'p In kleinen Gruppen',
			`label ${model.labels.guidingQuestions}`,
			'list Welche Netzwerke gibt es?',
			'h4 Raum 1',
			'label Ideen',
			'list Stammtisch (2 Punkte)',
			`h4 ${model.labels.synthesis}`,
			'p Vernetzung braucht Orte.'
		]);
	});

	it('writes a poll question as heading, respondents, counts and free texts', () => {
		const { writer, lines } = recorder();
		writeSectionBody(
			{
				kind: 'polls',
				heading: 'Umfrage',
				polls: [
					{
						title: 'Stimmung',
						questions: [
							{
								text: 'Wie geht es?',
								kind: 'single',
								respondents: 2,
								respondentsText: '2 Antworten',
								rows: [{ label: 'Gut', count: 2, percent: 100, percentText: '100 %' }],
								chartDescription: 'Gut: 2',
								texts: ['Sehr gut']
							}
						]
					}
				]
			},
			model,
			writer
		);
		expect(lines).toEqual([
			'h3 Stimmung',
			'h4 Wie geht es?',
			'note 2 Antworten',
			`result Wie geht es? [${model.labels.pollOption}, ${model.labels.pollCount}, ${model.labels.pollPercent}]`,
			`label ${model.labels.freeTexts}`,
			'list Sehr gut'
		]);
	});

	it('writes findings as paragraphs and uploads as one list', () => {
		const findings = recorder();
		writeSectionBody(
			{ kind: 'findings', heading: 'F', paragraphs: ['Eins', 'Zwei'] },
			model,
			findings.writer
		);
		expect(findings.lines).toEqual(['p Eins', 'p Zwei']);
		const uploads = recorder();
		writeSectionBody(
			{
				kind: 'uploads',
				heading: 'U',
				files: [
					{ title: 'Folien', file: 'folien.pdf' },
					{ title: 'Link', file: null }
				]
			},
			model,
			uploads.writer
		);
		expect(uploads.lines).toEqual(['list Folien (folien.pdf) / Link']);
	});

	it('names a card with its votes only when it has any', () => {
		expect(cardLine({ text: 'Ehrenamt stärken', votesText: '3 Punkte' })).toBe('Ehrenamt stärken (3 Punkte)');
		expect(cardLine({ text: 'Ehrenamt stärken', votesText: '' })).toBe('Ehrenamt stärken');
		expect(uploadLine({ title: 'Link', file: null })).toBe('Link');
	});
});
