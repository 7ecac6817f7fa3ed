import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed } from '../../domain/errors';
import { bareFileName } from '../../domain/exchange-format/file-names';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { agendaItemBelongsTo } from '../repositories/agenda';
import * as repository from '../repositories/stored-files';
import { logger } from '../logger';
import { isFileInPublishedDocumentation } from './documentation';
import { mayOnMeeting, requireMeeting } from './meeting-access';
import { findMeetingHandleById } from '../repositories/meeting-lookup';
import { deleteUpload, detectAcceptedType, readUpload, safeFileName, saveUpload } from '../storage/uploads';

/**
 * Uploaded attachments (slides and other files) of a meeting or one of its agenda items. A file
 * is accepted by its content (PDF, PPTX, ODP, DOCX, ODT, images), within the size limit; it is
 * stored under DATA_DIR/uploads and always served as a download.
 */
export const UploadAttachment = z.object({
	title: z.string().trim().min(1).max(300),
	kind: z.enum(['presentation', 'other']).default('presentation'),
	agendaItemId: z
		.union([z.uuid(), z.literal('')])
		.optional()
		.transform((value) => (value ? value : undefined))
});
export type UploadAttachment = z.input<typeof UploadAttachment>;

/**
 * Whether the actor may upload to this meeting; routes call it before they read the request's
 * body, so that nobody else makes the server receive and parse a file.
 */
export async function assertMayUpload(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<void> {
	await requireMeeting(db, actor, address, 'manage');
}

export async function listAttachmentFiles(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<repository.StoredFileRecord[]> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	return repository.listStoredFiles(db, handle.meetingId);
}

export async function uploadAttachment(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	file: { name: string; bytes: Uint8Array } | undefined,
	options: { dataDir: string; limitBytes: number },
	now = new Date()
): Promise<{ fileId: string; attachmentId: string }> {
	const fields = parseOrThrow(UploadAttachment, input);
	const handle = await requireMeeting(db, actor, address, 'manage');
	if (!file || file.bytes.length === 0)
		throw validationFailed([problem('file', 'documentation.upload.missing')]);
	if (file.bytes.length > options.limitBytes) {
		throw validationFailed([
			problem('file', 'documentation.upload.tooLarge', {
				megabytes: Math.round(options.limitBytes / 1024 / 1024)
			})
		]);
	}
	const detected = await detectAcceptedType(file.bytes);
	if (!detected) throw validationFailed([problem('file', 'documentation.upload.wrongType')]);
	if (fields.agendaItemId && !(await agendaItemBelongsTo(db, handle.meetingId, fields.agendaItemId))) {
		throw validationFailed([problem('agendaItemId', 'validation.invalidChoice')]);
	}
	const taken = new Set(await repository.filePathsOfMeeting(db, handle.meetingId));
	const wanted = safeFileName(file.name, detected.extension);
	let filePath = `attachments/${wanted}`;
	for (let n = 2; taken.has(filePath); n++) filePath = `attachments/${wanted.replace(/\.[^.]+$/, `-${n}$&`)}`;

	// The file goes to disk first; if the database refuses the rows, it is removed again.
	const stored = await saveUpload(options.dataDir, file.bytes, detected.extension);
	const ids = { fileId: randomUUID(), attachmentId: randomUUID() };
	try {
		await db.transaction().execute((trx) =>
			repository.insertUploadedAttachment(trx, {
				...ids,
				meetingId: handle.meetingId,
				title: fields.title,
				kind: fields.kind,
				filePath,
				agendaItemId: fields.agendaItemId ?? null,
				originalName: bareFileName(file.name).slice(0, 255),
				mediaType: detected.mediaType,
				sizeBytes: file.bytes.length,
				sha256: stored.sha256,
				storageKey: stored.storageKey,
				createdAt: now.toISOString()
			})
		);
	} catch (error) {
		await deleteUpload(options.dataDir, stored.storageKey);
		throw error;
	}
	return ids;
}

export async function deleteAttachmentFile(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	fileId: string,
	options: { dataDir: string }
): Promise<void> {
	const handle = await requireMeeting(db, actor, address, 'manage');
	const file = await repository.findStoredFile(db, fileId);
	if (!file || file.meetingId !== handle.meetingId) throw notFound();
	await repository.deleteAttachment(db, handle.meetingId, file.attachmentId);
	await deleteUpload(options.dataDir, file.storageKey).catch((error: unknown) =>
		logger.warn({ err: error, storageKey: file.storageKey }, 'could not delete an uploaded file from disk')
	);
}

/**
 * Reads an uploaded file for download: organizers always; everyone else once the meeting is
 * published and its published documentation version lists the file.
 */
export async function readAttachmentFile(
	db: Kysely<Database>,
	actor: Actor,
	fileId: string,
	options: { dataDir: string }
): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
	if (!z.uuid().safeParse(fileId).success) throw notFound();
	const file = await repository.findStoredFile(db, fileId);
	if (!file) throw notFound();
	const meeting = await findMeetingHandleById(db, file.meetingId);
	if (!meeting) throw notFound();
	if (!mayOnMeeting(actor, meeting, 'manage')) {
		const isPublic =
			meeting.isPublished && (await isFileInPublishedDocumentation(db, file.meetingId, file.filePath));
		if (!isPublic) throw notFound();
	}
	return {
		bytes: await readUpload(options.dataDir, file.storageKey),
		mediaType: file.mediaType,
		// Never a path: only the bare name reaches the Content-Disposition header.
		fileName: bareFileName(file.filePath ?? file.originalName) || 'datei'
	};
}
