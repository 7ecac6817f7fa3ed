/**
 * DOCX (Word, LibreOffice) of the documentation model with the `docx` library: real heading
 * styles with outline levels (so that LibreOffice and Word see headings and build a navigator),
 * bullet lists, tables with a header row, the document language, and the funding notice with
 * page numbers in the footer of every page.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type IParagraphStyleOptions
} from 'docx';
import type { DocumentationModel, DocumentationSection } from '../../domain/documentation/model';

type Block = Paragraph | Table;

const FONT = 'DejaVu Sans';
const headingLevels = [
	HeadingLevel.HEADING_1,
	HeadingLevel.HEADING_2,
	HeadingLevel.HEADING_3,
	HeadingLevel.HEADING_4
] as const;

function headingStyle(level: 1 | 2 | 3 | 4, halfPoints: number): IParagraphStyleOptions {
	return {
		id: `Heading${level}`,
		name: `Heading ${level}`,
		basedOn: 'Normal',
		next: 'Normal',
		quickFormat: true,
		run: { size: halfPoints, bold: true, font: FONT, color: '1B1F23' },
		paragraph: {
			spacing: { before: level === 1 ? 0 : 280, after: 120 },
			outlineLevel: level - 1,
			keepNext: true
		}
	};
}

const heading = (level: 1 | 2 | 3 | 4, text: string) =>
	new Paragraph({ text, heading: headingLevels[level - 1] });
const paragraph = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
const boldParagraph = (text: string) =>
	new Paragraph({ children: [new TextRun({ text, bold: true })], spacing: { after: 80 } });
const labelled = (label: string, text: string) =>
	new Paragraph({
		children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(text)],
		spacing: { after: 120 }
	});
const bullets = (items: string[]) =>
	items.map((text) => new Paragraph({ text, numbering: { reference: 'bullets', level: 0 } }));

const border = { style: BorderStyle.SINGLE, size: 4, color: '8A96A3' };

function table(header: string[], rows: string[][]): Table {
	const cell = (text: string, isHeader: boolean) =>
		new TableCell({
			children: [new Paragraph({ children: [new TextRun({ text, bold: isHeader })] })],
			borders: { top: border, bottom: border, left: border, right: border }
		});
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, children: header.map((text) => cell(text, true)) }),
			...rows.map((row) => new TableRow({ children: row.map((text) => cell(text, false)) }))
		]
	});
}

function bodyBlocks(model: DocumentationModel): Block[] {
	const blocks: Block[] = [heading(1, model.title)];
	if (model.moderation) blocks.push(labelled(model.moderation.label, model.moderation.text));
	if (model.createdBy) blocks.push(labelled(model.createdBy.label, model.createdBy.text));
	if (model.format) blocks.push(heading(2, model.format.label), ...model.format.paragraphs.map(paragraph));
	if (model.topic) {
		blocks.push(
			heading(2, model.topic.label),
			heading(3, model.topic.title),
			...model.topic.summary.map(paragraph)
		);
		if (model.topic.guidingQuestions.length) {
			blocks.push(boldParagraph(model.topic.guidingQuestionsLabel), ...bullets(model.topic.guidingQuestions));
		}
	}
	if (model.outlook) blocks.push(heading(2, model.outlook.label), ...model.outlook.paragraphs.map(paragraph));
	if (model.attachments)
		blocks.push(heading(2, model.attachments.label), ...bullets(model.attachments.titles));
	if (model.agenda) {
		blocks.push(heading(2, model.agenda.label));
		for (const item of model.agenda.items) {
			blocks.push(
				new Paragraph({
					children: [new TextRun({ text: item.slot, bold: true })],
					keepNext: true,
					spacing: { before: 120 }
				}),
				new Paragraph({ text: item.title, indent: { left: 360 } }),
				...item.details.map((detail) => new Paragraph({ text: detail, indent: { left: 360 } }))
			);
		}
	}
	for (const section of model.sections) blocks.push(...sectionBlocks(section, model));
	return blocks;
}

function sectionBlocks(section: DocumentationSection, model: DocumentationModel): Block[] {
	const blocks: Block[] = [
		new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2, pageBreakBefore: true })
	];
	switch (section.kind) {
		case 'polls':
			for (const poll of section.polls) {
				blocks.push(heading(3, poll.title));
				for (const question of poll.questions) {
					blocks.push(heading(4, question.text), paragraph(question.respondentsText));
					if (question.rows.length) {
						blocks.push(
							table(
								[model.labels.pollOption, model.labels.pollCount, model.labels.pollPercent],
								question.rows.map((row) => [row.label, String(row.count), row.percentText])
							),
							paragraph('')
						);
					}
					if (question.texts.length)
						blocks.push(boldParagraph(model.labels.freeTexts), ...bullets(question.texts));
				}
			}
			break;
		case 'breakouts':
			for (const round of section.rounds) {
				blocks.push(heading(3, round.title));
				if (round.description) blocks.push(paragraph(round.description));
				if (round.questions.length)
					blocks.push(boldParagraph(model.labels.guidingQuestions), ...bullets(round.questions));
				for (const room of round.rooms) {
					blocks.push(heading(4, room.heading));
					for (const column of room.columns) {
						blocks.push(
							boldParagraph(column.name),
							...bullets(
								column.cards.map((card) => (card.votesText ? `${card.text} (${card.votesText})` : card.text))
							)
						);
					}
				}
				if (round.synthesis.length)
					blocks.push(heading(4, model.labels.synthesis), ...round.synthesis.map(paragraph));
			}
			break;
		case 'findings':
			blocks.push(...section.paragraphs.map(paragraph));
			break;
		case 'participants':
			blocks.push(
				table(
					section.columns.map((column) => column.label),
					section.rows.map((row) => section.columns.map((column) => row[column.key]))
				)
			);
			break;
		case 'networks':
		case 'goodPractice':
			for (const network of section.kind === 'networks' ? section.networks : section.entries) {
				blocks.push(heading(3, network.name));
				if (network.description) blocks.push(paragraph(network.description));
				blocks.push(...bullets(network.facts.map((fact) => `${fact.label}: ${fact.value}`)));
			}
			break;
		case 'uploads':
			blocks.push(
				...bullets(section.files.map((file) => (file.file ? `${file.title} (${file.file})` : file.title)))
			);
			break;
		default: {
			const exhaustive: never = section;
			throw new Error(`Unknown section ${JSON.stringify(exhaustive)}`);
		}
	}
	return blocks;
}

function footer(model: DocumentationModel): Footer {
	// "Seite {page} von {pages}" around Word's page fields: the message, split where its numbers go.
	const [pageBefore = '', pageBetween = '', pageAfter = ''] = model.labels.page(-1, -2).split(/-1|-2/);
	const children: Paragraph[] = [];
	if (model.fundingNotice) {
		children.push(
			new Paragraph({
				children: [new TextRun({ text: model.fundingNotice.lead, size: 16, color: '4A5560' })],
				border: { top: { style: BorderStyle.SINGLE, size: 4, color: '8A96A3', space: 4 } }
			}),
			...model.fundingNotice.funder.map(
				(line) => new Paragraph({ children: [new TextRun({ text: line, size: 16, bold: true })] })
			)
		);
	}
	children.push(
		new Paragraph({
			alignment: AlignmentType.RIGHT,
			children: [
				new TextRun({
					size: 16,
					color: '4A5560',
					children: [pageBefore, PageNumber.CURRENT, pageBetween, PageNumber.TOTAL_PAGES, pageAfter]
				})
			]
		})
	);
	return new Footer({ children });
}

export async function renderDocx(
	model: DocumentationModel,
	options: { author?: string } = {}
): Promise<Buffer> {
	const document = new Document({
		creator: options.author ?? 'Netzwerkstatt',
		title: model.title,
		description: model.title,
		styles: {
			default: {
				document: {
					run: { font: FONT, size: 21, language: { value: model.lang === 'de' ? 'de-DE' : 'en-GB' } },
					paragraph: { spacing: { line: 276 } }
				}
			},
			paragraphStyles: [headingStyle(1, 32), headingStyle(2, 27), headingStyle(3, 24), headingStyle(4, 22)]
		},
		numbering: {
			config: [
				{
					reference: 'bullets',
					levels: [
						{
							level: 0,
							format: LevelFormat.BULLET,
							text: '•',
							alignment: AlignmentType.LEFT,
							style: { paragraph: { indent: { left: 540, hanging: 270 } } }
						}
					]
				}
			]
		},
		sections: [
			{
				properties: { page: { margin: { top: 1134, bottom: 1134, left: 1247, right: 1247, footer: 567 } } },
				footers: { default: footer(model) },
				children: bodyBlocks(model)
			}
		]
	});
	return Packer.toBuffer(document);
}
