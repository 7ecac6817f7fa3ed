import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../src/lib/domain/errors';
import {
	fictionalDocument,
	foundingDocument,
	type Doc
} from '../../src/lib/domain/exchange-format/test-documents';
import { anonymous } from '../../src/lib/domain/policy';
import { readSeriesBlock } from '../../src/lib/server/repositories/meeting-document';
import { listAttachmentFiles, readAttachmentFile } from '../../src/lib/server/services/attachments';
import { actorForUser } from '../../src/lib/server/services/auth';
import { importBundle } from '../../src/lib/server/services/bundle-import';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { craftZip, deflatedEntry } from '../helpers/zip-crafting';

/**
 * Issue 9: uploads and imports are checked for rights before they are read, ZIP bundles within
 * limits before anything is inflated, addresses and file names before anything is stored, and a
 * differing series block is reported instead of dropped.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'nws-import-hardening-'));
const limitBytes = 50 * 1024 * 1024; // the default UPLOAD_LIMIT_MB
const storage = { dataDir, limitBytes };
const pdfBytes = strToU8('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function errorOf(work: Promise<unknown>): Promise<AppError> {
	try {
		await work;
	} catch (error) {
		if (isAppError(error)) return error;
		throw error;
	}
	throw new Error('expected an AppError');
}

const keysOf = (error: AppError) => error.problems.map((p) => [p.path, p.message.key]);

/** `megabytes` MiB of zeros, deflated as a stream (the test itself never holds them unpacked). */
async function deflatedZeros(megabytes: number): Promise<Uint8Array> {
	const deflate = createDeflateRaw({ level: 9 });
	const chunks: Buffer[] = [];
	deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise((resolve) => deflate.on('end', resolve));
	const zeros = Buffer.alloc(1024 * 1024);
	for (let index = 0; index < megabytes; index++) deflate.write(zeros);
	deflate.end();
	await done;
	return new Uint8Array(Buffer.concat(chunks));
}

function withSeries(doc: Doc, id: string): Doc {
	doc.series.id = id;
	return doc;
}

for (const database of testDatabases()) {
	describe(`${database.name}: import hardening`, () => {
		afterAll(() => database.close());

		it('checks the rights before it reads a bundle: garbage from anonymous and participants gets 401/403', async () => {
			const db = await database.open();
			const participant = await factories(db).user();
			const participantActor = await actorForUser(db, participant.id);
			for (const body of [strToU8('not a zip at all'), strToU8('PK\x03\x04broken'), new Uint8Array()]) {
				expect((await errorOf(importBundle(db, anonymous, body, {}, storage))).kind).toBe('unauthenticated');
				expect((await errorOf(importBundle(db, participantActor, body, {}, storage))).kind).toBe('forbidden');
			}
		});

		it('refuses bundles that declare huge sizes, too many entries, repeated names or shared bytes, and memory stays flat', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const huge = 0xfffffffe;
			const document = JSON.stringify(fictionalDocument());
			// A 64 MiB inflation bomb under the declared size of a small meeting.json.
			const bomb = await deflatedZeros(64);
			const bomb40 = await deflatedZeros(40);
			const bundles: { name: string; zip: Uint8Array; expected: [string, string] }[] = [
				{
					name: 'one entry declaring 4 GB',
					zip: craftZip([{ name: 'meeting.json', stored: strToU8('{}'), size: huge }]),
					expected: ['', 'exchange.bundleEntryTooLarge']
				},
				{
					// Ten real 40 MiB files in 400 KB: each within the limit, together 400 MiB.
					name: 'entries each within the limit, together far beyond it',
					zip: craftZip(
						Array.from({ length: 10 }, (_, index) => ({
							name: `attachments/${index}.pdf`,
							stored: bomb40,
							method: 8 as const,
							size: 40 * 1024 * 1024,
							crc: 0
						}))
					),
					expected: ['', 'exchange.bundleTooLarge']
				},
				{
					name: 'more entries than allowed',
					zip: craftZip(
						Array.from({ length: 501 }, (_, index) => ({ name: `f${index}.txt`, stored: strToU8('x') }))
					),
					expected: ['', 'exchange.bundleTooManyFiles']
				},
				{
					name: 'meeting.json declared larger than a document may be',
					zip: craftZip([{ name: 'meeting.json', stored: strToU8('{}'), size: 6 * 1024 * 1024 }]),
					expected: ['', 'exchange.bundleDocumentTooLarge']
				},
				{
					name: 'a small meeting.json that inflates to 64 MiB',
					zip: craftZip([{ name: 'meeting.json', stored: bomb, method: 8, size: 1000, crc: 0 }]),
					expected: ['', 'exchange.bundleEntrySizeMismatch']
				},
				{
					name: 'the same name twice',
					zip: craftZip([deflatedEntry('meeting.json', document), deflatedEntry('meeting.json', '{}')]),
					expected: ['', 'exchange.bundleDuplicateName']
				},
				{
					name: "an entry whose data runs into the next entry's",
					zip: craftZip([
						{ name: 'a.txt', stored: strToU8('x'), compressedSize: 1 + 30 + 12 + document.length },
						{ name: 'meeting.json', stored: strToU8(document) }
					]),
					expected: ['', 'exchange.bundleOverlappingEntries']
				}
			];
			const before = process.memoryUsage();
			for (const bundle of bundles) {
				const error = await errorOf(importBundle(db, actor, bundle.zip, {}, storage));
				expect(keysOf(error), bundle.name).toEqual([bundle.expected]);
			}
			const after = process.memoryUsage();
			const grownMegabytes = {
				rss: (after.rss - before.rss) / 1024 / 1024,
				arrayBuffers: (after.arrayBuffers - before.arrayBuffers) / 1024 / 1024
			};
			if (process.env.REPORT_MEMORY) console.info(`${database.name}: memory growth (MiB)`, grownMegabytes);
			// Inflating the bomb alone would take 64 MiB; nothing near that is ever allocated.
			expect(grownMegabytes.arrayBuffers).toBeLessThan(8);
			expect(grownMegabytes.rss).toBeLessThan(32);
		});

		it('still imports an honest bundle, storing the bare file name of each attachment', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const seriesId = `hardening-${factories(db).unique()}`;
			const doc = withSeries(foundingDocument(), seriesId);
			doc.meeting.attachments = [{ title: 'Folien', kind: 'presentation', file: 'attachments/folien.pdf' }];
			const zip = zipSync({
				'meeting.json': strToU8(JSON.stringify(doc)),
				'attachments/folien.pdf': pdfBytes,
				'dokumentation.pdf': pdfBytes
			});
			const result = await importBundle(db, actor, zip, {}, storage);
			expect(result).toMatchObject({ files: 1, missingFiles: [] });
			const address = { seriesId, number: doc.meeting.number as number };
			const [file] = await listAttachmentFiles(db, actor, address);
			expect(file?.originalName).toBe('folien.pdf');
			expect((await readAttachmentFile(db, actor, file!.id, { dataDir })).fileName).toBe('folien.pdf');
		});

		it('refuses attachment paths that leave the bundle or hold control characters, and writes nothing', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			for (const [file, key] of [
				['../../etc/passwd', 'exchange.fileNameNotRelative'],
				['/etc/passwd', 'exchange.fileNameNotRelative'],
				['attachments\\..\\..\\x.pdf', 'exchange.fileNameNotRelative'],
				['attachments/folien\r\nX-Header: 1.pdf', 'exchange.fileNameControlCharacters']
			]) {
				const seriesId = `hardening-${factories(db).unique()}`;
				const doc = withSeries(foundingDocument(), seriesId);
				doc.meeting.attachments = [{ title: 'Folien', kind: 'presentation', file }];
				const zip = zipSync({ 'meeting.json': strToU8(JSON.stringify(doc)), [file!]: pdfBytes });
				const error = await errorOf(importBundle(db, actor, zip, {}, storage));
				expect(keysOf(error), file).toEqual([['/meeting/attachments/0/file', key]]);
				expect(await db.selectFrom('series').select('id').where('slug', '=', seriesId).execute()).toEqual([]);
			}
		});

		it('accepts only https:, http: and mailto: addresses, naming the field', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const doc = withSeries(fictionalDocument(), `hardening-${factories(db).unique()}`);
			doc.series.organizer.website = 'javascript:alert(document.cookie)';
			doc.meeting.venue.url = 'data:text/html,<script>alert(1)</script>';
			doc.networks[0].website = 'vbscript:msgbox(1)';
			doc.meeting.outlook.topicWishesContact = 'not an email';
			const error = await errorOf(importMeeting(db, actor, doc));
			expect(keysOf(error)).toEqual([
				['/meeting/outlook/topicWishesContact', 'validation.invalidEmail'],
				['/series/organizer/website', 'exchange.unsafeUrl'],
				['/meeting/venue/url', 'exchange.unsafeUrl'],
				['/networks/0/website', 'exchange.unsafeUrl']
			]);
			expect(await db.selectFrom('series').select('id').where('slug', '=', doc.series.id).execute()).toEqual(
				[]
			);
		});

		it('keeps a stored series and names the fields of the document that differ from it', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const seriesId = `hardening-${factories(db).unique()}`;
			const first = withSeries(fictionalDocument(), seriesId);
			expect((await importMeeting(db, actor, first)).seriesDifferences).toEqual([]);
			const stored = await readSeriesBlock(
				db,
				(await db.selectFrom('series').select('id').where('slug', '=', seriesId).executeTakeFirstOrThrow()).id
			);

			const same = withSeries(fictionalDocument(), seriesId);
			same.meeting.number = 2;
			expect((await importMeeting(db, actor, same)).seriesDifferences).toEqual([]);

			const changed = withSeries(fictionalDocument(), seriesId);
			changed.meeting.number = 3;
			changed.series.title = 'Ein neuer Titel';
			changed.series.organizer.website = 'https://example.org/anders';
			delete changed.series.fundingNotice;
			const result = await importMeeting(db, actor, changed);
			expect(result.seriesDifferences).toEqual([
				'/series/title',
				'/series/organizer/website',
				'/series/fundingNotice'
			]);
			const seriesRow = await db
				.selectFrom('series')
				.select('id')
				.where('slug', '=', seriesId)
				.executeTakeFirstOrThrow();
			expect(await readSeriesBlock(db, seriesRow.id)).toEqual(stored);
		});
	});
}
