/**
 * `npm run bench:docs`: how long generating the documentation takes, and how much memory it
 * needs, for the founding meeting and a large generated one, in every format. Pure: the
 * documentation model and the renderers, no database.
 *
 * Each case runs in a fresh child process, so that its peak RSS (`maxRSS`) is its own. Prints one
 * JSON line per case, `{"case","format","ms","peak_rss_mb"}`, and at the end one JSON object
 * `{"cases":[…]}` with all of them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocumentationModel } from '../src/lib/domain/documentation/model';
import { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import { buildBundle } from '../src/lib/server/documents/bundle';
import { renderDocx } from '../src/lib/server/documents/docx';
import { renderHtmlDocument } from '../src/lib/server/documents/html';
import { renderMarkdown } from '../src/lib/server/documents/markdown';
import { renderPdf } from '../src/lib/server/documents/pdf';
import { largeMeeting } from './large-meeting';

const root = join(import.meta.dirname, '..');
const caseNames = ['founding', 'large'] as const;
const formats = ['pdf', 'docx', 'html', 'md', 'zip'] as const;
type CaseName = (typeof caseNames)[number];
type Format = (typeof formats)[number];

interface CaseResult {
	case: CaseName;
	format: Format;
	ms: number;
	peak_rss_mb: number;
}

/** The founding meeting: the same example file tests/helpers/founding-document.ts reads (without vitest). */
function foundingMeeting(): MeetingDocument {
	return MeetingDocument.parse(
		JSON.parse(readFileSync(join(root, 'spec', 'examples', 'austauschtreffen-2024-11-20.json'), 'utf8'))
	);
}

async function render(document: MeetingDocument, format: Format): Promise<Buffer> {
	const model = buildDocumentationModel(document);
	const author = document.meeting.documentedBy?.map((person) => person.name).join(', ');
	switch (format) {
		case 'pdf':
			return renderPdf(model, { author });
		case 'docx':
			return renderDocx(model, { author });
		case 'html':
			return Buffer.from(renderHtmlDocument(model));
		case 'md':
			return Buffer.from(renderMarkdown(model));
		case 'zip': {
			const [pdf, docx] = await Promise.all([renderPdf(model, { author }), renderDocx(model, { author })]);
			return buildBundle({
				baseName: 'dokumentation',
				pdf,
				docx,
				meetingJson: `${JSON.stringify(document, null, 2)}\n`,
				extras: [],
				attachments: []
			});
		}
		default: {
			const exhaustive: never = format;
			throw new Error(`Unknown format ${String(exhaustive)}`);
		}
	}
}

/** In the child: one case, timed from the document to the finished file. */
async function runCase(caseName: CaseName, format: Format): Promise<CaseResult> {
	const document = caseName === 'founding' ? foundingMeeting() : largeMeeting();
	const started = performance.now();
	const bytes = await render(document, format);
	const ms = performance.now() - started;
	if (bytes.length === 0) throw new Error(`${caseName}/${format}: empty output`);
	return {
		case: caseName,
		format,
		ms: Math.round(ms * 10) / 10,
		// maxRSS is in kilobytes.
		peak_rss_mb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10
	};
}

function runInChild(caseName: CaseName, format: Format): CaseResult {
	const child = spawnSync(
		process.execPath,
		['--import', 'tsx', join(import.meta.dirname, 'docs.ts'), '--child', caseName, format],
		{ cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
	);
	if (child.status !== 0) throw new Error(`${caseName}/${format} failed with exit code ${child.status}`);
	return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as CaseResult;
}

async function main(): Promise<void> {
	const childIndex = process.argv.indexOf('--child');
	if (childIndex >= 0) {
		const caseName = process.argv[childIndex + 1] as CaseName;
		const format = process.argv[childIndex + 2] as Format;
		if (!caseNames.includes(caseName) || !formats.includes(format)) throw new Error('Unknown case');
		console.log(JSON.stringify(await runCase(caseName, format)));
		return;
	}
	const cases: CaseResult[] = [];
	for (const caseName of caseNames) {
		for (const format of formats) {
			const result = runInChild(caseName, format);
			console.log(JSON.stringify(result));
			cases.push(result);
		}
	}
	console.log(JSON.stringify({ cases }));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
