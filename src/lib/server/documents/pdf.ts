/**
 * Tagged PDF (PDF/UA-style) of the documentation model with pdfkit: a structure tree of
 * headings, paragraphs, lists, tables and figures (charts with alternative text) in reading
 * order, the document language, the title shown in the window, an embedded font, bookmarks from
 * the headings, and the funding notice with page numbers at the foot of every page (as a
 * pagination artifact, outside the structure).
 */
import PDFDocument from 'pdfkit';
import type {
	DocumentationModel,
	DocumentationSection,
	QuestionResult
} from '../../domain/documentation/model';
import { fontPaths } from './fonts';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/**
 * pdfkit's structure elements take a closure that draws their content (run when the element
 * joins the attached tree) and options the bundled types do not know yet (bbox, placement).
 */
function struct(
	doc: Doc,
	type: string,
	optionsOrDraw: (() => void) | { alt?: string; bbox?: number[]; placement?: string },
	draw?: () => void
): StructElement {
	const make = doc.struct.bind(doc) as unknown as (
		type: string,
		options: object,
		children?: unknown
	) => StructElement;
	return typeof optionsOrDraw === 'function'
		? make(type, {}, optionsOrDraw)
		: make(type, optionsOrDraw, draw);
}

const PAGE_MARGIN = 62;
const FOOTER_HEIGHT = 96;
const COLORS = { ink: '#1b1f23', muted: '#4a5560', bar: '#0b5a6b', rule: '#8a96a3' };
/**
 * Fonts are named by their file path everywhere: pdfkit caches an opened font under the name it
 * was asked for, and a registered alias of an already opened font is parsed again on every switch,
 * which made large documents several times slower.
 */
const FONTS = fontPaths;
const SIZES = { h1: 17, h2: 13.5, h3: 12, h4: 11, body: 10.5, small: 8.5 };

export async function renderPdf(
	model: DocumentationModel,
	options: { author?: string } = {}
): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 56, left: PAGE_MARGIN, right: PAGE_MARGIN, bottom: FOOTER_HEIGHT + 24 },
		pdfVersion: '1.7',
		tagged: true,
		// PDF/UA identification (the types know only PDF/A subsets).
		...({ subset: 'PDF/UA' } as object),
		lang: model.lang === 'de' ? 'de-DE' : 'en-GB',
		displayTitle: true,
		bufferPages: true,
		font: fontPaths.regular,
		info: {
			Title: model.title,
			Author: options.author ?? '',
			Creator: 'Netzwerkstatt',
			Producer: 'Netzwerkstatt (pdfkit)'
		}
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const finished = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	const root = doc.struct('Document');
	doc.addStructure(root);
	const writer = new StructuredWriter(doc, root);
	writeBody(writer, model);
	root.end();
	drawFooters(doc, model);
	doc.end();
	return finished;
}

/** Writes structured content into the tree under one parent, and keeps the bookmarks in step. */
class StructuredWriter {
	private currentTopBookmark: PDFKit.PDFOutline | undefined;

	constructor(
		readonly doc: Doc,
		readonly parent: StructElement
	) {}

	private get width(): number {
		return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
	}

	heading(level: 1 | 2 | 3 | 4, text: string): void {
		const size = [SIZES.h1, SIZES.h2, SIZES.h3, SIZES.h4][level - 1]!;
		const doc = this.doc;
		// Keep a heading with at least a few lines of what follows it.
		if (doc.y + size * 4 > doc.page.height - doc.page.margins.bottom) doc.addPage();
		doc.moveDown(level === 1 ? 0 : 0.6);
		this.parent.add(
			struct(doc, `H${level}`, () => {
				doc.font(FONTS.bold).fontSize(size).fillColor(COLORS.ink).text(text, { width: this.width });
			})
		);
		doc.moveDown(0.3);
		if (level <= 2) {
			this.currentTopBookmark = doc.outline.addItem(text);
		} else {
			(this.currentTopBookmark ?? doc.outline).addItem(text);
		}
	}

	paragraph(text: string, style: { bold?: boolean; italic?: boolean; color?: string } = {}): void {
		const doc = this.doc;
		this.parent.add(
			struct(doc, 'P', () => {
				doc
					.font(style.bold ? FONTS.bold : style.italic ? FONTS.italic : FONTS.regular)
					.fontSize(SIZES.body)
					.fillColor(style.color ?? COLORS.ink)
					.text(text, { width: this.width, lineGap: 2 });
			})
		);
		doc.moveDown(0.5);
	}

	/** A paragraph that starts with a bold label, e.g. "Moderation: Kai Heddergott". */
	labelled(label: string, text: string): void {
		const doc = this.doc;
		this.parent.add(
			struct(doc, 'P', () => {
				doc
					.font(FONTS.bold)
					.fontSize(SIZES.body)
					.fillColor(COLORS.ink)
					.text(`${label} `, { continued: true, width: this.width });
				doc.font(FONTS.regular).text(text, { width: this.width, lineGap: 2 });
			})
		);
		doc.moveDown(0.5);
	}

	bulletList(items: string[]): void {
		if (!items.length) return;
		const doc = this.doc;
		const list = doc.struct('L');
		this.parent.add(list);
		doc.font(FONTS.regular).fontSize(SIZES.body).fillColor(COLORS.ink);
		doc.list(items, {
			structParent: list,
			width: this.width,
			bulletRadius: 2,
			textIndent: 14,
			lineGap: 2
		} as PDFKit.Mixins.TextOptions);
		list.end();
		doc.moveDown(0.5);
	}

	/** A list of labelled entries (the agenda): label (Lbl) on its line, body (LBody) below. */
	labelledList(entries: { label: string; lines: { text: string; bold?: boolean }[] }[]): void {
		const doc = this.doc;
		const list = doc.struct('L');
		this.parent.add(list);
		for (const entry of entries) {
			if (doc.y + SIZES.body * 4 > doc.page.height - doc.page.margins.bottom) doc.addPage();
			const item = doc.struct('LI');
			list.add(item);
			item.add(
				struct(doc, 'Lbl', () => {
					doc
						.font(FONTS.bold)
						.fontSize(SIZES.body)
						.fillColor(COLORS.ink)
						.text(entry.label, { width: this.width });
				})
			);
			item.add(
				struct(doc, 'LBody', () => {
					for (const line of entry.lines) {
						doc
							.font(line.bold ? FONTS.bold : FONTS.regular)
							.fontSize(SIZES.body)
							.text(line.text, {
								width: this.width - 18,
								indent: 0,
								lineGap: 2,
								...{ x: doc.page.margins.left + 18 }
							});
					}
				})
			);
			item.end();
			doc.x = doc.page.margins.left;
			doc.moveDown(0.4);
		}
		list.end();
	}

	table(header: string[], rows: string[][], columnWidths?: number[]): void {
		const doc = this.doc;
		doc
			.font(FONTS.regular)
			.fontSize(SIZES.body - 0.5)
			.fillColor(COLORS.ink);
		const widths = columnWidths ?? header.map(() => this.width / header.length);
		doc.table({
			structParent: this.parent,
			columnStyles: widths.map((width) => ({ width })),
			defaultStyle: { border: 0.5, borderColor: COLORS.rule, padding: 4 },
			data: [
				header.map((text) => ({
					text,
					type: 'TH',
					scope: 'column',
					font: { src: FONTS.bold },
					backgroundColor: '#e3ecef'
				})),
				...rows.map((row) => row.map((text) => ({ text, type: 'TD' })))
			]
		} as unknown as PDFKit.Mixins.TableOptions);
		doc.x = doc.page.margins.left;
		doc.moveDown(0.8);
	}

	/** A horizontal bar chart drawn as vector graphics, tagged as a Figure with alternative text. */
	barChart(question: QuestionResult): void {
		const doc = this.doc;
		const rowHeight = 16;
		const labelWidth = Math.min(190, this.width * 0.4);
		const barMax = this.width - labelWidth - 70;
		const height = question.rows.length * rowHeight + 6;
		if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
		const top = doc.y;
		const left = doc.page.margins.left;
		const largest = Math.max(1, ...question.rows.map((row) => row.percent));
		this.parent.add(
			struct(
				doc,
				'Figure',
				{
					alt: question.chartDescription,
					bbox: [left, top, left + this.width, top + height],
					placement: 'Block'
				},
				() => {
					question.rows.forEach((row, index) => {
						const y = top + index * rowHeight;
						doc.font(FONTS.regular).fontSize(SIZES.small).fillColor(COLORS.ink);
						doc.text(fitToWidth(doc, row.label, labelWidth - 6), left, y + 3, { lineBreak: false });
						const barWidth = (row.percent / largest) * barMax;
						doc.rect(left + labelWidth, y + 2, Math.max(barWidth, 0.5), rowHeight - 5).fill(COLORS.bar);
						doc
							.fillColor(COLORS.ink)
							.text(`${row.count} (${row.percentText})`, left + labelWidth + barWidth + 6, y + 3, {
								lineBreak: false
							});
					});
				}
			)
		);
		doc.x = left;
		doc.y = top + height + 6;
	}
}

/** Shortens a label with "…" until it fits; cheaper than pdfkit's wrapping with ellipsis. */
function fitToWidth(doc: Doc, text: string, width: number): string {
	if (doc.widthOfString(text) <= width) return text;
	let end = text.length;
	while (end > 1 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end = Math.floor(end * 0.9);
	return `${text.slice(0, end).trimEnd()}…`;
}

function writeBody(writer: StructuredWriter, model: DocumentationModel): void {
	writer.heading(1, model.title);
	if (model.moderation) writer.labelled(model.moderation.label, model.moderation.text);
	if (model.createdBy) writer.labelled(model.createdBy.label, model.createdBy.text);
	if (model.format) {
		writer.heading(2, model.format.label);
		model.format.paragraphs.forEach((text) => writer.paragraph(text));
	}
	if (model.topic) {
		writer.heading(2, model.topic.label);
		writer.heading(3, model.topic.title);
		model.topic.summary.forEach((text) => writer.paragraph(text));
		if (model.topic.guidingQuestions.length) {
			writer.paragraph(model.topic.guidingQuestionsLabel, { bold: true });
			writer.bulletList(model.topic.guidingQuestions);
		}
	}
	if (model.outlook) {
		writer.heading(2, model.outlook.label);
		model.outlook.paragraphs.forEach((text) => writer.paragraph(text));
	}
	if (model.attachments) {
		writer.heading(2, model.attachments.label);
		writer.bulletList(model.attachments.titles);
	}
	if (model.agenda) {
		writer.heading(2, model.agenda.label);
		writer.labelledList(
			model.agenda.items.map((item) => ({
				label: item.slot,
				lines: [{ text: item.title }, ...item.details.map((text) => ({ text }))]
			}))
		);
	}
	for (const section of model.sections) writeSection(writer, section, model);
}

function writeSection(
	writer: StructuredWriter,
	section: DocumentationSection,
	model: DocumentationModel
): void {
	writer.doc.addPage();
	writer.heading(2, section.heading);
	switch (section.kind) {
		case 'polls':
			for (const poll of section.polls) {
				writer.heading(3, poll.title);
				for (const question of poll.questions) {
					writer.heading(4, question.text);
					writer.paragraph(question.respondentsText, { color: COLORS.muted });
					if (question.rows.length) {
						writer.barChart(question);
						writer.table(
							[model.labels.pollOption, model.labels.pollCount, model.labels.pollPercent],
							question.rows.map((row) => [row.label, String(row.count), row.percentText])
						);
					}
					if (question.texts.length) {
						writer.paragraph(model.labels.freeTexts, { bold: true });
						writer.bulletList(question.texts);
					}
				}
			}
			break;
		case 'breakouts':
			for (const round of section.rounds) {
				writer.heading(3, round.title);
				if (round.description) writer.paragraph(round.description);
				if (round.questions.length) {
					writer.paragraph(model.labels.guidingQuestions, { bold: true });
					writer.bulletList(round.questions);
				}
				for (const room of round.rooms) {
					writer.heading(4, room.heading);
					for (const column of room.columns) {
						writer.paragraph(column.name, { bold: true });
						writer.bulletList(
							column.cards.map((card) => (card.votesText ? `${card.text} (${card.votesText})` : card.text))
						);
					}
				}
				if (round.synthesis.length) {
					writer.heading(4, model.labels.synthesis);
					round.synthesis.forEach((text) => writer.paragraph(text));
				}
			}
			break;
		case 'findings':
			section.paragraphs.forEach((text) => writer.paragraph(text));
			break;
		case 'participants': {
			// Emails need the widest column, so that an address is not broken across lines.
			const shares = { name: 0.23, organization: 0.27, municipality: 0.17, email: 0.33 };
			const total = section.columns.reduce((sum, column) => sum + shares[column.key], 0);
			const width = writer.doc.page.width - 2 * PAGE_MARGIN;
			writer.table(
				section.columns.map((column) => column.label),
				section.rows.map((row) => section.columns.map((column) => row[column.key])),
				section.columns.map((column) => (shares[column.key] / total) * width)
			);
			break;
		}
		case 'networks':
		case 'goodPractice':
			for (const network of section.kind === 'networks' ? section.networks : section.entries) {
				writer.heading(3, network.name);
				if (network.description) writer.paragraph(network.description);
				writer.bulletList(network.facts.map((fact) => `${fact.label}: ${fact.value}`));
			}
			break;
		case 'uploads':
			writer.bulletList(
				section.files.map((file) => (file.file ? `${file.title} (${file.file})` : file.title))
			);
			break;
		default: {
			const exhaustive: never = section;
			throw new Error(`Unknown section ${JSON.stringify(exhaustive)}`);
		}
	}
}

/** The funding notice and "Seite n von m" at the foot of every page, marked as a pagination artifact. */
function drawFooters(doc: Doc, model: DocumentationModel): void {
	const range = doc.bufferedPageRange();
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index);
		const bottomMargin = doc.page.margins.bottom;
		// Writing below the bottom margin would start a new page: lift the margin while drawing.
		doc.page.margins.bottom = 0;
		const width = doc.page.width - 2 * PAGE_MARGIN;
		const top = doc.page.height - FOOTER_HEIGHT;
		doc.markContent('Artifact', { type: 'Pagination' });
		doc
			.moveTo(PAGE_MARGIN, top)
			.lineTo(PAGE_MARGIN + width, top)
			.lineWidth(0.5)
			.strokeColor(COLORS.rule)
			.stroke();
		let y = top + 8;
		if (model.fundingNotice) {
			doc
				.font(FONTS.regular)
				.fontSize(SIZES.small)
				.fillColor(COLORS.muted)
				.text(model.fundingNotice.lead, PAGE_MARGIN, y, { width, lineBreak: false });
			y += 12;
			for (const line of model.fundingNotice.funder) {
				doc
					.font(FONTS.bold)
					.fontSize(SIZES.small)
					.fillColor(COLORS.ink)
					.text(line, PAGE_MARGIN, y, { width, lineBreak: false });
				y += 11;
			}
		}
		doc
			.font(FONTS.regular)
			.fontSize(SIZES.small)
			.fillColor(COLORS.muted)
			.text(model.labels.page(index - range.start + 1, range.count), PAGE_MARGIN, doc.page.height - 30, {
				width,
				align: 'right',
				lineBreak: false
			});
		doc.endMarkedContent();
		doc.page.margins.bottom = bottomMargin;
	}
}
