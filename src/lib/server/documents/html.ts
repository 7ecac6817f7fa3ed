/**
 * HTML of the documentation model: an accessible fragment (for the app's documentation page)
 * and a standalone file with its own screen and print styles. Every text from the meeting is
 * escaped; charts are inline SVG with a text alternative, each followed by a data table.
 */
import type {
	DocumentationModel,
	DocumentationSection,
	QuestionResult
} from '../../domain/documentation/model';
import { escapeHtml } from '../../domain/escape-html';
import { writeSectionBody } from '../../domain/documentation/section-walk';

const e = escapeHtml;

/** Ids for headings, so that a table of contents or a link can point at them. */
function slug(text: string, used: Set<string>): string {
	const base =
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'abschnitt';
	let id = base;
	for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
	used.add(id);
	return id;
}

/**
 * The documentation as an `<article>`; `headingOffset` shifts heading levels when the page
 * already has its own h1 (0: the title is the h1).
 */
export function renderHtmlFragment(model: DocumentationModel, headingOffset = 0): string {
	const used = new Set<string>();
	const h = (level: number, text: string) => {
		const tag = `h${Math.min(6, level + headingOffset)}`;
		return `<${tag} id="${slug(text, used)}">${e(text)}</${tag}>`;
	};
	const p = (text: string) => `<p>${e(text)}</p>`;
	const list = (items: string[]) =>
		items.length ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';
	const out: string[] = [`<article class="documentation" lang="${model.lang}">`, h(1, model.title)];
	if (model.moderation)
		out.push(`<p><strong>${e(model.moderation.label)}</strong> ${e(model.moderation.text)}</p>`);
	if (model.createdBy)
		out.push(`<p><strong>${e(model.createdBy.label)}</strong> ${e(model.createdBy.text)}</p>`);
	if (model.format) out.push(h(2, model.format.label), ...model.format.paragraphs.map(p));
	if (model.topic) {
		out.push(h(2, model.topic.label), h(3, model.topic.title), ...model.topic.summary.map(p));
		if (model.topic.guidingQuestions.length)
			out.push(
				`<p><strong>${e(model.topic.guidingQuestionsLabel)}</strong></p>`,
				list(model.topic.guidingQuestions)
			);
	}
	if (model.outlook) out.push(h(2, model.outlook.label), ...model.outlook.paragraphs.map(p));
	if (model.attachments) out.push(h(2, model.attachments.label), list(model.attachments.titles));
	if (model.agenda) {
		out.push(h(2, model.agenda.label), '<dl class="documentation-agenda">');
		for (const item of model.agenda.items) {
			out.push(
				`<dt>${e(item.slot)}</dt><dd>${e(item.title)}${item.details.map((detail) => `<br>${e(detail)}`).join('')}</dd>`
			);
		}
		out.push('</dl>');
	}
	for (const section of model.sections) out.push(renderSection(section, model, h, p, list));
	if (model.fundingNotice) {
		out.push(
			`<footer class="documentation-funding"><p>${e(model.fundingNotice.lead)}</p><p><strong>${model.fundingNotice.funder.map(e).join('<br>')}</strong></p></footer>`
		);
	}
	out.push('</article>');
	return out.join('\n');
}

function table(header: string[], rows: string[][], caption?: string): string {
	return [
		'<table>',
		caption ? `<caption>${e(caption)}</caption>` : '',
		`<thead><tr>${header.map((cell) => `<th scope="col">${e(cell)}</th>`).join('')}</tr></thead>`,
		`<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`,
		'</table>'
	].join('');
}

/** A horizontal bar chart; the SVG is an image with a full text alternative, the table below carries the data. */
function barChart(question: QuestionResult): string {
	const rowHeight = 28;
	const labelWidth = 220;
	const barMax = 360;
	const width = labelWidth + barMax + 90;
	const height = question.rows.length * rowHeight + 8;
	const largest = Math.max(1, ...question.rows.map((row) => row.percent));
	const bars = question.rows
		.map((row, index) => {
			const y = index * rowHeight + 4;
			const barWidth = Math.max(1, (row.percent / largest) * barMax);
			return [
				`<text x="0" y="${y + 18}" class="chart-label">${e(row.label.length > 34 ? `${row.label.slice(0, 33)}…` : row.label)}</text>`,
				`<rect x="${labelWidth}" y="${y + 4}" width="${barWidth.toFixed(1)}" height="${rowHeight - 10}" class="chart-bar"></rect>`,
				`<text x="${(labelWidth + barWidth + 8).toFixed(1)}" y="${y + 18}" class="chart-value">${row.count} (${e(row.percentText)})</text>`
			].join('');
		})
		.join('');
	return `<figure class="chart"><svg role="img" aria-label="${e(question.chartDescription)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function renderSection(
	section: DocumentationSection,
	model: DocumentationModel,
	h: (level: number, text: string) => string,
	p: (text: string) => string,
	list: (items: string[]) => string
): string {
	const out: string[] = [
		`<section class="documentation-section documentation-${section.kind}">`,
		h(2, section.heading)
	];
	const strong = (text: string) => `<p><strong>${e(text)}</strong></p>`;
	writeSectionBody(section, model, {
		heading: (level, text) => out.push(h(level, text)),
		paragraph: (text) => out.push(p(text)),
		note: (text) => out.push(`<p class="muted">${e(text)}</p>`),
		label: (text) => out.push(strong(text)),
		list: (items) => out.push(list(items)),
		questionResult: (question, headers) =>
			out.push(
				barChart(question),
				table(
					headers,
					question.rows.map((row) => [row.label, String(row.count), row.percentText]),
					question.text
				)
			),
		participants: (participants) =>
			out.push(
				table(
					participants.columns.map((column) => column.label),
					participants.rows.map((row) => participants.columns.map((column) => row[column.key]))
				)
			),
		facts: (facts) =>
			out.push(
				`<dl>${facts.map((fact) => `<dt>${e(fact.label)}</dt><dd>${e(fact.value)}</dd>`).join('')}</dl>`
			)
	});
	out.push('</section>');
	return out.join('\n');
}

/** Styles shared by the standalone file and the app page (screen and print). */
export const documentationCss = `
.documentation { max-width: 48rem; line-height: 1.5; color: #1b1f23; }
.documentation h1 { font-size: 1.6rem; }
.documentation h2 { font-size: 1.3rem; margin-top: 1.8rem; }
.documentation h3 { font-size: 1.1rem; }
.documentation h4 { font-size: 1rem; }
.documentation .muted { color: #4a5560; }
.documentation-agenda dt { font-weight: 700; font-variant-numeric: tabular-nums; margin-top: .6rem; }
.documentation-agenda dd { margin-left: 1.5rem; }
.documentation table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; }
.documentation caption { text-align: left; font-weight: 600; }
.documentation th, .documentation td { border: 1px solid #8a96a3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.documentation .chart { margin: .5rem 0; max-width: 40rem; }
.documentation .chart-label, .documentation .chart-value { font: 13px 'DejaVu Sans', Arial, sans-serif; fill: #1b1f23; }
.documentation .chart-bar { fill: #0b5a6b; }
.documentation-funding { border-top: 1px solid #8a96a3; margin-top: 2.5rem; padding-top: .5rem; font-size: .9rem; }
@media print {
  .documentation { max-width: none; font-size: 10.5pt; }
  .documentation-section { break-before: page; }
  .documentation h2, .documentation h3, .documentation h4 { break-after: avoid; }
  .documentation table, .documentation figure { break-inside: avoid; }
  .documentation a { color: inherit; text-decoration: none; }
}
`;

/** A standalone HTML file (no outside resources). */
export function renderHtmlDocument(model: DocumentationModel): string {
	return `<!doctype html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Netzwerkstatt">
<title>${e(model.title)}</title>
<style>
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 50rem; }
${documentationCss}
</style>
</head>
<body>
<main>
${renderHtmlFragment(model)}
</main>
</body>
</html>
`;
}
