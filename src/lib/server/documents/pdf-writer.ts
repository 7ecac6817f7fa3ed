import type { QuestionResult } from '../../domain/documentation/model';
import { fontPaths } from './fonts';

/**
 * The layout primitives of the tagged PDF: a writer that puts headings, paragraphs, lists, tables
 * and bar charts into pdfkit's structure tree in reading order, with the page geometry, colours
 * and fonts they share. What the documentation says, and in which order, is in pdf.ts.
 */

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

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

export const PAGE_MARGIN = 62;
export const FOOTER_HEIGHT = 96;
export const COLORS = { ink: '#1b1f23', muted: '#4a5560', bar: '#0b5a6b', rule: '#8a96a3' };
/**
 * Fonts are named by their file path everywhere: pdfkit caches an opened font under the name it
 * was asked for, and a registered alias of an already opened font is parsed again on every switch,
 * which made large documents several times slower.
 */
export const FONTS = fontPaths;
export const SIZES = { h1: 17, h2: 13.5, h3: 12, h4: 11, body: 10.5, small: 8.5 };

/** Writes structured content into the tree under one parent, and keeps the bookmarks in step. */
export class StructuredWriter {
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
