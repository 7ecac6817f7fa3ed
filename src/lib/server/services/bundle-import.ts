import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { problem, validationFailed, type Problem } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import * as repository from '../repositories/documentation';
import { deleteUpload, detectAcceptedType, saveUpload } from '../storage/uploads';
import {
	importMeetingWith,
	parseDocumentText,
	validateMeetingDocument,
	type ImportMeeting,
	type ImportResult
} from './exchange';

/**
 * Imports a ZIP bundle (as the documentation's ZIP download makes it): `meeting.json` plus the
 * files it names under `attachments/`. The meeting and its files are written together: files go
 * to disk first, their rows join the import's transaction, and on any failure the files are
 * removed again. Other files in the bundle (the rendered PDF, DOCX, agenda) are ignored.
 */
const MAX_ENTRIES = 500;

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
	const entries = readZip(zip, storage.limitBytes);
	const meetingJson = entries['meeting.json'];
	if (!meetingJson) throw validationFailed([problem('', 'exchange.bundleWithoutMeeting')]);
	const document = validateMeetingDocument(parseDocumentText(strFromU8(meetingJson)));

	// Check every named file before anything is written.
	const problems: Problem[] = [];
	const files: { path: string; bytes: Uint8Array; mediaType: string; extension: string }[] = [];
	// A file named but not bundled (e.g. never uploaded) leaves its attachment as metadata only.
	const missingFiles: string[] = [];
	for (const [index, attachment] of (document.meeting.attachments ?? []).entries()) {
		if (!attachment.file) continue;
		const pointer = `/meeting/attachments/${index}/file`;
		const bytes = entries[attachment.file];
		if (!bytes) {
			missingFiles.push(attachment.file);
			continue;
		}
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
					originalName: file.path.replace(/^.*\//, ''),
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

/** Unzips with limits: an entry larger than the upload limit, or too many entries, refuse the bundle. */
function readZip(zip: Uint8Array, limitBytes: number): Record<string, Uint8Array> {
	let count = 0;
	let tooLarge: string | undefined;
	let entries: Record<string, Uint8Array>;
	try {
		// The filter sees each entry's declared size before it is inflated, so nothing oversized is unpacked.
		entries = unzipSync(zip, {
			filter: (file) => {
				count += 1;
				if (file.originalSize > limitBytes) tooLarge ??= file.name;
				return count <= MAX_ENTRIES && file.originalSize <= limitBytes && !file.name.endsWith('/');
			}
		});
	} catch (error) {
		throw validationFailed([
			problem('', 'exchange.bundleUnreadable', {
				detail: error instanceof Error ? error.message : String(error)
			})
		]);
	}
	if (tooLarge) {
		throw validationFailed([
			problem('', 'documentation.upload.tooLarge', { megabytes: Math.round(limitBytes / 1024 / 1024) })
		]);
	}
	if (count > MAX_ENTRIES)
		throw validationFailed([problem('', 'exchange.bundleTooManyFiles', { maximum: MAX_ENTRIES })]);
	return entries;
}
