import type { Kysely, Selectable } from 'kysely';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import { fromJsonList, toJsonList } from '../db/json-columns';
import type { Database, GoodPracticeTable } from '../db/schema';
import type { LinkKind } from '../../domain/good-practice/rules';

/** Good practice entries and the links they are written with: SQL only (links read for display: good-practice-links.ts; sources: good-practice-sources.ts). */

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

/** An entry as stored: its fields, its organization and its times. */
export interface GoodPracticeRecord extends GoodPracticeFields {
	id: string;
	organizationId: string;
	createdAt: string;
	updatedAt: string;
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

type Row = Selectable<GoodPracticeTable>;

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

/** The fields as the table's columns, for an insert and an update alike. */
function columnsOf(fields: GoodPracticeFields) {
	return {
		title: fields.title,
		what: fields.what,
		how: fields.how,
		municipality: fields.municipality,
		ags: fields.ags,
		contact_name: fields.contactName,
		contact_email: fields.contactEmail,
		contact_consent: toBoolInt(fields.contactConsent),
		topics: toJsonList(fields.topics),
		published_at: fields.publishedAt
	};
}

export async function insertGoodPractice(
	db: Kysely<Database>,
	entry: { id: string; organizationId: string; now: string; fields: GoodPracticeFields },
	links: { kind: LinkKind; targetId: string }[]
): Promise<void> {
	await db
		.insertInto('good_practices')
		.values({
			id: entry.id,
			organization_id: entry.organizationId,
			...columnsOf(entry.fields),
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
		.set({ ...columnsOf(fields), updated_at: now })
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
