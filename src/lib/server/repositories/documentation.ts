import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Documentation versions, uploaded files and the documentation's free texts: SQL only. */

export interface VersionRecord {
	id: string;
	version: number;
	lang: string;
	createdAt: string;
	createdBy: string | null;
	publishedAt: string | null;
}

const versionColumns = ['id', 'version', 'lang', 'created_at', 'created_by', 'published_at'] as const;

function toVersion(row: {
	id: string;
	version: number;
	lang: string;
	created_at: string;
	created_by: string | null;
	published_at: string | null;
}): VersionRecord {
	return {
		id: row.id,
		version: row.version,
		lang: row.lang,
		createdAt: row.created_at,
		createdBy: row.created_by,
		publishedAt: row.published_at
	};
}

export async function listVersions(db: Kysely<Database>, meetingId: string): Promise<VersionRecord[]> {
	const rows = await db
		.selectFrom('documentation_versions')
		.select(versionColumns)
		.where('meeting_id', '=', meetingId)
		.orderBy('version', 'desc')
		.execute();
	return rows.map(toVersion);
}

export async function findVersionSnapshot(
	db: Kysely<Database>,
	meetingId: string,
	versionId: string
): Promise<(VersionRecord & { snapshot: string }) | undefined> {
	const row = await db
		.selectFrom('documentation_versions')
		.select([...versionColumns, 'snapshot'])
		.where('meeting_id', '=', meetingId)
		.where('id', '=', versionId)
		.executeTakeFirst();
	return row && { ...toVersion(row), snapshot: row.snapshot };
}

export async function findPublishedSnapshot(
	db: Kysely<Database>,
	meetingId: string
): Promise<(VersionRecord & { snapshot: string }) | undefined> {
	const row = await db
		.selectFrom('documentation_versions')
		.select([...versionColumns, 'snapshot'])
		.where('meeting_id', '=', meetingId)
		.where('published_at', 'is not', null)
		.executeTakeFirst();
	return row && { ...toVersion(row), snapshot: row.snapshot };
}

/** Whether the meeting has a published version, without loading its snapshot. */
export async function hasPublishedVersion(db: Kysely<Database>, meetingId: string): Promise<boolean> {
	const row = await db
		.selectFrom('documentation_versions')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where('published_at', 'is not', null)
		.executeTakeFirst();
	return row !== undefined;
}

export async function nextVersionNumber(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('documentation_versions')
		.select((eb) => eb.fn.max('version').as('latest'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return Number(row?.latest ?? 0) + 1;
}

export async function insertVersion(
	db: Kysely<Database>,
	version: {
		id: string;
		meetingId: string;
		version: number;
		lang: string;
		snapshot: string;
		createdAt: string;
		createdBy: string | null;
	}
): Promise<void> {
	await db
		.insertInto('documentation_versions')
		.values({
			id: version.id,
			meeting_id: version.meetingId,
			version: version.version,
			lang: version.lang,
			snapshot: version.snapshot,
			created_at: version.createdAt,
			created_by: version.createdBy,
			published_at: null
		})
		.execute();
}

/** Publishes one version and unpublishes every other version of the meeting. */
export async function setPublishedVersion(
	db: Kysely<Database>,
	meetingId: string,
	versionId: string | null,
	now: string
): Promise<void> {
	await db
		.updateTable('documentation_versions')
		.set({ published_at: null })
		.where('meeting_id', '=', meetingId)
		.where('published_at', 'is not', null)
		.execute();
	if (versionId) {
		await db
			.updateTable('documentation_versions')
			.set({ published_at: now })
			.where('meeting_id', '=', meetingId)
			.where('id', '=', versionId)
			.execute();
	}
}

export interface FreeTexts {
	topicSummary: string[];
	outlook: string[];
	findings: string[];
	rounds: { id: string; title: string; synthesis: string[] }[];
}

export async function readFreeTexts(db: Kysely<Database>, meetingId: string): Promise<FreeTexts> {
	const meeting = await db
		.selectFrom('meetings')
		.select(['topic_summary', 'outlook_text', 'findings'])
		.where('id', '=', meetingId)
		.executeTakeFirstOrThrow();
	const rounds = await db
		.selectFrom('breakout_rounds')
		.select(['id', 'title', 'synthesis'])
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	return {
		topicSummary: fromJsonList(meeting.topic_summary),
		outlook: fromJsonList(meeting.outlook_text),
		findings: fromJsonList(meeting.findings),
		rounds: rounds.map((round) => ({
			id: round.id,
			title: round.title,
			synthesis: fromJsonList(round.synthesis)
		}))
	};
}

export async function updateFreeTexts(
	db: Kysely<Database>,
	meetingId: string,
	texts: {
		topicSummary: string[];
		outlook: string[];
		findings: string[];
		syntheses: { roundId: string; synthesis: string[] }[];
	},
	now: string
): Promise<void> {
	await db
		.updateTable('meetings')
		.set({
			topic_summary: toJsonList(texts.topicSummary),
			outlook_text: toJsonList(texts.outlook),
			findings: toJsonList(texts.findings),
			updated_at: now
		})
		.where('id', '=', meetingId)
		.execute();
	for (const { roundId, synthesis } of texts.syntheses) {
		await db
			.updateTable('breakout_rounds')
			.set({ synthesis: toJsonList(synthesis) })
			.where('id', '=', roundId)
			.where('meeting_id', '=', meetingId)
			.execute();
	}
}

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

export async function listStoredFiles(db: Kysely<Database>, meetingId: string): Promise<StoredFileRecord[]> {
	const rows = await db
		.selectFrom('stored_files')
		.innerJoin('attachments', 'attachments.id', 'stored_files.attachment_id')
		.select([
			'stored_files.id',
			'stored_files.attachment_id',
			'attachments.title',
			'attachments.file_path',
			'attachments.agenda_item_id',
			'stored_files.original_name',
			'stored_files.media_type',
			'stored_files.size_bytes',
			'stored_files.storage_key',
			'stored_files.created_at'
		])
		.where('attachments.meeting_id', '=', meetingId)
		.orderBy('attachments.position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		attachmentId: row.attachment_id,
		title: row.title,
		filePath: row.file_path,
		agendaItemId: row.agenda_item_id,
		originalName: row.original_name,
		mediaType: row.media_type,
		sizeBytes: row.size_bytes,
		storageKey: row.storage_key,
		createdAt: row.created_at
	}));
}

export async function findStoredFile(
	db: Kysely<Database>,
	fileId: string
): Promise<(StoredFileRecord & { meetingId: string }) | undefined> {
	const row = await db
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
		])
		.where('stored_files.id', '=', fileId)
		.executeTakeFirst();
	return (
		row && {
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
		}
	);
}

/** Adds an uploaded file as the meeting's last attachment. */
export async function insertUploadedAttachment(
	db: Kysely<Database>,
	upload: {
		attachmentId: string;
		fileId: string;
		meetingId: string;
		title: string;
		kind: 'presentation' | 'other';
		filePath: string;
		agendaItemId: string | null;
		originalName: string;
		mediaType: string;
		sizeBytes: number;
		sha256: string;
		storageKey: string;
		createdAt: string;
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
	await db
		.insertInto('stored_files')
		.values({
			id: upload.fileId,
			attachment_id: upload.attachmentId,
			original_name: upload.originalName,
			media_type: upload.mediaType,
			size_bytes: upload.sizeBytes,
			sha256: upload.sha256,
			storage_key: upload.storageKey,
			created_at: upload.createdAt
		})
		.execute();
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

export async function agendaItemBelongsTo(
	db: Kysely<Database>,
	meetingId: string,
	agendaItemId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('agenda_items')
		.select('id')
		.where('id', '=', agendaItemId)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return row !== undefined;
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
	file: {
		id: string;
		attachmentId: string;
		originalName: string;
		mediaType: string;
		sizeBytes: number;
		sha256: string;
		storageKey: string;
		createdAt: string;
	}
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
