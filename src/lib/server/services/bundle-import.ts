import { randomUUID } from 'node:crypto';
import { strFromU8 } from 'fflate';
import type { Kysely } from 'kysely';
import { problem, validationFailed, type Problem } from '../../domain/errors';
import { bareFileName } from '../../domain/exchange-format/file-names';
import type { Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import * as repository from '../repositories/stored-files';
import { deleteUpload, detectAcceptedType, saveUpload } from '../storage/uploads';
import { listZipEntries, readZipEntry, type ZipLimits } from '../storage/zip-reader';
import {
	assertMayImport,
	importMeetingWith,
	MAX_DOCUMENT_BYTES,
	parseDocumentText,
	validateMeetingDocument,
	type ImportMeeting,
	type ImportResult
} from './exchange';

/**
 * Imports a ZIP bundle (as the documentation's ZIP download makes it): `meeting.json` plus the
 * files it names under `attachments/`. The meeting and its files are written together: files go
 * to disk first, their rows join the import's transaction, and on any failure the files are
 * removed again. Other files in the bundle (the rendered PDF, DOCX, agenda) are never inflated.
 */

/** The limits of a bundle: each file within the upload limit, all of them within four times it. */
export function bundleLimits(uploadLimitBytes: number): ZipLimits {
	return { maxEntries: 500, maxEntryBytes: uploadLimitBytes, maxTotalBytes: 4 * uploadLimitBytes };
}

export function isZip(bytes: Uint8Array): boolean {
	return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function importBundle(
	db: Kysely<Database>,
	actor: Actor,
	zip: Uint8Array,
	options: ImportMeeting,
	storage: { dataDir: string; limitBytes: number },
	now = new Date()
): Promise<ImportResult & { files: number; missingFiles: string[] }> {
	// Rights first: nobody else makes the server read a bundle.
	assertMayImport(actor);
	const entries = listZipEntries(zip, bundleLimits(storage.limitBytes));
	const meetingEntry = entries.get('meeting.json');
	if (!meetingEntry) throw validationFailed([problem('', 'exchange.bundleWithoutMeeting')]);
	if (meetingEntry.size > MAX_DOCUMENT_BYTES)
		throw validationFailed([
			problem('', 'exchange.bundleDocumentTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 })
		]);
	const document = validateMeetingDocument(parseDocumentText(strFromU8(readZipEntry(zip, meetingEntry))));

	// Check every named file before anything is written.
	const problems: Problem[] = [];
	const files: { path: string; bytes: Uint8Array; mediaType: string; extension: string }[] = [];
	// A file named but not bundled (e.g. never uploaded) leaves its attachment as metadata only.
	const missingFiles: string[] = [];
	for (const [index, attachment] of (document.meeting.attachments ?? []).entries()) {
		if (!attachment.file) continue;
		const pointer = `/meeting/attachments/${index}/file`;
		const entry = entries.get(attachment.file);
		if (!entry) {
			missingFiles.push(attachment.file);
			continue;
		}
		const bytes = readZipEntry(zip, entry);
		const detected = await detectAcceptedType(bytes);
		if (!detected) {
			problems.push(problem(pointer, 'documentation.upload.wrongType'));
			continue;
		}
		files.push({
			path: attachment.file,
			bytes,
			mediaType: detected.mediaType,
			extension: detected.extension
		});
	}
	if (problems.length)
		throw validationFailed(problems, { key: 'exchange.invalidDocument', params: { count: problems.length } });

	const saved: { path: string; storageKey: string; sha256: string; size: number; mediaType: string }[] = [];
	try {
		for (const file of files) {
			const stored = await saveUpload(storage.dataDir, file.bytes, file.extension);
			saved.push({ path: file.path, ...stored, size: file.bytes.length, mediaType: file.mediaType });
		}
		const result = await importMeetingWith(db, actor, document, options, async (trx, meetingId) => {
			const attachmentIds = await repository.attachmentsByFilePath(trx, meetingId);
			for (const file of saved) {
				await repository.insertStoredFile(trx, {
					id: randomUUID(),
					attachmentId: attachmentIds.get(file.path)!,
					// The bare name only: a bundle's path never names anything outside it.
					originalName: bareFileName(file.path).slice(0, 255),
					mediaType: file.mediaType,
					sizeBytes: file.size,
					sha256: file.sha256,
					storageKey: file.storageKey,
					createdAt: now.toISOString()
				});
			}
		});
		return { ...result, files: saved.length, missingFiles };
	} catch (error) {
		await Promise.all(saved.map((file) => deleteUpload(storage.dataDir, file.storageKey)));
		throw error;
	}
}
