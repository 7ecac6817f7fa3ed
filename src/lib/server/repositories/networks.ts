import { randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DirectorySort, EntryStatus } from '../../domain/networks/entry';
import { searchableText } from '../../domain/networks/entry';
import { slugify } from '../../domain/slug';
import { translate, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Kysely queries of the network directory (table `networks`, see the migration 2026-12-04T1000). */

export const entryColumns = [
	'networks.id',
	'networks.organization_id',
	'networks.network_key',
	'networks.slug',
	'networks.status',
	'networks.name',
	'networks.kind',
	'networks.description',
	'networks.topics',
	'networks.municipality',
	'networks.ags',
	'networks.district',
	'networks.district_ags',
	'networks.address',
	'networks.website',
	'networks.contact_name',
	'networks.contact_name_consent',
	'networks.contact_email',
	'networks.contact_phone',
	'networks.founded',
	'networks.last_checked',
	'networks.created_at',
	'networks.updated_at'
] as const;

export interface EntryRow {
	id: string;
	organization_id: string;
	network_key: string;
	slug: string | null;
	status: string;
	name: string;
	kind: string;
	description: string | null;
	topics: string;
	municipality: string | null;
	ags: string | null;
	district: string | null;
	district_ags: string | null;
	address: string | null;
	website: string | null;
	contact_name: string | null;
	contact_name_consent: number;
	contact_email: string | null;
	contact_phone: string | null;
	founded: number | null;
	last_checked: string | null;
	created_at: string;
	updated_at: string;
}

export interface EntryFilter {
	/** Stems from searchTerms(); empty: no full-text condition. */
	terms: readonly string[];
	status: EntryStatus;
	kind?: string;
	topic?: string;
	districtAgs?: string;
}

export function isPostgres(db: Kysely<Database>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

type EntryQuery = SelectQueryBuilder<Database, 'networks', object>;

/** `networks` with the filter's conditions; on SQLite joined to the FTS5 table when searching. */
function filtered(db: Kysely<Database>, filter: EntryFilter, withDistrict = true): EntryQuery {
	let query = db.selectFrom('networks') as EntryQuery;
	if (filter.terms.length) {
		if (isPostgres(db)) {
			query = query.where(
				sql<boolean>`networks.search_vector @@ to_tsquery('german', ${pgQuery(filter.terms)})`
			);
		} else {
			query = query
				.innerJoin('network_search', 'network_search.network_id', 'networks.id')
				.where(sql<boolean>`network_search MATCH ${ftsQuery(filter.terms)}`) as unknown as EntryQuery;
		}
	}
	query = query.where('networks.status', '=', filter.status);
	if (filter.kind) query = query.where('networks.kind', '=', filter.kind);
	if (filter.topic) {
		const pattern = `%${JSON.stringify(filter.topic).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where(sql<boolean>`networks.topics LIKE ${pattern} ESCAPE '\\'`);
	}
	if (withDistrict && filter.districtAgs)
		query = query.where('networks.district_ags', '=', filter.districtAgs);
	return query;
}

/** Terms are [a-z0-9] only (searchTerms), so they are safe inside these expressions. */
function ftsQuery(terms: readonly string[]): string {
	return terms.map((term) => `"${term}"*`).join(' AND ');
}
function pgQuery(terms: readonly string[]): string {
	return terms.map((term) => `${term}:*`).join(' & ');
}

export async function searchEntries(
	db: Kysely<Database>,
	filter: EntryFilter,
	sort: DirectorySort,
	offset: number,
	limit: number,
	/** The number of matches when the caller knows it already (then it is not counted again). */
	knownTotal?: number
): Promise<{ rows: EntryRow[]; total: number }> {
	const base = filtered(db, filter);
	// On PostgreSQL the total comes with the page (a window count), so the full-text match runs
	// once; SQLite's bm25() refuses to run beside a window function, so it counts apart. A total
	// the caller knows already is not counted again: the window count reads every match, which
	// would undo the index's early stop at the page's last row.
	const postgres = isPostgres(db);
	const countsWithPage = postgres && knownTotal === undefined;
	let query = base
		.select(entryColumns)
		.select(
			countsWithPage
				? sql<number | string>`count(*) over ()`.as('total_count')
				: sql<number>`0`.as('total_count')
		);
	const effective = sort === 'relevance' && !filter.terms.length ? 'name' : sort;
	if (effective === 'relevance') {
		query = isPostgres(db)
			? query.orderBy(
					sql`ts_rank(networks.search_vector, to_tsquery('german', ${pgQuery(filter.terms)}))`,
					'desc'
				)
			: query.orderBy(sql`bm25(network_search)`);
	} else if (effective === 'newest') query = query.orderBy('networks.created_at', 'desc');
	else if (effective === 'founded')
		query = query
			.orderBy(sql`case when networks.founded is null then 1 else 0 end`)
			.orderBy('networks.founded');
	query = query.orderBy('networks.name').orderBy('networks.id');
	const found = await query.offset(offset).limit(limit).execute();
	const rows = found.map(({ total_count: _total, ...row }) => row as EntryRow);
	if (knownTotal !== undefined) return { rows, total: knownTotal };
	if (countsWithPage && found.length) return { rows, total: Number(found[0]!.total_count) };
	// SQLite, or past the last page: count apart.
	const totalRow =
		offset || !postgres
			? await base.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirst()
			: undefined;
	return { rows, total: Number(totalRow?.count ?? 0) };
}

/**
 * Entries per district under the filter's other conditions (the map's numbers); entries without
 * a district are counted under the empty key, so that the counts add up to all matches.
 */
export async function countByDistrict(
	db: Kysely<Database>,
	filter: EntryFilter
): Promise<Map<string, number>> {
	const rows = await filtered(db, filter, false)
		.select(['networks.district_ags', (eb) => eb.fn.countAll<number | string>().as('count')])
		.groupBy('networks.district_ags')
		.execute();
	return new Map(rows.map((row) => [row.district_ags ?? '', Number(row.count)]));
}

/** The distinct topics of the entries with this status, sorted. */
export async function listTopics(db: Kysely<Database>, status: EntryStatus): Promise<string[]> {
	const rows = await db
		.selectFrom('networks')
		.select('topics')
		.distinct()
		.where('status', '=', status)
		.execute();
	const topics = new Set<string>();
	for (const row of rows) for (const topic of fromJsonList(row.topics)) topics.add(topic);
	return [...topics].sort((a, b) => a.localeCompare(b, 'de'));
}

export async function countByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('networks')
		.select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
		.groupBy('status')
		.execute();
	return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

export async function findEntry(db: Kysely<Database>, idOrSlug: string): Promise<EntryRow | undefined> {
	return (await db
		.selectFrom('networks')
		.select(entryColumns)
		.where((eb) => eb.or([eb('networks.id', '=', idOrSlug), eb('networks.slug', '=', idOrSlug)]))
		.executeTakeFirst()) as EntryRow | undefined;
}

export async function listAllEntries(db: Kysely<Database>, status?: EntryStatus): Promise<EntryRow[]> {
	let query = db.selectFrom('networks').select(entryColumns);
	if (status) query = query.where('networks.status', '=', status);
	return (await query.orderBy('networks.name').orderBy('networks.id').execute()) as EntryRow[];
}

export interface EntryFields {
	name: string;
	kind: string;
	description: string | null;
	topics: string[];
	municipality: string | null;
	ags: string | null;
	district: string | null;
	district_ags: string | null;
	address: string | null;
	website: string | null;
	contact_name: string | null;
	contact_name_consent: number;
	contact_email: string | null;
	contact_phone: string | null;
	founded: number | null;
	last_checked: string | null;
}

export async function insertEntry(
	db: Kysely<Database>,
	values: EntryFields & {
		organization_id: string;
		network_key: string;
		status: EntryStatus;
		suggester_email?: string | null;
	},
	at: string
): Promise<string> {
	const id = randomUUID();
	const { topics, ...rest } = values;
	await db
		.insertInto('networks')
		.values({
			id,
			...rest,
			topics: toJsonList(topics),
			partners: '[]',
			suggester_email: values.suggester_email ?? null,
			created_at: at,
			updated_at: at
		})
		.execute();
	await indexEntry(db, id);
	return id;
}

export async function updateEntry(
	db: Kysely<Database>,
	id: string,
	fields: EntryFields,
	at: string
): Promise<void> {
	const { topics, ...rest } = fields;
	await db
		.updateTable('networks')
		.set({ ...rest, topics: toJsonList(topics), updated_at: at })
		.where('id', '=', id)
		.execute();
	await indexEntry(db, id);
}

export async function setStatus(
	db: Kysely<Database>,
	id: string,
	status: EntryStatus,
	at: string
): Promise<void> {
	// The suggester's address serves questions during the review only: the decision deletes it.
	await db
		.updateTable('networks')
		.set(
			status === 'suggested' ? { status, updated_at: at } : { status, updated_at: at, suggester_email: null }
		)
		.where('id', '=', id)
		.execute();
}

export async function networkKeyTaken(
	db: Kysely<Database>,
	organizationId: string,
	key: string
): Promise<boolean> {
	const row = await db
		.selectFrom('networks')
		.select('id')
		.where('organization_id', '=', organizationId)
		.where('network_key', '=', key)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Refreshes an entry's search text (and, on SQLite, its FTS5 row) and gives it a slug when it has
 * none. Called after every write of an entry, including the exchange-format import.
 */
export async function indexEntry(db: Kysely<Database>, id: string): Promise<void> {
	const row = await db
		.selectFrom('networks')
		.select([
			'name',
			'kind',
			'description',
			'topics',
			'municipality',
			'district',
			'slug',
			'ags',
			'district_ags'
		])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return;
	const kindKey = `networks.kind.${row.kind}` as MessageKey;
	const text = searchableText({
		name: row.name,
		kindLabel: `${translate('de', kindKey)} ${translate('en', kindKey)}`,
		description: row.description,
		topics: fromJsonList(row.topics),
		municipality: row.municipality,
		district: row.district
	});
	let slug = row.slug;
	if (!slug) {
		const base = slugify(row.name) || 'netzwerk';
		const taken = await db.selectFrom('networks').select('id').where('slug', '=', base).executeTakeFirst();
		slug = taken ? `${base.slice(0, 70)}-${id.slice(0, 8)}` : base;
	}
	// An AGS's first five digits are its district's (imported networks carry only the AGS).
	const districtAgs = row.district_ags ?? (row.ags && /^\d{5}/.test(row.ags) ? row.ags.slice(0, 5) : null);
	await db
		.updateTable('networks')
		.set({ search_text: text, slug, district_ags: districtAgs })
		.where('id', '=', id)
		.execute();
	if (!isPostgres(db)) {
		await db.deleteFrom('network_search').where('network_id', '=', id).execute();
		await db.insertInto('network_search').values({ network_id: id, body: text }).execute();
	}
}

export async function deleteEntry(db: Kysely<Database>, id: string): Promise<void> {
	if (!isPostgres(db)) await db.deleteFrom('network_search').where('network_id', '=', id).execute();
	await db.deleteFrom('networks').where('id', '=', id).execute();
}

/* ---- meetings where an entry was presented or named ---- */

export interface EntryMeetingRow {
	meeting_id: string;
	series_slug: string;
	series_title: string;
	meeting_noun: string;
	number: number;
	topic_title: string | null;
	date: string;
	published_at: string | null;
	series_published_at: string | null;
	agenda_item_id: string | null;
	agenda_item_title: string | null;
}

export async function meetingsOfEntry(db: Kysely<Database>, networkId: string): Promise<EntryMeetingRow[]> {
	return db
		.selectFrom('meeting_networks')
		.innerJoin('meetings', 'meetings.id', 'meeting_networks.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.leftJoin('agenda_items', 'agenda_items.id', 'meeting_networks.agenda_item_id')
		.select([
			'agenda_items.id as agenda_item_id',
			'agenda_items.title as agenda_item_title',
			'meetings.id as meeting_id',
			'series.slug as series_slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.topic_title',
			'meetings.date',
			'meetings.published_at',
			'series.published_at as series_published_at'
		])
		.where('meeting_networks.network_id', '=', networkId)
		.orderBy('meetings.date')
		.execute();
}

export async function linkMeeting(
	db: Kysely<Database>,
	networkId: string,
	meetingId: string,
	agendaItemId: string | null = null
): Promise<boolean> {
	const existing = await db
		.selectFrom('meeting_networks')
		.select(['position', 'agenda_item_id'])
		.where('meeting_id', '=', meetingId)
		.where('network_id', '=', networkId)
		.executeTakeFirst();
	if (existing) {
		if (agendaItemId === null || existing.agenda_item_id === agendaItemId) return false;
		await db
			.updateTable('meeting_networks')
			.set({ agenda_item_id: agendaItemId })
			.where('meeting_id', '=', meetingId)
			.where('network_id', '=', networkId)
			.execute();
		return true;
	}
	const last = await db
		.selectFrom('meeting_networks')
		.select((eb) => eb.fn.max('position').as('position'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
	await db
		.insertInto('meeting_networks')
		.values({ meeting_id: meetingId, network_id: networkId, position, agenda_item_id: agendaItemId })
		.execute();
	return true;
}

export async function unlinkMeeting(
	db: Kysely<Database>,
	networkId: string,
	meetingId: string
): Promise<void> {
	await db
		.deleteFrom('meeting_networks')
		.where('meeting_id', '=', meetingId)
		.where('network_id', '=', networkId)
		.execute();
}

/** Moves the duplicate's meeting links to the kept entry (skipping meetings it already names). */
export async function moveMeetingLinks(db: Kysely<Database>, fromId: string, toId: string): Promise<void> {
	const links = await db
		.selectFrom('meeting_networks')
		.select(['meeting_id', 'agenda_item_id'])
		.where('network_id', '=', fromId)
		.execute();
	for (const link of links) await linkMeeting(db, toId, link.meeting_id, link.agenda_item_id);
	await db.deleteFrom('meeting_networks').where('network_id', '=', fromId).execute();
}

/* ---- history ---- */

export interface ChangeRow {
	id: string;
	changed_at: string;
	user_id: string | null;
	user_name: string | null;
	actor_label: string;
	action: string;
	details: string;
}

export async function recordChange(
	db: Kysely<Database>,
	change: { networkId: string; userId: string | null; actorLabel: string; action: string; details: unknown },
	at: string
): Promise<void> {
	await db
		.insertInto('network_entry_changes')
		.values({
			id: randomUUID(),
			network_id: change.networkId,
			changed_at: at,
			user_id: change.userId,
			actor_label: change.actorLabel,
			action: change.action,
			details: JSON.stringify(change.details ?? {})
		})
		.execute();
}

export async function listChanges(db: Kysely<Database>, networkId: string): Promise<ChangeRow[]> {
	return db
		.selectFrom('network_entry_changes')
		.leftJoin('users', 'users.id', 'network_entry_changes.user_id')
		.select([
			'network_entry_changes.id',
			'network_entry_changes.changed_at',
			'network_entry_changes.user_id',
			'users.display_name as user_name',
			'network_entry_changes.actor_label',
			'network_entry_changes.action',
			'network_entry_changes.details'
		])
		.where('network_entry_changes.network_id', '=', networkId)
		.orderBy('network_entry_changes.changed_at')
		.orderBy('network_entry_changes.id')
		.execute();
}

/** The organization public suggestions belong to: the oldest one (the installation's operator). */
export async function directoryOrganizationId(db: Kysely<Database>): Promise<string | undefined> {
	const row = await db
		.selectFrom('organizations')
		.select('id')
		.orderBy('created_at')
		.orderBy('id')
		.executeTakeFirst();
	return row?.id;
}

/** A meeting by its series slug and number, for linking. */
export async function findMeetingId(
	db: Kysely<Database>,
	seriesSlug: string,
	number: number
): Promise<string | undefined> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select('meetings.id')
		.where('series.slug', '=', seriesSlug)
		.where('meetings.number', '=', number)
		.executeTakeFirst();
	return row?.id;
}

/** Every meeting, newest first, for the organizers' "presented at" choice. */
export async function listMeetingsForLinking(db: Kysely<Database>): Promise<
	{
		id: string;
		series_slug: string;
		series_title: string;
		meeting_noun: string;
		number: number;
		date: string;
	}[]
> {
	return db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id',
			'series.slug as series_slug',
			'series.title as series_title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.date'
		])
		.orderBy('meetings.date', 'desc')
		.execute();
}

/** The agenda items of the meetings, for the "presented at" choice. */
export async function listAgendaItemsForLinking(
	db: Kysely<Database>
): Promise<{ id: string; meeting_id: string; title: string; start_time: string }[]> {
	return db
		.selectFrom('agenda_items')
		.select(['id', 'meeting_id', 'title', 'start_time'])
		.orderBy('meeting_id')
		.orderBy('position')
		.execute();
}
