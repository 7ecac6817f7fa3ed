import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { LinkKind } from '../../domain/good-practice/rules';

/** A good practice entry's links and their targets, resolved for display (a vanished target is left out): SQL only. */

export async function listLinks(
	db: Kysely<Database>,
	goodPracticeId: string
): Promise<{ kind: LinkKind; targetId: string }[]> {
	const rows = await db
		.selectFrom('good_practice_links')
		.select(['kind', 'target_id'])
		.where('good_practice_id', '=', goodPracticeId)
		.execute();
	return rows.map((row) => ({ kind: row.kind as LinkKind, targetId: row.target_id }));
}

export interface LinkedMeeting {
	id: string;
	number: number;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	isPublic: boolean;
}

export async function findLinkedMeetings(db: Kysely<Database>, ids: string[]): Promise<LinkedMeeting[]> {
	if (!ids.length) return [];
	const rows = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id',
			'meetings.number',
			'meetings.published_at',
			'series.slug',
			'series.title',
			'series.meeting_noun',
			'series.published_at as series_published_at'
		])
		.where('meetings.id', 'in', ids)
		.orderBy('meetings.date')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		number: row.number,
		seriesSlug: row.slug,
		seriesTitle: row.title,
		meetingNoun: row.meeting_noun,
		isPublic: row.published_at !== null && row.series_published_at !== null
	}));
}

export async function findAgendaItemTitles(
	db: Kysely<Database>,
	ids: string[]
): Promise<{ id: string; meetingId: string; title: string }[]> {
	if (!ids.length) return [];
	const rows = await db
		.selectFrom('agenda_items')
		.select(['id', 'meeting_id', 'title'])
		.where('id', 'in', ids)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({ id: row.id, meetingId: row.meeting_id, title: row.title }));
}

export async function findAttachmentFiles(
	db: Kysely<Database>,
	ids: string[]
): Promise<{ id: string; meetingId: string; title: string; fileId: string | null }[]> {
	if (!ids.length) return [];
	const rows = await db
		.selectFrom('attachments')
		.leftJoin('stored_files', 'stored_files.attachment_id', 'attachments.id')
		.select(['attachments.id', 'attachments.meeting_id', 'attachments.title', 'stored_files.id as file_id'])
		.where('attachments.id', 'in', ids)
		.orderBy('attachments.position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		meetingId: row.meeting_id,
		title: row.title,
		fileId: row.file_id ?? null
	}));
}

export async function findCardTexts(
	db: Kysely<Database>,
	ids: string[]
): Promise<{ id: string; text: string }[]> {
	if (!ids.length) return [];
	return db
		.selectFrom('board_cards')
		.select(['id', 'text'])
		.where('id', 'in', ids)
		.orderBy('position')
		.execute();
}

export async function findNetworkNames(
	db: Kysely<Database>,
	ids: string[]
): Promise<{ id: string; name: string; website: string | null }[]> {
	if (!ids.length) return [];
	return db
		.selectFrom('networks')
		.select(['id', 'name', 'website'])
		.where('id', 'in', ids)
		.orderBy('name')
		.execute();
}
