/**
 * Markdown rendering of the documentation model (CommonMark with pipe tables). Text from the
 * meeting is escaped so that it prints as written and can never inject markup.
 */
import type { DocumentationModel, DocumentationSection } from '../../domain/documentation/model';

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
	switch (section.kind) {
		case 'polls':
			for (const poll of section.polls) {
				out.push(`### ${escapeMarkdown(poll.title)}`, '');
				for (const question of poll.questions) {
					out.push(`#### ${escapeMarkdown(question.text)}`, '', escapeMarkdown(question.respondentsText), '');
					if (question.rows.length) {
						out.push(
							`| ${cell(model.labels.pollOption)} | ${cell(model.labels.pollCount)} | ${cell(model.labels.pollPercent)} |`,
							'| --- | ---: | ---: |'
						);
						out.push(
							...question.rows.map(
								(row) => `| ${cell(row.label)} | ${row.count} | ${cell(row.percentText)} |`
							),
							''
						);
					}
					if (question.texts.length) {
						out.push(
							`**${escapeMarkdown(model.labels.freeTexts)}**`,
							'',
							...question.texts.map((text) => `- ${cell(text)}`),
							''
						);
					}
				}
			}
			break;
		case 'breakouts':
			for (const round of section.rounds) {
				out.push(`### ${escapeMarkdown(round.title)}`, '');
				if (round.description) out.push(escapeMarkdown(round.description), '');
				if (round.questions.length) {
					out.push(
						`**${escapeMarkdown(model.labels.guidingQuestions)}**`,
						'',
						...round.questions.map((q) => `- ${cell(q)}`),
						''
					);
				}
				for (const room of round.rooms) {
					out.push(`#### ${escapeMarkdown(room.heading)}`, '');
					for (const column of room.columns) {
						out.push(`**${escapeMarkdown(column.name)}**`, '');
						out.push(
							...column.cards.map(
								(card) => `- ${cell(card.text)}${card.votesText ? ` (${cell(card.votesText)})` : ''}`
							),
							''
						);
					}
				}
				if (round.synthesis.length) {
					out.push(`#### ${escapeMarkdown(model.labels.synthesis)}`, '');
					round.synthesis.forEach((text) => out.push(escapeMarkdown(text), ''));
				}
			}
			break;
		case 'findings':
			section.paragraphs.forEach((text) => out.push(escapeMarkdown(text), ''));
			break;
		case 'participants':
			out.push(`| ${section.columns.map((column) => cell(column.label)).join(' | ')} |`);
			out.push(`| ${section.columns.map(() => '---').join(' | ')} |`);
			out.push(
				...section.rows.map(
					(row) => `| ${section.columns.map((column) => cell(row[column.key])).join(' | ')} |`
				),
				''
			);
			break;
		case 'networks':
		case 'goodPractice':
			for (const network of section.kind === 'networks' ? section.networks : section.entries) {
				out.push(`### ${escapeMarkdown(network.name)}`, '');
				if (network.description) out.push(escapeMarkdown(network.description), '');
				out.push(
					...network.facts.map((fact) => `- **${escapeMarkdown(fact.label)}:** ${cell(fact.value)}`),
					''
				);
			}
			break;
		case 'uploads':
			out.push(
				...section.files.map(
					(file) => `- ${escapeMarkdown(file.title)}${file.file ? ` (${cell(file.file)})` : ''}`
				),
				''
			);
			break;
		default: {
			const exhaustive: never = section;
			throw new Error(`Unknown section ${JSON.stringify(exhaustive)}`);
		}
	}
}
