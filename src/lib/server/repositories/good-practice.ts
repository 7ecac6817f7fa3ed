import type { Kysely } from 'kysely';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import { fromJsonList, toJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';
import type { LinkKind } from '../../domain/good-practice/rules';

/** Good practice entries, their links, and the sources they are made from: SQL only. */

export interface GoodPracticeRecord {
	id: string;
	organizationId: string;
	title: string;
	what: string;
	how: string;
	municipality: string | null;
	ags: string | null;
	contactName: string | null;
	contactEmail: string | null;
	contactConsent: boolean;
	topics: string[];
	publishedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface GoodPracticeFields {
	title: string;
	what: string;
	how: string;
	municipality: string | null;
	ags: string | null;
	contactName: string | null;
	contactEmail: string | null;
	contactConsent: boolean;
	topics: string[];
	publishedAt: string | null;
}

const columns = [
	'good_practices.id',
	'good_practices.organization_id',
	'good_practices.title',
	'good_practices.what',
	'good_practices.how',
	'good_practices.municipality',
	'good_practices.ags',
	'good_practices.contact_name',
	'good_practices.contact_email',
	'good_practices.contact_consent',
	'good_practices.topics',
	'good_practices.published_at',
	'good_practices.created_at',
	'good_practices.updated_at'
] as const;

type Row = {
	id: string;
	organization_id: string;
	title: string;
	what: string;
	how: string;
	municipality: string | null;
	ags: string | null;
	contact_name: string | null;
	contact_email: string | null;
	contact_consent: number;
	topics: string;
	published_at: string | null;
	created_at: string;
	updated_at: string;
};

function toRecord(row: Row): GoodPracticeRecord {
	return {
		id: row.id,
		organizationId: row.organization_id,
		title: row.title,
		what: row.what,
		how: row.how,
		municipality: row.municipality,
		ags: row.ags,
		contactName: row.contact_name,
		contactEmail: row.contact_email,
		contactConsent: fromBoolInt(row.contact_consent),
		topics: fromJsonList(row.topics),
		publishedAt: row.published_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export async function insertGoodPractice(
	db: Kysely<Database>,
	entry: { id: string; organizationId: string; now: string; fields: GoodPracticeFields },
	links: { kind: LinkKind; targetId: string }[]
): Promise<void> {
	const { fields } = entry;
	await db
		.insertInto('good_practices')
		.values({
			id: entry.id,
			organization_id: entry.organizationId,
			title: fields.title,
			what: fields.what,
			how: fields.how,
			municipality: fields.municipality,
			ags: fields.ags,
			contact_name: fields.contactName,
			contact_email: fields.contactEmail,
			contact_consent: toBoolInt(fields.contactConsent),
			topics: toJsonList(fields.topics),
			published_at: fields.publishedAt,
			created_at: entry.now,
			updated_at: entry.now
		})
		.execute();
	const unique = new Map(links.map((link) => [`${link.kind}:${link.targetId}`, link]));
	if (unique.size) {
		await db
			.insertInto('good_practice_links')
			.values(
				[...unique.values()].map((link) => ({
					good_practice_id: entry.id,
					kind: link.kind,
					target_id: link.targetId
				}))
			)
			.execute();
	}
}

export async function updateGoodPractice(
	db: Kysely<Database>,
	id: string,
	now: string,
	fields: GoodPracticeFields
): Promise<void> {
	await db
		.updateTable('good_practices')
		.set({
			title: fields.title,
			what: fields.what,
			how: fields.how,
			municipality: fields.municipality,
			ags: fields.ags,
			contact_name: fields.contactName,
			contact_email: fields.contactEmail,
			contact_consent: toBoolInt(fields.contactConsent),
			topics: toJsonList(fields.topics),
			published_at: fields.publishedAt,
			updated_at: now
		})
		.where('id', '=', id)
		.execute();
}

export async function setGoodPracticePublishedAt(
	db: Kysely<Database>,
	id: string,
	publishedAt: string | null,
	now: string
): Promise<void> {
	await db
		.updateTable('good_practices')
		.set({ published_at: publishedAt, updated_at: now })
		.where('id', '=', id)
		.execute();
}

/** The entry and its links (call inside a transaction). */
export async function deleteGoodPractice(db: Kysely<Database>, id: string): Promise<void> {
	await db.deleteFrom('good_practice_links').where('good_practice_id', '=', id).execute();
	await db.deleteFrom('good_practices').where('id', '=', id).execute();
}

export async function findGoodPractice(
	db: Kysely<Database>,
	id: string
): Promise<GoodPracticeRecord | undefined> {
	const row = await db.selectFrom('good_practices').select(columns).where('id', '=', id).executeTakeFirst();
	return row && toRecord(row);
}

/** Published entries (newest first), or also the drafts of the given organizations. */
export async function listGoodPractices(
	db: Kysely<Database>,
	options: { draftsOf: string[] | 'all' }
): Promise<GoodPracticeRecord[]> {
	let query = db.selectFrom('good_practices').select(columns);
	const { draftsOf } = options;
	if (draftsOf !== 'all') {
		query = query.where((eb) =>
			draftsOf.length
				? eb.or([eb('published_at', 'is not', null), eb('organization_id', 'in', draftsOf)])
				: eb('published_at', 'is not', null)
		);
	}
	const rows = await query.orderBy('created_at', 'desc').execute();
	return rows.map(toRecord);
}

/** The entries linked to a meeting (came from it), oldest first. */
export async function listGoodPracticesOfMeeting(
	db: Kysely<Database>,
	meetingId: string,
	options: { publishedOnly: boolean }
): Promise<GoodPracticeRecord[]> {
	let query = db
		.selectFrom('good_practices')
		.innerJoin('good_practice_links', 'good_practice_links.good_practice_id', 'good_practices.id')
		.select(columns)
		.where('good_practice_links.kind', '=', 'meeting')
		.where('good_practice_links.target_id', '=', meetingId);
	if (options.publishedOnly) query = query.where('good_practices.published_at', 'is not', null);
	const rows = await query.orderBy('good_practices.created_at').execute();
	return rows.map(toRecord);
}

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

/* ---- link targets, resolved for display (a vanished target is left out) ---- */

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

/* ---- sources of one meeting ---- */

export interface TalkSource {
	id: string;
	title: string;
	details: string[];
	speakers: { name: string; organization: string | null }[];
	attachmentIds: string[];
}

/** The meeting's agenda items (talks) with their speakers and the attachments (slides) they carry. */
export async function listTalkSources(db: Kysely<Database>, meetingId: string): Promise<TalkSource[]> {
	const [items, speakers, attachments] = await Promise.all([
		db
			.selectFrom('agenda_items')
			.select(['id', 'title', 'details', 'kind'])
			.where('meeting_id', '=', meetingId)
			.orderBy('position')
			.execute(),
		db
			.selectFrom('agenda_item_speakers')
			.innerJoin('people', 'people.id', 'agenda_item_speakers.person_id')
			.innerJoin('agenda_items', 'agenda_items.id', 'agenda_item_speakers.agenda_item_id')
			.select(['agenda_item_speakers.agenda_item_id', 'people.name', 'people.organization'])
			.where('agenda_items.meeting_id', '=', meetingId)
			.orderBy('agenda_item_speakers.position')
			.execute(),
		db
			.selectFrom('attachments')
			.select(['id', 'agenda_item_id'])
			.where('meeting_id', '=', meetingId)
			.where('agenda_item_id', 'is not', null)
			.orderBy('position')
			.execute()
	]);
	return items.map((item) => ({
		id: item.id,
		title: item.title,
		details: fromJsonList(item.details),
		speakers: speakers
			.filter((speaker) => speaker.agenda_item_id === item.id)
			.map((speaker) => ({ name: speaker.name, organization: speaker.organization })),
		attachmentIds: attachments.filter((entry) => entry.agenda_item_id === item.id).map((entry) => entry.id)
	}));
}

export interface CardSource {
	id: string;
	text: string;
	roundTitle: string;
	roomName: string;
}

export async function listCardSources(db: Kysely<Database>, meetingId: string): Promise<CardSource[]> {
	const rows = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['board_cards.id', 'board_cards.text', 'breakout_rounds.title', 'breakout_rooms.name'])
		.where('breakout_rounds.meeting_id', '=', meetingId)
		.orderBy('breakout_rounds.position')
		.orderBy('breakout_rooms.position')
		.orderBy('board_cards.position')
		.execute();
	return rows.map((row) => ({ id: row.id, text: row.text, roundTitle: row.title, roomName: row.name }));
}

export interface NetworkSource {
	id: string;
	name: string;
	description: string | null;
	origin: string | null;
	municipality: string | null;
	ags: string | null;
	contactName: string | null;
	contactEmail: string | null;
}

/** The network entries presented at the meeting. */
export async function listNetworkSources(db: Kysely<Database>, meetingId: string): Promise<NetworkSource[]> {
	const rows = await db
		.selectFrom('meeting_networks')
		.innerJoin('networks', 'networks.id', 'meeting_networks.network_id')
		.select([
			'networks.id',
			'networks.name',
			'networks.description',
			'networks.origin',
			'networks.municipality',
			'networks.ags',
			'networks.contact_name',
			'networks.contact_email'
		])
		.where('meeting_networks.meeting_id', '=', meetingId)
		.orderBy('meeting_networks.position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		description: row.description,
		origin: row.origin,
		municipality: row.municipality,
		ags: row.ags,
		contactName: row.contact_name,
		contactEmail: row.contact_email
	}));
}
