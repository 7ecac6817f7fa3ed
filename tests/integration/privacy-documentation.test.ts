import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import { readAttachmentFile, uploadAttachment } from '../../src/lib/server/services/attachments';
import {
	createDocumentationVersion,
	publishDocumentation,
	renderDocumentation,
	unpublishDocumentation
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { outputsFor } from '../helpers/public-outputs';
import { rejection } from '../helpers/test-doubles';
import { hasTool } from '../helpers/tools';

const dataDir = mkdtempSync(join(tmpdir(), 'nws-privacy-documentation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const hasPoppler = hasTool('pdftotext', 'PDF privacy') && hasTool('pdfinfo', 'PDF privacy');

/** People of the fictional example the public must never see: no consent, or an email without its consent. */
const hidden = [
	'Jana Probe',
	'jana.probe@example.org',
	'Lea Fiktiv',
	'Ole Erfunden',
	'max.muster@example.org'
];
/** Named with consent (participant list, email) or in a public role. */
const shown = ['Erika Beispiel', 'erika.beispiel@example.org', 'Max Muster', 'Tom Test'];

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const database of testDatabases()) {
	describe(`${database.name}: privacy of the public documentation outputs`, () => {
		afterAll(() => database.close());

		async function publishedFictionalMeeting(actor: Actor) {
			const db = await database.open();
			const document = MeetingDocument.parse(fictionalDocument());
			const seriesId = `fiktiv-${factories(db).unique()}`;
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{
					publish: true
				}
			);
			const address = { seriesId, number: document.meeting.number };
			const version = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: version.id });
			return address;
		}

		it(
			'names a person without consent in no public output, and the organizers keep the full bundle',
			{ timeout: 240_000 },
			async () => {
				const db = await database.open();
				const { actor } = await factories(db).organizer();
				const address = await publishedFictionalMeeting(actor);

				const outputs = await outputsFor(db, anonymous, address, { dataDir, hasPoppler });
				expect([...outputs.keys()]).toHaveLength(14);
				for (const [name, text] of outputs) {
					for (const person of hidden) expect(text, `${name} names ${person}`).not.toContain(person);
					// The moderator is named in every documentation file (PDF text read when pdftotext is there).
					if (name.startsWith('documentation.') && (hasPoppler || !name.includes('pdf')))
						expect(text, `${name} lacks the moderator`).toContain('Erika Beispiel');
				}
				const documentation = outputs.get('documentation.html (de)')!;
				for (const person of shown) expect(documentation, `lacks ${person}`).toContain(person);

				// The public meeting.json: only the people the documentation names, no room membership.
				const publicZip = unzipSync(
					new Uint8Array(
						(await renderDocumentation(db, anonymous, address, { format: 'zip' }, { dataDir })).bytes
					)
				);
				const publicJson = MeetingDocument.parse(JSON.parse(strFromU8(publicZip['meeting.json']!)));
				expect(publicJson.meeting.people?.map((person) => person.id)).toEqual([
					'erika-beispiel',
					'max-muster',
					'tom-test'
				]);
				for (const round of publicJson.meeting.breakoutRounds ?? [])
					for (const room of round.rooms) expect(room.participants).toBeUndefined();

				// Organizers still download everything (the full exchange document).
				const fullZip = unzipSync(
					new Uint8Array(
						(await renderDocumentation(db, actor, address, { format: 'zip' }, { dataDir })).bytes
					)
				);
				const fullJson = strFromU8(fullZip['meeting.json']!);
				expect(fullJson).toContain('jana.probe@example.org');
				expect(fullJson).toContain('"participants"');
			}
		);

		it('serves an uploaded file publicly only while the published version lists it', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const address = await publishedFictionalMeeting(actor);
			// Uploaded after the published version was made: that version does not list it.
			const upload = await uploadAttachment(
				db,
				actor,
				address,
				{ title: 'Entwurf, nicht veröffentlicht', kind: 'other' },
				{ name: 'entwurf.pdf', bytes: pdfBytes },
				{ dataDir, limitBytes: 1024 * 1024 }
			);
			expect((await rejection(readAttachmentFile(db, anonymous, upload.fileId, { dataDir }))).kind).toBe(
				'not-found'
			);
			const forOrganizer = await readAttachmentFile(db, actor, upload.fileId, { dataDir });
			expect(forOrganizer.bytes.equals(Buffer.from(pdfBytes))).toBe(true);

			// A new version lists it; once that one is published, the public gets the file.
			const version = await createDocumentationVersion(db, actor, address, {});
			expect((await rejection(readAttachmentFile(db, anonymous, upload.fileId, { dataDir }))).kind).toBe(
				'not-found'
			);
			await publishDocumentation(db, actor, address, { versionId: version.id });
			const forPublic = await readAttachmentFile(db, anonymous, upload.fileId, { dataDir });
			expect(forPublic.bytes.equals(Buffer.from(pdfBytes))).toBe(true);
			expect(forPublic.fileName).toBe('entwurf.pdf');

			await unpublishDocumentation(db, actor, address);
			expect((await rejection(readAttachmentFile(db, anonymous, upload.fileId, { dataDir }))).kind).toBe(
				'not-found'
			);
			expect((await readAttachmentFile(db, actor, upload.fileId, { dataDir })).bytes.length).toBe(
				pdfBytes.length
			);
		});
	});
}
