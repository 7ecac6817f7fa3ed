import type { DocumentationModel, DocumentationSection, NetworkEntry, QuestionResult } from './model';

type ParticipantsSection = Extract<DocumentationSection, { kind: 'participants' }>;

/**
 * What a document format (HTML, PDF, DOCX, Markdown) knows how to write. The order and content of
 * each section's body is decided once, in `writeSectionBody`; a format decides only how a heading,
 * a paragraph or a table looks.
 */
export interface SectionWriter {
	heading(level: 3 | 4, text: string): void;
	paragraph(text: string): void;
	/** A secondary line (how many answered a question). */
	note(text: string): void;
	/** A bold line that introduces the list after it. */
	label(text: string): void;
	list(items: string[]): void;
	/** A question's counts: a chart where the format has one, and always a table with these headers. */
	questionResult(question: QuestionResult, headers: [string, string, string]): void;
	participants(section: ParticipantsSection): void;
	/** The facts of a network or good-practice entry (label and value). */
	facts(facts: NetworkEntry['facts']): void;
}

/** A board card as one line: its text and, where it has any, its dot votes. */
export function cardLine(card: { text: string; votesText: string }): string {
	return card.votesText ? `${card.text} (${card.votesText})` : card.text;
}

/** A listed file: its title and, where it has one, its file name. */
export function uploadLine(file: { title: string; file: string | null }): string {
	return file.file ? `${file.title} (${file.file})` : file.title;
}

/** Writes a section's body (everything under its heading) through a format's writer. */
export function writeSectionBody(
	section: DocumentationSection,
	model: DocumentationModel,
	writer: SectionWriter
): void {
	switch (section.kind) {
		case 'polls':
			for (const poll of section.polls) {
				writer.heading(3, poll.title);
				for (const question of poll.questions) {
					writer.heading(4, question.text);
					writer.note(question.respondentsText);
					if (question.rows.length) {
						const { pollOption, pollCount, pollPercent } = model.labels;
						writer.questionResult(question, [pollOption, pollCount, pollPercent]);
					}
					if (question.texts.length) {
						writer.label(model.labels.freeTexts);
						writer.list(question.texts);
					}
				}
			}
			return;
		case 'breakouts':
			for (const round of section.rounds) {
				writer.heading(3, round.title);
				if (round.description) writer.paragraph(round.description);
				if (round.questions.length) {
					writer.label(model.labels.guidingQuestions);
					writer.list(round.questions);
				}
				for (const room of round.rooms) {
					writer.heading(4, room.heading);
					for (const column of room.columns) {
						writer.label(column.name);
						writer.list(column.cards.map(cardLine));
					}
				}
				if (round.synthesis.length) {
					writer.heading(4, model.labels.synthesis);
					for (const text of round.synthesis) writer.paragraph(text);
				}
			}
			return;
		case 'findings':
			for (const text of section.paragraphs) writer.paragraph(text);
			return;
		case 'participants':
			writer.participants(section);
			return;
		case 'networks':
		case 'goodPractice':
			for (const entry of section.kind === 'networks' ? section.networks : section.entries) {
				writer.heading(3, entry.name);
				if (entry.description) writer.paragraph(entry.description);
				writer.facts(entry.facts);
			}
			return;
		case 'uploads':
			writer.list(section.files.map(uploadLine));
			return;
		default: {
			const exhaustive: never = section;
			throw new Error(`Unknown section ${JSON.stringify(exhaustive)}`);
		}
	}
}
