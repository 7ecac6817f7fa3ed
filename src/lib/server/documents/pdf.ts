/**
 * Tagged PDF (PDF/UA-style) of the documentation model with pdfkit: a structure tree of
 * headings, paragraphs, lists, tables and figures (charts with alternative text) in reading
 * order, the document language, the title shown in the window, an embedded font, bookmarks from
 * the headings, and the funding notice with page numbers at the foot of every page (as a
 * pagination artifact, outside the structure).
 */
import PDFDocument from 'pdfkit';
import type { DocumentationModel, DocumentationSection } from '../../domain/documentation/model';
import { writeSectionBody } from '../../domain/documentation/section-walk';
import { fontPaths } from './fonts';
import { COLORS, FONTS, FOOTER_HEIGHT, PAGE_MARGIN, SIZES, StructuredWriter, type Doc } from './pdf-writer';

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
	writeSectionBody(section, model, {
		heading: (level, text) => writer.heading(level, text),
		paragraph: (text) => writer.paragraph(text),
		note: (text) => writer.paragraph(text, { color: COLORS.muted }),
		label: (text) => writer.paragraph(text, { bold: true }),
		list: (items) => writer.bulletList(items),
		questionResult: (question, headers) => {
			writer.barChart(question);
			writer.table(
				headers,
				question.rows.map((row) => [row.label, String(row.count), row.percentText])
			);
		},
		participants: (participants) => {
			// Emails need the widest column, so that an address is not broken across lines.
			const shares = { name: 0.23, organization: 0.27, municipality: 0.17, email: 0.33 };
			const total = participants.columns.reduce((sum, column) => sum + shares[column.key], 0);
			const width = writer.doc.page.width - 2 * PAGE_MARGIN;
			writer.table(
				participants.columns.map((column) => column.label),
				participants.rows.map((row) => participants.columns.map((column) => row[column.key])),
				participants.columns.map((column) => (shares[column.key] / total) * width)
			);
		},
		facts: (facts) => writer.bulletList(facts.map((fact) => `${fact.label}: ${fact.value}`))
	});
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
