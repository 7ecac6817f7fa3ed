import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Uploaded files and the meeting's attachments that hold them: SQL only. */

export interface StoredFileRecord {
	id: string;
	attachmentId: string;
	title: string;
	filePath: string | null;
	agendaItemId: string | null;
	originalName: string;
	mediaType: string;
	sizeBytes: number;
	storageKey: string;
	createdAt: string;
}

/** Uploaded files with the attachment each belongs to. */
function storedFiles(db: Kysely<Database>) {
	return db
		.selectFrom('stored_files')
		.innerJoin('attachments', 'attachments.id', 'stored_files.attachment_id')
		.select([
			'stored_files.id',
			'stored_files.attachment_id',
			'attachments.meeting_id',
			'attachments.title',
			'attachments.file_path',
			'attachments.agenda_item_id',
			'stored_files.original_name',
			'stored_files.media_type',
			'stored_files.size_bytes',
			'stored_files.storage_key',
			'stored_files.created_at'
		]);
}

function toStoredFile(row: {
	id: string;
	attachment_id: string;
	meeting_id: string;
	title: string;
	file_path: string | null;
	agenda_item_id: string | null;
	original_name: string;
	media_type: string;
	size_bytes: number;
	storage_key: string;
	created_at: string;
}): StoredFileRecord & { meetingId: string } {
	return {
		id: row.id,
		attachmentId: row.attachment_id,
		meetingId: row.meeting_id,
		title: row.title,
		filePath: row.file_path,
		agendaItemId: row.agenda_item_id,
		originalName: row.original_name,
		mediaType: row.media_type,
		sizeBytes: row.size_bytes,
		storageKey: row.storage_key,
		createdAt: row.created_at
	};
}

export async function listStoredFiles(db: Kysely<Database>, meetingId: string): Promise<StoredFileRecord[]> {
	const rows = await storedFiles(db)
		.where('attachments.meeting_id', '=', meetingId)
		.orderBy('attachments.position')
		.execute();
	return rows.map((row) => {
		// The list is of one meeting: its records carry no meeting id.
		const { meetingId: _meetingId, ...file } = toStoredFile(row);
		return file;
	});
}

export async function findStoredFile(
	db: Kysely<Database>,
	fileId: string
): Promise<(StoredFileRecord & { meetingId: string }) | undefined> {
	const row = await storedFiles(db).where('stored_files.id', '=', fileId).executeTakeFirst();
	return row && toStoredFile(row);
}

/** An uploaded file's row, as written for an upload and for an imported bundle's file. */
export interface NewStoredFile {
	attachmentId: string;
	originalName: string;
	mediaType: string;
	sizeBytes: number;
	sha256: string;
	storageKey: string;
	createdAt: string;
}

/** Adds an uploaded file as the meeting's last attachment. */
export async function insertUploadedAttachment(
	db: Kysely<Database>,
	upload: NewStoredFile & {
		fileId: string;
		meetingId: string;
		title: string;
		kind: 'presentation' | 'other';
		filePath: string;
		agendaItemId: string | null;
	}
): Promise<void> {
	const last = await db
		.selectFrom('attachments')
		.select((eb) => eb.fn.max('position').as('position'))
		.where('meeting_id', '=', upload.meetingId)
		.executeTakeFirst();
	await db
		.insertInto('attachments')
		.values({
			id: upload.attachmentId,
			meeting_id: upload.meetingId,
			position: last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1,
			title: upload.title,
			kind: upload.kind,
			file_path: upload.filePath,
			media_type: upload.mediaType,
			agenda_item_id: upload.agendaItemId
		})
		.execute();
	await insertStoredFile(db, { ...upload, id: upload.fileId });
}

export async function filePathsOfMeeting(db: Kysely<Database>, meetingId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('attachments')
		.select('file_path')
		.where('meeting_id', '=', meetingId)
		.where('file_path', 'is not', null)
		.execute();
	return rows.map((row) => row.file_path).filter((path): path is string => path !== null);
}

export async function deleteAttachment(
	db: Kysely<Database>,
	meetingId: string,
	attachmentId: string
): Promise<number> {
	const result = await db
		.deleteFrom('attachments')
		.where('id', '=', attachmentId)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The meeting's attachments that name a file in the bundle, by that path. */
export async function attachmentsByFilePath(
	db: Kysely<Database>,
	meetingId: string
): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('attachments')
		.select(['id', 'file_path'])
		.where('meeting_id', '=', meetingId)
		.where('file_path', 'is not', null)
		.execute();
	return new Map(rows.map((row) => [row.file_path!, row.id]));
}

export async function insertStoredFile(
	db: Kysely<Database>,
	file: NewStoredFile & { id: string }
): Promise<void> {
	await db
		.insertInto('stored_files')
		.values({
			id: file.id,
			attachment_id: file.attachmentId,
			original_name: file.originalName,
			media_type: file.mediaType,
			size_bytes: file.sizeBytes,
			sha256: file.sha256,
			storage_key: file.storageKey,
			created_at: file.createdAt
		})
		.execute();
}
