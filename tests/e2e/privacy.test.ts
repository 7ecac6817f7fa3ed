import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { uploadAttachment } from '../../src/lib/server/services/attachments';
import {
	createDocumentationVersion,
	publishDocumentation
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { textOfFile } from '../helpers/public-outputs';
import { hasTool } from '../helpers/tools';
import { asE2eOrganizer, e2e, inBothModes, isE2eAvailable } from './browser';

/**
 * What the public sees of the demo's fictional meeting (published, with a published
 * documentation): nobody without consent is named, in pages, downloads or feeds.
 */
const meetingPath = '/series/beispiel-reihe-fiktiv/1';
const hidden = [
	'Jana Probe',
	'jana.probe@example.org',
	'Lea Fiktiv',
	'Ole Erfunden',
	'max.muster@example.org'
];

function expectNobodyHidden(text: string, where: string): void {
	for (const person of hidden) expect(text, `${where} names ${person}`).not.toContain(person);
}

inBothModes('privacy of the public meeting pages', (session) => {
	for (const path of [meetingPath, `${meetingPath}/documentation`]) {
		it(`${path} names nobody without consent, also in its page data`, async () => {
			// The HTML as the server sends it, with SvelteKit's page data for hydration.
			const source = await fetch(`${e2e.baseUrl}${path}`);
			expect(source.status).toBe(200);
			expectNobodyHidden(await source.text(), `${path} (source)`);
			// The page as shown; axe checks each page once, in the JavaScript run.
			if (session.hasJavaScript) await session.visit(path);
			else expect((await session.page.goto(path))?.status()).toBe(200);
			expectNobodyHidden(await session.page.content(), `${path} (page)`);
			expect(await session.page.locator('main').textContent()).toContain('Erika Beispiel');
		});
	}
});

describe.skipIf(!isE2eAvailable)('privacy of the public downloads', () => {
	const hasPoppler = hasTool('pdftotext', 'PDF privacy') && hasTool('pdfinfo', 'PDF privacy');

	it('the documentation in every format, every file of its ZIP and the calendar feeds name nobody without consent', async () => {
		const api = '/api/v1/meetings/beispiel-reihe-fiktiv/1';
		const downloads = [
			...['pdf', 'docx', 'html', 'md', 'zip'].map((format) => `${api}/documentation.${format}`),
			`${api}/documentation.zip?lang=en`,
			`${meetingPath}/calendar.ics`,
			'/series/beispiel-reihe-fiktiv/calendar.ics',
			api
		];
		for (const path of downloads) {
			const response = await fetch(`${e2e.baseUrl}${path}`);
			expect(response.status, path).toBe(200);
			const bytes = new Uint8Array(await response.arrayBuffer());
			const name = new URL(path, e2e.baseUrl).pathname;
			expectNobodyHidden(textOfFile(name, bytes, hasPoppler).replace(/\r?\n[ \t]/g, ''), path);
		}
		const zip = unzipSync(
			new Uint8Array(await (await fetch(`${e2e.baseUrl}${api}/documentation.zip`)).arrayBuffer())
		);
		const meetingJson = MeetingDocument.parse(JSON.parse(strFromU8(zip['meeting.json']!)));
		expect(meetingJson.meeting.people?.map((person) => person.name)).toEqual([
			'Erika Beispiel',
			'Max Muster',
			'Tom Test'
		]);
	});

	it('/files/{id} serves a file to the public only once the published documentation lists it', async () => {
		const seriesId = `e2e-dateien-${randomUUID().slice(0, 8)}`;
		const document = MeetingDocument.parse(fictionalDocument());
		const address = { seriesId, number: document.meeting.number };
		const upload = await asE2eOrganizer(async (db, actor) => {
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{
					publish: true
				}
			);
			const first = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: first.id });
			return uploadAttachment(
				db,
				actor,
				address,
				{ title: 'Entwurf', kind: 'other' },
				{ name: 'entwurf.pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') },
				{ dataDir: e2e.dataDir, limitBytes: 1024 * 1024 }
			);
		});
		const path = `${e2e.baseUrl}/files/${upload.fileId}`;
		expect((await fetch(path)).status).toBe(404);

		await asE2eOrganizer(async (db, actor) => {
			const second = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: second.id });
		});
		const response = await fetch(path);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('attachment; filename="entwurf.pdf"');
	});
});
