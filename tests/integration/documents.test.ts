import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocumentationModel } from '../../src/lib/domain/documentation/model';
import { renderDocx } from '../../src/lib/server/documents/docx';
import { renderHtmlDocument } from '../../src/lib/server/documents/html';
import { renderMarkdown } from '../../src/lib/server/documents/markdown';
import { renderPdf } from '../../src/lib/server/documents/pdf';
import {
	expectLinesInOrder,
	foundingDocument,
	foundingLines,
	normalizeWhitespace
} from '../helpers/founding-document';
import { mustAppear, mustNotAppear, richMeeting } from '../helpers/rich-meeting';
import { hasTool, runTool } from '../helpers/tools';

const FUNDING = [
	'„Kultur in Westfalen“ wird gefördert vom:',
	'Ministerium für',
	'Kultur und Wissenschaft',
	'des Landes Nordrhein-Westfalen'
];
const hasPoppler = hasTool('pdftotext', 'PDF documentation') && hasTool('qpdf', 'PDF documentation');
const hasLibreOffice = hasTool('soffice', 'DOCX documentation');

let workDir: string;
beforeAll(() => {
	workDir = mkdtempSync(join(tmpdir(), 'nws-docs-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function write(name: string, content: Buffer | string): string {
	const path = join(workDir, name);
	writeFileSync(path, content);
	return path;
}

function pdfPages(path: string): string[] {
	const pages = Number(/Pages:\s+(\d+)/.exec(runTool('pdfinfo', [path]))?.[1]);
	return Array.from({ length: pages }, (_, index) =>
		runTool('pdftotext', ['-f', String(index + 1), '-l', String(index + 1), path, '-'])
	);
}

/** Converts a DOCX with LibreOffice (headless) to another format; returns the new file's path. */
function convertWithLibreOffice(path: string, format: 'txt:Text' | 'pdf'): string {
	runTool('soffice', [
		'--headless',
		'--norestore',
		`-env:UserInstallation=file://${workDir}/lo-profile`,
		'--convert-to',
		format,
		'--outdir',
		workDir,
		path
	]);
	return path.replace(/\.docx$/, format === 'pdf' ? '.pdf' : '.txt');
}

/** The visible text of HTML: tags removed, entities decoded. */
function htmlText(html: string): string {
	return html
		.replace(/<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
}

function expectPrivacy(text: string, format: string): void {
	const normalized = normalizeWhitespace(text);
	for (const hidden of mustNotAppear) expect(normalized, `${format} names ${hidden}`).not.toContain(hidden);
	for (const shown of mustAppear) expect(normalized, `${format} lacks ${shown}`).toContain(shown);
}

describe.skipIf(!hasPoppler)('PDF documentation', () => {
	it('holds every line of the founding document in order, and the funding notice on every page', async () => {
		const path = write('founding.pdf', await renderPdf(buildDocumentationModel(foundingDocument())));
		const pages = pdfPages(path);
		expectLinesInOrder(pages.join('\n'), foundingLines());
		expect(pages.length).toBeGreaterThan(1);
		pages.forEach((page, index) => {
			for (const line of FUNDING) expect(normalizeWhitespace(page), `page ${index + 1}`).toContain(line);
			expect(page).toContain(`Seite ${index + 1} von ${pages.length}`);
		});
	});

	it('is tagged, passes qpdf --check, has language, title and an embedded font', async () => {
		const path = write('tagged.pdf', await renderPdf(buildDocumentationModel(richMeeting())));
		const info = runTool('pdfinfo', [path]);
		expect(info).toMatch(/Tagged:\s+yes/);
		expect(info).toMatch(/Title:\s+Dokumentation des zweiten Austauschtreffens/);
		expect(runTool('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors');
		const fonts = runTool('pdffonts', [path]);
		expect(fonts).toMatch(/DejaVuSans.*yes/);
		const json = JSON.parse(runTool('qpdf', ['--json', path])) as {
			qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
		};
		const objects = Object.values(json.qpdf[1]).map((entry) => entry.value ?? {});
		const catalog = objects.find((object) => object['/Type'] === '/Catalog');
		expect(catalog?.['/Lang']).toMatch(/de-DE/);
		expect(catalog?.['/ViewerPreferences']).toBeDefined();
		expect(catalog?.['/Outlines']).toBeDefined();
		// One Figure per chart (three charted questions), each with alternative text.
		const figures = objects.filter((object) => object['/S'] === '/Figure');
		expect(figures).toHaveLength(3);
		for (const figure of figures) expect(String(figure['/Alt'])).toMatch(/^u:Balkendiagramm zu/);
	});

	it('has a structure tree of headings, paragraphs, lists, tables and figures in reading order', async () => {
		const path = write('structure.pdf', await renderPdf(buildDocumentationModel(richMeeting())));
		const tree = runTool('pdfinfo', ['-struct-text', path]);
		const tags = [...tree.matchAll(/^\s*(H1|H2|H3|H4|P|L|LI|Lbl|LBody|Table|TR|TH|TD|Figure)\b/gm)].map(
			(match) => match[1]
		);
		for (const tag of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Table', 'TH', 'TD', 'Figure'])
			expect(tags, tag).toContain(tag);
		expect(tags[0]).toBe('H1');
		// Reading order: the title, then the labelled sections, the agenda, then poll results with a chart before its table.
		const order = [
			'Dokumentation des zweiten',
			'Format:',
			'Thema:',
			'Ablauf des Treffens:',
			'Umfrageergebnisse',
			'Teilnehmendenliste'
		];
		expectLinesInOrder(tree, order);
		expect(tree.indexOf('Figure')).toBeLessThan(tree.indexOf('Table'));
	});

	it('names only people with consent and escapes nothing into markup', async () => {
		const path = write('privacy.pdf', await renderPdf(buildDocumentationModel(richMeeting())));
		const text = pdfPages(path).join('\n');
		expectPrivacy(text, 'PDF');
		expect(normalizeWhitespace(text)).toContain('Netzwerke <vor Ort> & "Kooperation"');
	});
});

describe.skipIf(!hasLibreOffice)('DOCX documentation', () => {
	it('opens in LibreOffice with every line of the founding document in order', async () => {
		const path = write('founding.docx', await renderDocx(buildDocumentationModel(foundingDocument())));
		const text = readFileSync(convertWithLibreOffice(path, 'txt:Text'), 'utf8');
		expectLinesInOrder(text, foundingLines());
	});

	it('has heading styles with outline levels, lists and tables, and the funding notice in the footer of every page', async () => {
		const buffer = await renderDocx(buildDocumentationModel(richMeeting()));
		const files = unzipSync(new Uint8Array(buffer));
		const styles = strFromU8(files['word/styles.xml']!);
		expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
		const body = strFromU8(files['word/document.xml']!);
		expect(body).toContain('<w:pStyle w:val="Heading1"/>');
		expect(body).toContain('<w:pStyle w:val="Heading2"/>');
		expect(body).toContain('<w:numPr>');
		expect(body).toContain('<w:tblHeader/>');
		const footers = Object.keys(files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
		expect(footers.map((name) => strFromU8(files[name]!)).join('')).toContain('Ministerium für');
		if (!hasPoppler) return;
		const pdf = convertWithLibreOffice(write('footer.docx', buffer), 'pdf');
		const pages = pdfPages(pdf);
		expect(pages.length).toBeGreaterThan(1);
		pages.forEach((page, index) => {
			expect(normalizeWhitespace(page), `page ${index + 1}`).toContain('des Landes Nordrhein-Westfalen');
			expect(page).toContain(`Seite ${index + 1} von ${pages.length}`);
		});
	});

	it('names only people with consent', async () => {
		const path = write('privacy.docx', await renderDocx(buildDocumentationModel(richMeeting())));
		const text = readFileSync(convertWithLibreOffice(path, 'txt:Text'), 'utf8');
		expectPrivacy(text, 'DOCX');
		expect(normalizeWhitespace(text)).toContain('Netzwerke <vor Ort> & "Kooperation"');
	});
});

describe('HTML and Markdown documentation', () => {
	it('HTML holds every line of the founding document in order, the funding notice at the end', () => {
		const html = renderHtmlDocument(buildDocumentationModel(foundingDocument()));
		const text = htmlText(html);
		expectLinesInOrder(text, foundingLines());
		expectLinesInOrder(text.slice(text.lastIndexOf('Abschluss und Verabschiedung')), FUNDING);
		expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
		expect(html).toContain('@media print');
		expect(html).not.toMatch(/(src|href)="https?:/);
	});

	it('escapes <, & and quotes and names only people with consent', () => {
		const html = renderHtmlDocument(buildDocumentationModel(richMeeting()));
		expect(html).not.toContain('<b>Markup</b>');
		expect(html).toContain('Netzwerke &lt;vor Ort&gt; &amp; &quot;Kooperation&quot;');
		expectPrivacy(htmlText(html), 'HTML');
		expect(html.match(/<svg role="img" aria-label="Balkendiagramm/g)).toHaveLength(3);
	});

	it('Markdown names only people with consent', () => {
		const markdown = renderMarkdown(buildDocumentationModel(richMeeting()));
		expectPrivacy(markdown.replace(/\\(.)/g, '$1'), 'Markdown');
		expect(markdown).not.toContain('<b>');
	});
});
