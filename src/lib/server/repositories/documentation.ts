import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Documentation versions and the documentation's free texts: SQL only. */

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

/** The meeting's versions with their snapshots, to narrow down to one. */
function snapshotsOf(db: Kysely<Database>, meetingId: string) {
	return db
		.selectFrom('documentation_versions')
		.select([...versionColumns, 'snapshot'])
		.where('meeting_id', '=', meetingId);
}

function withSnapshot(
	row: (Parameters<typeof toVersion>[0] & { snapshot: string }) | undefined
): (VersionRecord & { snapshot: string }) | undefined {
	return row && { ...toVersion(row), snapshot: row.snapshot };
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
	return withSnapshot(await snapshotsOf(db, meetingId).where('id', '=', versionId).executeTakeFirst());
}

export async function findPublishedSnapshot(
	db: Kysely<Database>,
	meetingId: string
): Promise<(VersionRecord & { snapshot: string }) | undefined> {
	return withSnapshot(
		await snapshotsOf(db, meetingId).where('published_at', 'is not', null).executeTakeFirst()
	);
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
