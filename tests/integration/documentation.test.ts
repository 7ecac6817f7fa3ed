import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import {
	deleteAttachmentFile,
	listAttachmentFiles,
	readAttachmentFile,
	uploadAttachment
} from '../../src/lib/server/services/attachments';
import {
	createDocumentationVersion,
	getDocumentationPage,
	listDocumentationVersions,
	publishDocumentation,
	renderDocumentation,
	unpublishDocumentation
} from '../../src/lib/server/services/documentation';
import {
	getDocumentationTexts,
	updateDocumentationTexts
} from '../../src/lib/server/services/documentation-texts';
import { importBundle } from '../../src/lib/server/services/bundle-import';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { foundingDocument } from '../helpers/founding-document';
import { mustNotAppear, richMeeting } from '../helpers/rich-meeting';

const dataDir = mkdtempSync(join(tmpdir(), 'nws-documentation-'));
const limitBytes = 1024 * 1024;
/** A minimal valid PDF (what file-type recognizes by its %PDF header). */
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function errorOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		if (isAppError(error)) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

for (const database of testDatabases()) {
	describe(`${database.name}: documentation`, () => {
		afterAll(() => database.close());

		async function importAs(actor: Actor, document = richMeeting(), publish = true) {
			const make = factories(await database.open());
			const seriesId = `reihe-${make.unique()}`;
			await importMeeting(
				await database.open(),
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{ publish }
			);
			return { seriesId, number: document.meeting.number };
		}

		// Rendering every format (the ZIP renders PDF and DOCX again) takes a while on a busy machine.
		it(
			'renders every format of the current data for organizers, and nothing for the public before publishing',
			{ timeout: 120_000 },
			async () => {
				const db = await database.open();
				const { actor } = await factories(db).organizer();
				const address = await importAs(actor);
				for (const format of ['pdf', 'docx', 'html', 'md', 'zip'] as const) {
					const rendered = await renderDocumentation(db, actor, address, { format }, { dataDir });
					expect(rendered.bytes.length, format).toBeGreaterThan(100);
					expect(rendered.fileName).toBe(`${address.seriesId}-2-dokumentation.${format}`);
				}
				const error = await errorOf(
					renderDocumentation(db, anonymous, address, { format: 'pdf' }, { dataDir })
				);
				expect(error.kind).toBe('not-found');
			}
		);

		it('keeps dated versions, publishes one, and serves only that to the public', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const address = await importAs(actor);
			const first = await createDocumentationVersion(db, actor, address, {});
			await updateDocumentationTexts(db, actor, address, {
				topicSummary: 'Neuer Absatz eins.\n\nNeuer Absatz zwei.',
				outlook: 'Es geht weiter.',
				findings: 'Erkenntnis A\n\nErkenntnis B',
				syntheses: []
			});
			const second = await createDocumentationVersion(db, actor, address, { lang: 'en' });
			expect([first.version, second.version]).toEqual([1, 2]);
			await publishDocumentation(db, actor, address, { versionId: first.id });
			const versions = await listDocumentationVersions(db, actor, address);
			expect(versions.map((v) => [v.version, v.publishedAt !== null])).toEqual([
				[2, false],
				[1, true]
			]);
			const page = await getDocumentationPage(db, anonymous, address);
			expect(page.isPreview).toBe(false);
			expect(page.html).not.toContain('Neuer Absatz eins.');
			const markdown = (
				await renderDocumentation(db, anonymous, address, { format: 'md' }, { dataDir })
			).bytes.toString();
			expect(markdown).toContain('Dokumentation des zweiten');
			// The organizer's preview shows the edited texts, which the free-text editor stored on the meeting.
			const preview = await getDocumentationPage(db, actor, address, { preview: true });
			expect(preview.html).toContain('Neuer Absatz eins.');
			expect(preview.html).toContain('Erkenntnis B');
			const texts = await getDocumentationTexts(db, actor, address);
			expect(texts.topicSummary).toEqual(['Neuer Absatz eins.', 'Neuer Absatz zwei.']);
			// Publishing the English version replaces the German one.
			await publishDocumentation(db, actor, address, { versionId: second.id });
			expect((await getDocumentationPage(db, anonymous, address)).title).toMatch(
				/^Documentation of the second/
			);
			await unpublishDocumentation(db, actor, address);
			expect((await errorOf(getDocumentationPage(db, anonymous, address))).kind).toBe('not-found');
		});

		it('refuses organizers of another organization', async () => {
			const db = await database.open();
			const make = factories(db);
			const owner = await make.organizer();
			const stranger = await make.organizer();
			const address = await importAs(owner.actor);
			expect((await errorOf(createDocumentationVersion(db, stranger.actor, address, {}))).kind).toBe(
				'forbidden'
			);
			expect(
				(
					await errorOf(
						updateDocumentationTexts(db, stranger.actor, address, {
							topicSummary: '',
							outlook: '',
							findings: '',
							syntheses: []
						})
					)
				).kind
			).toBe('forbidden');
			// Rights come before the input: a malformed body still gets the refusal, not a validation error.
			for (const call of [
				() => createDocumentationVersion(db, stranger.actor, address, { lang: 42 }),
				() => publishDocumentation(db, stranger.actor, address, { versionId: 'not-a-uuid' }),
				() => updateDocumentationTexts(db, stranger.actor, address, { topicSummary: 7 })
			]) {
				expect((await errorOf(call())).kind).toBe('forbidden');
			}
		});

		it('names only people with consent in every format', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const address = await importAs(actor);
			for (const format of ['html', 'md'] as const) {
				const text = (
					await renderDocumentation(db, actor, address, { format }, { dataDir })
				).bytes.toString();
				for (const hidden of mustNotAppear) expect(text, `${format}: ${hidden}`).not.toContain(hidden);
			}
		});

		it('stores an upload checked by content, bundles it in the ZIP, and deletes it', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const address = await importAs(actor, foundingDocument(), false);
			const upload = await uploadAttachment(
				db,
				actor,
				address,
				{ title: 'Folien Stadtkultur', kind: 'presentation' },
				{ name: 'Folien Stadtkultur Rheine.pdf', bytes: pdfBytes },
				{ dataDir, limitBytes }
			);
			const files = await listAttachmentFiles(db, actor, address);
			expect(files.map((file) => [file.title, file.filePath, file.mediaType])).toEqual([
				['Folien Stadtkultur', 'attachments/folien-stadtkultur-rheine.pdf', 'application/pdf']
			]);
			const download = await readAttachmentFile(db, actor, upload.fileId, { dataDir });
			expect(download.bytes.equals(Buffer.from(pdfBytes))).toBe(true);
			// Not public until the meeting and its documentation are published.
			expect((await errorOf(readAttachmentFile(db, anonymous, upload.fileId, { dataDir }))).kind).toBe(
				'not-found'
			);

			const zip = unzipSync(
				new Uint8Array((await renderDocumentation(db, actor, address, { format: 'zip' }, { dataDir })).bytes)
			);
			const names = Object.keys(zip).sort();
			expect(names).toEqual(
				expect.arrayContaining([
					'attachments/folien-stadtkultur-rheine.pdf',
					'meeting.json',
					'Ablaufplan.pdf',
					`${address.seriesId}-2-dokumentation.pdf`,
					`${address.seriesId}-2-dokumentation.docx`
				])
			);
			const meetingJson = JSON.parse(strFromU8(zip['meeting.json']!)) as ReturnType<typeof foundingDocument>;
			expect(meetingJson.meeting.attachments?.at(-1)).toMatchObject({
				title: 'Folien Stadtkultur',
				file: 'attachments/folien-stadtkultur-rheine.pdf',
				mediaType: 'application/pdf'
			});
			expect(
				Buffer.from(zip['attachments/folien-stadtkultur-rheine.pdf']!).equals(Buffer.from(pdfBytes))
			).toBe(true);

			await deleteAttachmentFile(db, actor, address, upload.fileId, { dataDir });
			expect(await listAttachmentFiles(db, actor, address)).toEqual([]);
		});

		it('refuses an empty, oversized or disguised upload and writes nothing', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const address = await importAs(actor, foundingDocument(), false);
			const attempt = (name: string, bytes: Uint8Array) =>
				errorOf(
					uploadAttachment(db, actor, address, { title: 'X' }, { name, bytes }, { dataDir, limitBytes })
				);
			expect((await attempt('leer.pdf', new Uint8Array())).problems[0]?.message.key).toBe(
				'documentation.upload.missing'
			);
			expect((await attempt('gross.pdf', new Uint8Array(limitBytes + 1))).problems[0]?.message.key).toBe(
				'documentation.upload.tooLarge'
			);
			const html = new TextEncoder().encode('<!doctype html><script>alert(1)</script>');
			expect((await attempt('folien.pdf', html)).problems[0]?.message.key).toBe(
				'documentation.upload.wrongType'
			);
			const missingTitle = await errorOf(
				uploadAttachment(
					db,
					actor,
					address,
					{ title: ' ' },
					{ name: 'a.pdf', bytes: pdfBytes },
					{ dataDir, limitBytes }
				)
			);
			expect(missingTitle.problems.map((p) => p.path)).toEqual(['/title']);
			expect(await listAttachmentFiles(db, actor, address)).toEqual([]);
		});
	});
}

for (const database of testDatabases()) {
	describe(`${database.name}: ZIP bundle import`, () => {
		afterAll(() => database.close());

		it(
			'restores a meeting with its uploaded files from the documentation bundle',
			{ timeout: 120_000 },
			async () => {
				const db = await database.open();
				const make = factories(db);
				const { actor } = await make.organizer();
				const seriesId = `reihe-${make.unique()}`;
				const founding = foundingDocument();
				await importMeeting(db, actor, { ...founding, series: { ...founding.series, id: seriesId } });
				const address = { seriesId, number: 2 };
				await uploadAttachment(
					db,
					actor,
					address,
					{ title: 'Folien' },
					{ name: 'folien.pdf', bytes: pdfBytes },
					{ dataDir, limitBytes }
				);
				const bundle = (await renderDocumentation(db, actor, address, { format: 'zip' }, { dataDir })).bytes;

				const result = await importBundle(db, actor, bundle, { replace: true }, { dataDir, limitBytes });
				expect(result).toMatchObject({
					address: `${seriesId}/2`,
					isReplaced: true,
					files: 1,
					missingFiles: []
				});
				const files = await listAttachmentFiles(db, actor, address);
				expect(files.map((file) => file.filePath)).toEqual(['attachments/folien.pdf']);
				const restored = await readAttachmentFile(db, actor, files[0]!.id, { dataDir });
				expect(restored.bytes.equals(Buffer.from(pdfBytes))).toBe(true);
			}
		);

		it('refuses a bundle without meeting.json, or with a disguised file, and writes nothing', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.organizer();
			const before = await db
				.selectFrom('stored_files')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			const empty = zipSync({ 'readme.txt': strToU8('hallo') });
			expect(
				(await errorOf(importBundle(db, actor, empty, {}, { dataDir, limitBytes }))).problems[0]?.message.key
			).toBe('exchange.bundleWithoutMeeting');
			const founding = foundingDocument();
			const document = {
				...founding,
				series: { ...founding.series, id: `reihe-${make.unique()}` },
				meeting: {
					...founding.meeting,
					attachments: [{ title: 'Folien', kind: 'presentation' as const, file: 'attachments/folien.pdf' }]
				}
			};
			const disguised = zipSync({
				'meeting.json': strToU8(JSON.stringify(document)),
				'attachments/folien.pdf': strToU8('<html><script>alert(1)</script></html>')
			});
			const error = await errorOf(importBundle(db, actor, disguised, {}, { dataDir, limitBytes }));
			expect(error.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/meeting/attachments/0/file', 'documentation.upload.wrongType']
			]);
			const after = await db
				.selectFrom('stored_files')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow();
			expect(Number(after.n)).toBe(Number(before.n));
			expect(
				await db.selectFrom('series').select('id').where('slug', '=', document.series.id).execute()
			).toEqual([]);
			expect(
				(await errorOf(importBundle(db, actor, strToU8('PK\x03\x04broken'), {}, { dataDir, limitBytes })))
					.problems[0]?.message.key
			).toBe('exchange.bundleUnreadable');
		});
	});
}
