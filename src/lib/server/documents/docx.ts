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
import { writeSectionBody } from '../../domain/documentation/section-walk';

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
	writeSectionBody(section, model, {
		heading: (level, text) => blocks.push(heading(level, text)),
		paragraph: (text) => blocks.push(paragraph(text)),
		note: (text) => blocks.push(paragraph(text)),
		label: (text) => blocks.push(boldParagraph(text)),
		list: (items) => blocks.push(...bullets(items)),
		// Word has no chart here: the table, then an empty paragraph so that two tables never touch.
		questionResult: (question, headers) =>
			blocks.push(
				table(
					headers,
					question.rows.map((row) => [row.label, String(row.count), row.percentText])
				),
				paragraph('')
			),
		participants: (participants) =>
			blocks.push(
				table(
					participants.columns.map((column) => column.label),
					participants.rows.map((row) => participants.columns.map((column) => row[column.key]))
				)
			),
		facts: (facts) => blocks.push(...bullets(facts.map((fact) => `${fact.label}: ${fact.value}`)))
	});
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
