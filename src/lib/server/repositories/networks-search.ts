import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DirectorySort, EntryStatus } from '../../domain/networks/entry';
import type { Database } from '../db/schema';
import { fromJsonList } from '../db/json-columns';
import { entryColumns, isPostgres, type EntryRow } from './networks';

/** Searching the network directory: full text (FTS5 on SQLite, tsvector on PostgreSQL), filters, counts, topics. */

export interface EntryFilter {
	/** Stems from searchTerms(); empty: no full-text condition. */
	terms: readonly string[];
	status: EntryStatus;
	kind?: string;
	topic?: string;
	districtAgs?: string;
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
