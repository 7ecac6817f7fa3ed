/**
 * Markdown rendering of the documentation model (CommonMark with pipe tables). Text from the
 * meeting is escaped so that it prints as written and can never inject markup.
 */
import type { DocumentationModel, DocumentationSection } from '../../domain/documentation/model';
import { writeSectionBody } from '../../domain/documentation/section-walk';

/** Escapes characters that Markdown (or HTML inside Markdown) would interpret. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/([`*_{}[\]<>#|!])/g, '\\$1')
		.replace(/&/g, '&amp;')
		.replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
		.replace(/^(\s*\d+)\.(\s)/gm, '$1\\.$2')
		.replace(/\n/g, '  \n');
}

function cell(text: string): string {
	return escapeMarkdown(text).replace(/\s*\n\s*/g, ' ');
}

export function renderMarkdown(model: DocumentationModel): string {
	const out: string[] = [];
	const paragraph = (text: string) => out.push(escapeMarkdown(text), '');
	out.push(`# ${escapeMarkdown(model.title)}`, '');
	if (model.moderation) paragraph(`${model.moderation.label} ${model.moderation.text}`);
	if (model.createdBy) paragraph(`${model.createdBy.label} ${model.createdBy.text}`);
	if (model.format) {
		out.push(`## ${escapeMarkdown(model.format.label)}`, '');
		model.format.paragraphs.forEach(paragraph);
	}
	if (model.topic) {
		out.push(`## ${escapeMarkdown(model.topic.label)}`, '', `### ${escapeMarkdown(model.topic.title)}`, '');
		model.topic.summary.forEach(paragraph);
		if (model.topic.guidingQuestions.length) {
			paragraph(model.topic.guidingQuestionsLabel);
			out.push(...model.topic.guidingQuestions.map((question) => `- ${escapeMarkdown(question)}`), '');
		}
	}
	if (model.outlook) {
		out.push(`## ${escapeMarkdown(model.outlook.label)}`, '');
		model.outlook.paragraphs.forEach(paragraph);
	}
	if (model.attachments) {
		out.push(`## ${escapeMarkdown(model.attachments.label)}`, '');
		out.push(...model.attachments.titles.map((title) => `- ${escapeMarkdown(title)}`), '');
	}
	if (model.agenda) {
		out.push(`## ${escapeMarkdown(model.agenda.label)}`, '');
		for (const item of model.agenda.items) {
			out.push(`**${item.slot}**`, '', escapeMarkdown(item.title), '');
			item.details.forEach(paragraph);
		}
	}
	for (const section of model.sections) renderSection(section, model, out);
	if (model.fundingNotice) {
		out.push(
			'---',
			'',
			escapeMarkdown(model.fundingNotice.lead),
			'',
			model.fundingNotice.funder.map(escapeMarkdown).join('  \n'),
			''
		);
	}
	return `${out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()}\n`;
}

function renderSection(section: DocumentationSection, model: DocumentationModel, out: string[]): void {
	out.push(`## ${escapeMarkdown(section.heading)}`, '');
	const tableRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
	writeSectionBody(section, model, {
		heading: (level, text) => out.push(`${'#'.repeat(level)} ${escapeMarkdown(text)}`, ''),
		paragraph: (text) => out.push(escapeMarkdown(text), ''),
		note: (text) => out.push(escapeMarkdown(text), ''),
		label: (text) => out.push(`**${escapeMarkdown(text)}**`, ''),
		list: (items) => out.push(...items.map((item) => `- ${cell(item)}`), ''),
		questionResult: (question, headers) =>
			out.push(
				tableRow(headers.map(cell)),
				'| --- | ---: | ---: |',
				...question.rows.map((row) => tableRow([cell(row.label), String(row.count), cell(row.percentText)])),
				''
			),
		participants: (participants) =>
			out.push(
				tableRow(participants.columns.map((column) => cell(column.label))),
				tableRow(participants.columns.map(() => '---')),
				...participants.rows.map((row) =>
					tableRow(participants.columns.map((column) => cell(row[column.key])))
				),
				''
			),
		facts: (facts) =>
			out.push(...facts.map((fact) => `- **${escapeMarkdown(fact.label)}:** ${cell(fact.value)}`), '')
	});
}
