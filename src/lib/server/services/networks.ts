import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import {
	directoryKinds,
	directorySorts,
	PAGE_SIZE,
	publicContact,
	type EntryStatus,
	type PublicContact
} from '../../domain/networks/entry';
import { searchTerms } from '../../domain/search/german';
import type { Database } from '../db/schema';
import { fromJsonList } from '../db/json-columns';
import type { EntryRow } from '../repositories/networks';
import * as repo from '../repositories/networks';
import * as meetingsRepo from '../repositories/networks-meetings';
import * as searchRepo from '../repositories/networks-search';
import { districtMap, listDistricts } from './networks-places';

/**
 * The network directory of Westfalen-Lippe as the public reads it: the list with search, filters
 * and map, the permanent page of an entry, and the views of an entry the other directory services
 * share. Entries are written in networks-entries.ts, suggested in networks-suggestions.ts and
 * reviewed in networks-review.ts.
 */

/** The directory's query (page, API, exports). Unknown choices are ignored rather than refused. */
export const DirectoryQuery = z.object({
	q: z.string().max(200).optional().catch(undefined),
	kind: z.enum(directoryKinds).optional().catch(undefined),
	topic: z.string().trim().max(60).optional().catch(undefined),
	district: z
		.string()
		.regex(/^\d{5}$/)
		.optional()
		.catch(undefined),
	sort: z.enum(directorySorts).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;

export function directoryQueryFrom(params: URLSearchParams): DirectoryQuery {
	const raw: Record<string, string> = {};
	for (const key of ['q', 'kind', 'topic', 'district', 'sort', 'page']) {
		const value = params.get(key)?.trim();
		if (value) raw[key] = value;
	}
	return DirectoryQuery.parse(raw);
}

export interface PublicEntry {
	id: string;
	slug: string;
	name: string;
	kind: string;
	description: string | null;
	topics: string[];
	municipality: string | null;
	ags: string | null;
	district: string | null;
	districtAgs: string | null;
	address: string | null;
	website: string | null;
	contact: PublicContact | null;
	founded: number | null;
	lastChecked: string | null;
	updatedAt: string;
}

export function toPublicEntry(row: EntryRow): PublicEntry {
	return {
		id: row.id,
		slug: row.slug ?? row.id,
		name: row.name,
		kind: row.kind,
		description: row.description,
		topics: fromJsonList(row.topics),
		municipality: row.municipality,
		ags: row.ags,
		district: row.district,
		districtAgs: row.district_ags,
		address: row.address,
		website: row.website,
		contact: publicContact(row) ?? null,
		founded: row.founded,
		lastChecked: row.last_checked,
		updatedAt: row.updated_at
	};
}

export interface DistrictCount {
	ags: string;
	name: string;
	count: number;
	path: string;
}

export interface DirectoryView {
	query: DirectoryQuery;
	entries: PublicEntry[];
	total: number;
	page: number;
	pageCount: number;
	pageSize: number;
	districts: DistrictCount[];
	mapWidth: number;
	mapHeight: number;
	topics: string[];
}

function filterOf(query: DirectoryQuery, status: EntryStatus): searchRepo.EntryFilter {
	return {
		terms: searchTerms(query.q ?? ''),
		status,
		kind: query.kind,
		topic: query.topic || undefined,
		districtAgs: query.district
	};
}

// The topic filter's choices scan every published entry: kept for a minute per process.
const TOPICS_TTL_MS = 60_000;
const topicsCache = new WeakMap<Kysely<Database>, { at: number; topics: string[] }>();

async function publishedTopics(db: Kysely<Database>): Promise<string[]> {
	const cached = topicsCache.get(db);
	if (cached && Date.now() - cached.at < TOPICS_TTL_MS) return cached.topics;
	const topics = await searchRepo.listTopics(db, 'published');
	topicsCache.set(db, { at: Date.now(), topics });
	return topics;
}

/** Published entries matching the query, one page of them, with the map's numbers. */
export async function searchDirectory(
	db: Kysely<Database>,
	query: DirectoryQuery,
	options: { withMap?: boolean; pageSize?: number } = {}
): Promise<DirectoryView> {
	const pageSize = options.pageSize ?? PAGE_SIZE;
	const page = query.page ?? 1;
	const filter = filterOf(query, 'published');
	const map = districtMap();
	let districts: DistrictCount[] = [];
	let topics: string[] = [];
	let knownTotal: number | undefined;
	if (options.withMap !== false) {
		// The map's numbers add up to the list's total: the full-text match need not run a third time.
		const counts = await searchRepo.countByDistrict(db, filter);
		knownTotal = filter.districtAgs
			? (counts.get(filter.districtAgs) ?? 0)
			: [...counts.values()].reduce((sum, count) => sum + count, 0);
		const names = new Map(listDistricts().map((district) => [district.ags, district.name]));
		districts = map.districts
			.map((shape) => ({
				ags: shape.ags,
				name: names.get(shape.ags) ?? shape.name,
				count: counts.get(shape.ags) ?? 0,
				path: shape.path
			}))
			.sort((a, b) => a.name.localeCompare(b.name, 'de'));
		topics = await publishedTopics(db);
	}
	const { rows, total } = await searchRepo.searchEntries(
		db,
		filter,
		query.sort ?? 'relevance',
		(page - 1) * pageSize,
		pageSize,
		knownTotal
	);
	return {
		query,
		entries: rows.map(toPublicEntry),
		total,
		page,
		pageCount: Math.max(1, Math.ceil(total / pageSize)),
		pageSize,
		districts,
		mapWidth: map.width,
		mapHeight: map.height,
		topics
	};
}

/** Every published entry matching the query (exports), consent applied. */
export async function exportDirectory(db: Kysely<Database>, query: DirectoryQuery): Promise<PublicEntry[]> {
	const { rows } = await searchRepo.searchEntries(
		db,
		filterOf(query, 'published'),
		query.sort ?? 'name',
		0,
		1_000_000
	);
	return rows.map(toPublicEntry);
}

export interface EntryMeetingView {
	seriesSlug: string;
	seriesTitle: string;
	number: number;
	title: string;
	topicTitle: string | null;
	date: string;
	meetingId: string;
	/** The agenda item where it was presented, when known. */
	agendaItem: string | null;
}

export function meetingView(row: meetingsRepo.EntryMeetingRow): EntryMeetingView {
	return {
		meetingId: row.meeting_id,
		seriesSlug: row.series_slug,
		seriesTitle: row.series_title,
		number: row.number,
		title: formatMeetingTitle(row.number, row.meeting_noun),
		topicTitle: row.topic_title,
		date: row.date,
		agendaItem: row.agenda_item_title
	};
}

/** A published entry's page, with the published meetings where it was presented. */
export async function getPublicEntry(
	db: Kysely<Database>,
	idOrSlug: string
): Promise<{ entry: PublicEntry; meetings: EntryMeetingView[] }> {
	const row = await repo.findEntry(db, idOrSlug);
	if (!row || row.status !== 'published') throw notFound('networks.notFound');
	const meetings = (await meetingsRepo.meetingsOfEntry(db, row.id))
		.filter((meeting) => meeting.published_at !== null && meeting.series_published_at !== null)
		.map(meetingView);
	return { entry: toPublicEntry(row), meetings };
}
