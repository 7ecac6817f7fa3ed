import type { Kysely } from 'kysely';
import type { Database, SeriesTable } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';
import { setPublishedAt } from './publication';

/** Series and the organizations they belong to: SQL only. */

/** The stored fields a service writes (everything but ids and timestamps). */
export interface SeriesFields {
	/** The public id in addresses: `austausch-kulturbueros-engagement`. */
	slug: string;
	title: string;
	meetingNoun: string;
	meetingNounGenitive: string;
	audience: string;
	language: string;
	organizerName: string;
	organizerEmail: string | null;
	organizerWebsite: string | null;
	formatDescription: string[];
	fundingLead: string | null;
	fundingFunder: string[];
	/** Shown on registration pages. */
	privacyNotice: string | null;
	/** Months after a meeting until its registrations are anonymized. */
	retentionMonths: number;
}

export interface SeriesRecord extends SeriesFields {
	/** Internal UUID. */
	id: string;
	organizationId: string;
	organizationName: string;
	publishedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface OrganizationRecord {
	id: string;
	name: string;
	email: string | null;
	website: string | null;
}

function seriesQuery(db: Kysely<Database>) {
	return db
		.selectFrom('series')
		.innerJoin('organizations', 'organizations.id', 'series.organization_id')
		.select([
			'series.id',
			'series.slug',
			'series.organization_id',
			'organizations.name as organization_name',
			'series.title',
			'series.meeting_noun',
			'series.meeting_noun_genitive',
			'series.audience',
			'series.language',
			'series.organizer_name',
			'series.organizer_email',
			'series.organizer_website',
			'series.format_description',
			'series.funding_lead',
			'series.funding_funder',
			'series.privacy_notice',
			'series.retention_months',
			'series.published_at',
			'series.created_at',
			'series.updated_at'
		]);
}

type SeriesSelection = Awaited<ReturnType<ReturnType<typeof seriesQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: SeriesSelection): SeriesRecord {
	return {
		id: row.id,
		slug: row.slug,
		organizationId: row.organization_id,
		organizationName: row.organization_name,
		title: row.title,
		meetingNoun: row.meeting_noun,
		meetingNounGenitive: row.meeting_noun_genitive,
		audience: row.audience,
		language: row.language,
		organizerName: row.organizer_name,
		organizerEmail: row.organizer_email,
		organizerWebsite: row.organizer_website,
		formatDescription: fromJsonList(row.format_description),
		fundingLead: row.funding_lead,
		fundingFunder: fromJsonList(row.funding_funder),
		privacyNotice: row.privacy_notice,
		retentionMonths: row.retention_months,
		publishedAt: row.published_at,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function toColumns(
	fields: SeriesFields
): Omit<
	SeriesTable,
	'id' | 'organization_id' | 'published_at' | 'created_at' | 'updated_at' | 'retention_months'
> & { retention_months: number } {
	return {
		slug: fields.slug,
		title: fields.title,
		meeting_noun: fields.meetingNoun,
		meeting_noun_genitive: fields.meetingNounGenitive,
		audience: fields.audience,
		language: fields.language,
		organizer_name: fields.organizerName,
		organizer_email: fields.organizerEmail,
		organizer_website: fields.organizerWebsite,
		format_description: toJsonList(fields.formatDescription),
		funding_lead: fields.fundingLead,
		funding_funder: fields.fundingFunder.length ? toJsonList(fields.fundingFunder) : null,
		privacy_notice: fields.privacyNotice,
		retention_months: fields.retentionMonths
	};
}

export async function findSeriesBySlug(
	db: Kysely<Database>,
	slug: string
): Promise<SeriesRecord | undefined> {
	const row = await seriesQuery(db).where('series.slug', '=', slug).executeTakeFirst();
	return row && toRecord(row);
}

/**
 * Series in title order: the published ones, plus every series (drafts too) of the given
 * organizations (`all` for admins). With `onlyOrganizations`, just those organizations' series.
 */
export async function listSeries(
	db: Kysely<Database>,
	filter: { draftsOf: string[] | 'all'; onlyOrganizations?: boolean }
): Promise<SeriesRecord[]> {
	let query = seriesQuery(db);
	const { draftsOf } = filter;
	if (draftsOf !== 'all') {
		query = query.where((eb) => {
			const ofOrganizations =
				draftsOf.length > 0 ? eb('series.organization_id', 'in', draftsOf) : eb.lit(false);
			return filter.onlyOrganizations
				? ofOrganizations
				: eb.or([eb('series.published_at', 'is not', null), ofOrganizations]);
		});
	}
	const rows = await query.orderBy('series.title').orderBy('series.slug').execute();
	return rows.map(toRecord);
}

export async function listPublishedSeries(db: Kysely<Database>): Promise<SeriesRecord[]> {
	const rows = await seriesQuery(db)
		.where('series.published_at', 'is not', null)
		.orderBy('series.title')
		.orderBy('series.slug')
		.execute();
	return rows.map(toRecord);
}

export async function isSlugTaken(db: Kysely<Database>, slug: string, exceptId?: string): Promise<boolean> {
	let query = db.selectFrom('series').select('id').where('slug', '=', slug);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

export async function insertSeries(
	db: Kysely<Database>,
	series: { id: string; organizationId: string; now: string; fields: SeriesFields }
): Promise<void> {
	await db
		.insertInto('series')
		.values({
			id: series.id,
			organization_id: series.organizationId,
			...toColumns(series.fields),
			published_at: null,
			created_at: series.now,
			updated_at: series.now
		})
		.execute();
}

export async function updateSeries(
	db: Kysely<Database>,
	id: string,
	fields: SeriesFields,
	now: string
): Promise<void> {
	await db
		.updateTable('series')
		.set({ ...toColumns(fields), updated_at: now })
		.where('id', '=', id)
		.execute();
}

export async function setSeriesPublishedAt(
	db: Kysely<Database>,
	id: string,
	publishedAt: string | null,
	now: string
): Promise<void> {
	await setPublishedAt(db, 'series', id, publishedAt, now);
}

/** Organizations by id (`all`: every organization), in name order. */
export async function listOrganizations(
	db: Kysely<Database>,
	ids: string[] | 'all'
): Promise<OrganizationRecord[]> {
	if (ids !== 'all' && ids.length === 0) return [];
	let query = db.selectFrom('organizations').select(['id', 'name', 'email', 'website']);
	if (ids !== 'all') query = query.where('id', 'in', ids);
	return query.orderBy('name').execute();
}

export async function countSeries(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('series')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
