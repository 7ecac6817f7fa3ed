import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	forbidden,
	notFound,
	problem,
	rateLimited,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import {
	canManageDirectory,
	directoryKinds,
	directorySorts,
	entryStatuses,
	PAGE_SIZE,
	parseTopics,
	publicContact,
	type EntryStatus,
	type PublicContact
} from '../../domain/networks/entry';
import { isSignedIn, type Actor } from '../../domain/policy';
import { searchTerms } from '../../domain/search/german';
import { slugify } from '../../domain/slug';
import { parseOrThrow, zodProblems } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { fromJsonList } from '../db/json-columns';
import { RateLimiter } from '../rate-limit';
import * as repo from '../repositories/networks';
import { EmailAddress } from './accounts';
import { districtMap, listDistricts, placeByAgs, placeByName } from './networks-places';

/**
 * The network directory of Westfalen-Lippe: the public list with search, filters and map, the
 * permanent page of an entry, suggestions from anyone, and the organizers' review (edit, link to
 * meetings, merge duplicates, publish, reject) with a history of every change.
 */

/* ---- schemas ---- */

const blankToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

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

/** One entry as typed in a form, an import row or a JSON body. */
export const EntryInput = z.strictObject({
	name: z.string().trim().min(1).max(300),
	kind: z.enum(directoryKinds),
	description: optionalText(5000),
	topics: z.preprocess(
		(value) => (Array.isArray(value) ? value.join(', ') : value),
		z.string().max(2000).optional()
	),
	/** AGS (8 digits: municipality, 5: district) or the name of a municipality or district. */
	place: z.string().trim().min(1).max(200),
	address: optionalText(500),
	website: z.preprocess(
		blankToUndefined,
		z
			.url({ protocol: /^https?$/ })
			.max(2000)
			.optional()
	),
	contactEmail: z.preprocess(blankToUndefined, EmailAddress.optional()),
	contactName: optionalText(200),
	contactNameConsent: z.preprocess(
		(value) => value === true || value === 'on' || value === 'true' || value === '1' || value === 'ja',
		z.boolean()
	),
	contactPhone: optionalText(50),
	founded: z.preprocess(blankToUndefined, z.coerce.number().int().min(1800).max(2100).optional()),
	lastChecked: z.preprocess(blankToUndefined, z.iso.date().optional())
});
export type EntryInput = z.input<typeof EntryInput>;

export const SuggestionInput = EntryInput.omit({ lastChecked: true }).extend({
	/** Only for questions back; never shown. */
	suggesterEmail: z.preprocess(blankToUndefined, EmailAddress.optional()),
	/** The honeypot: people leave it empty. */
	companyFax: z.string().max(2000).optional()
});
export type SuggestionInput = z.input<typeof SuggestionInput>;

/* ---- views ---- */

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

export function toPublicEntry(row: repo.EntryRow): PublicEntry {
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

function filterOf(query: DirectoryQuery, status: EntryStatus): repo.EntryFilter {
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
	const topics = await repo.listTopics(db, 'published');
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
		const counts = await repo.countByDistrict(db, filter);
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
	const { rows, total } = await repo.searchEntries(
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
	const { rows } = await repo.searchEntries(
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

function meetingView(row: repo.EntryMeetingRow): EntryMeetingView {
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
	const meetings = (await repo.meetingsOfEntry(db, row.id))
		.filter((meeting) => meeting.published_at !== null && meeting.series_published_at !== null)
		.map(meetingView);
	return { entry: toPublicEntry(row), meetings };
}

/* ---- writing ---- */

function findPlace(text: string) {
	return /^\d{5}(\d{3})?$/.test(text) ? placeByAgs(text) : placeByName(text);
}

function resolveFields(input: z.infer<typeof EntryInput>): repo.EntryFields {
	const place = findPlace(input.place);
	if (!place)
		throw validationFailed([problem('/place', 'networks.error.unknownPlace', { place: input.place })]);
	return {
		name: input.name,
		kind: input.kind,
		description: input.description ?? null,
		topics: parseTopics(input.topics ?? ''),
		municipality: place.municipality,
		ags: place.ags,
		district: place.district,
		district_ags: place.districtAgs,
		address: input.address ?? null,
		website: input.website ?? null,
		contact_name: input.contactName ?? null,
		contact_name_consent: input.contactName && input.contactNameConsent ? 1 : 0,
		contact_email: input.contactEmail ?? null,
		contact_phone: input.contactPhone ?? null,
		founded: input.founded ?? null,
		last_checked: input.lastChecked ?? null
	};
}

/**
 * Validates one entry and resolves its place; throws a validation error naming every wrong
 * field (an unknown place too, even when other fields are wrong).
 */
export function parseEntryInput(input: unknown): repo.EntryFields {
	const parsed = EntryInput.safeParse(input, { reportInput: true });
	if (parsed.success) return resolveFields(parsed.data);
	const problems = zodProblems(parsed.error);
	const placeText =
		input && typeof input === 'object' && typeof (input as { place?: unknown }).place === 'string'
			? (input as { place: string }).place.trim()
			: '';
	if (placeText && !findPlace(placeText) && !problems.some((found) => found.path === '/place'))
		problems.push(problem('/place', 'networks.error.unknownPlace', { place: placeText }));
	throw validationFailed(problems);
}

async function uniqueKey(db: Kysely<Database>, organizationId: string, name: string): Promise<string> {
	const base = (slugify(name) || 'netzwerk').slice(0, 70);
	for (let attempt = 0; ; attempt++) {
		const key = attempt === 0 ? base : `${base}-${attempt + 1}`;
		if (!(await repo.networkKeyTaken(db, organizationId, key))) return key;
	}
}

function now(): string {
	return new Date().toISOString();
}

/** Generous: many offices share one address behind their administration's proxy. */
export const SUGGESTION_LIMIT = 10;
const SUGGESTION_WINDOW_MS = 60 * 60 * 1000;
const suggestionLimiter = new RateLimiter(SUGGESTION_LIMIT, SUGGESTION_WINDOW_MS);

/**
 * A suggestion from anyone (no account needed): stored as `suggested` for the organizers to
 * review. A filled honeypot answers like success and stores nothing; at most ten suggestions
 * per client address and hour.
 */
export async function suggestEntry(
	db: Kysely<Database>,
	actor: Actor,
	input: SuggestionInput,
	options: { clientAddress?: string } = {}
): Promise<{ stored: boolean }> {
	if (typeof input.companyFax === 'string' && input.companyFax.trim()) return { stored: false };
	if (options.clientAddress) {
		const key = `network-suggestion:${options.clientAddress}`;
		if (!suggestionLimiter.hit(key))
			throw rateLimited('networks.suggest.tooMany', {
				minutes: Math.ceil(suggestionLimiter.retryAfterSeconds(key) / 60)
			});
	}
	const parsed = parseOrThrow(SuggestionInput.pick({ suggesterEmail: true, companyFax: true }), {
		suggesterEmail: input.suggesterEmail,
		companyFax: input.companyFax
	});
	const { suggesterEmail: _email, companyFax: _fax, ...entryInput } = input;
	const fields = parseEntryInput({ ...entryInput, lastChecked: undefined });
	await db.transaction().execute(async (trx) => {
		const organizationId = await repo.directoryOrganizationId(trx);
		if (!organizationId) throw notFound('networks.suggest.noDirectory');
		const at = now();
		const id = await repo.insertEntry(
			trx,
			{
				...fields,
				organization_id: organizationId,
				network_key: await uniqueKey(trx, organizationId, fields.name),
				status: 'suggested',
				suggester_email: parsed.suggesterEmail ?? null
			},
			at
		);
		await repo.recordChange(
			trx,
			{
				networkId: id,
				userId: isSignedIn(actor) ? actor.userId : null,
				actorLabel: 'public',
				action: 'suggested',
				details: {}
			},
			at
		);
	});
	return { stored: true };
}

/* ---- management ---- */

function requireManager(actor: Actor): Extract<Actor, { kind: 'user' }> | null {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canManageDirectory(actor)) throw forbidden();
	return isSignedIn(actor) ? actor : null;
}

function who(actor: Actor): { userId: string | null; actorLabel: string } {
	return isSignedIn(actor)
		? { userId: actor.userId, actorLabel: 'user' }
		: { userId: null, actorLabel: 'system' };
}

export const ReviewQuery = z.object({
	status: z.enum(entryStatuses).optional().catch(undefined),
	q: z.string().max(200).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined)
});

export interface ManageListView {
	status: EntryStatus;
	q: string;
	entries: PublicEntry[];
	total: number;
	page: number;
	pageCount: number;
	counts: Record<string, number>;
}

export async function listForManagement(
	db: Kysely<Database>,
	actor: Actor,
	query: { status?: string; q?: string; page?: string | number }
): Promise<ManageListView> {
	requireManager(actor);
	const parsed = ReviewQuery.parse(query);
	const status = parsed.status ?? 'suggested';
	const page = parsed.page ?? 1;
	const { rows, total } = await repo.searchEntries(
		db,
		{ terms: searchTerms(parsed.q ?? ''), status },
		parsed.q ? 'relevance' : 'newest',
		(page - 1) * PAGE_SIZE,
		PAGE_SIZE
	);
	return {
		status,
		q: parsed.q ?? '',
		entries: rows.map(toPublicEntry),
		total,
		page,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		counts: await repo.countByStatus(db)
	};
}

export interface ChangeView {
	at: string;
	by: string | null;
	actorLabel: string;
	action: string;
	details: Record<string, unknown>;
}

export interface ManageEntryView {
	entry: PublicEntry;
	status: EntryStatus;
	/** The unfiltered contact (organizers see the name to ask for consent) and the suggester. */
	contactName: string | null;
	contactNameConsent: boolean;
	suggesterEmail: string | null;
	changes: ChangeView[];
	meetings: EntryMeetingView[];
	/** The choices for "presented at": each meeting (`id`) with its agenda items (`meetingId/itemId`). */
	allMeetings: { id: string; label: string; items: { id: string; label: string }[] }[];
}

export async function getEntryForManagement(
	db: Kysely<Database>,
	actor: Actor,
	id: string
): Promise<ManageEntryView> {
	requireManager(actor);
	const row = await repo.findEntry(db, id);
	if (!row) throw notFound('networks.notFound');
	const suggester = await db
		.selectFrom('networks')
		.select('suggester_email')
		.where('id', '=', row.id)
		.executeTakeFirst();
	return {
		entry: toPublicEntry(row),
		status: row.status as EntryStatus,
		contactName: row.contact_name,
		contactNameConsent: row.contact_name_consent === 1,
		suggesterEmail: suggester?.suggester_email ?? null,
		changes: (await repo.listChanges(db, row.id)).map((change) => ({
			at: change.changed_at,
			by: change.user_name,
			actorLabel: change.actor_label,
			action: change.action,
			details: JSON.parse(change.details) as Record<string, unknown>
		})),
		meetings: (await repo.meetingsOfEntry(db, row.id)).map(meetingView),
		allMeetings: await meetingChoices(db)
	};
}

async function meetingChoices(db: Kysely<Database>): Promise<ManageEntryView['allMeetings']> {
	const items = await repo.listAgendaItemsForLinking(db);
	return (await repo.listMeetingsForLinking(db)).map((meeting) => ({
		id: meeting.id,
		label: `${meeting.series_title}: ${formatMeetingTitle(meeting.number, meeting.meeting_noun)} (${meeting.date})`,
		items: items
			.filter((item) => item.meeting_id === meeting.id)
			.map((item) => ({ id: `${meeting.id}/${item.id}`, label: `${item.start_time} ${item.title}` }))
	}));
}

/** An entry made by an organizer: published at once unless they choose otherwise. */
export async function createEntry(
	db: Kysely<Database>,
	actor: Actor,
	input: EntryInput,
	status: EntryStatus = 'published'
): Promise<string> {
	requireManager(actor);
	const fields = parseEntryInput(input);
	return db.transaction().execute(async (trx) => {
		const organizationId = await repo.directoryOrganizationId(trx);
		if (!organizationId) throw notFound('networks.suggest.noDirectory');
		const at = now();
		const id = await repo.insertEntry(
			trx,
			{
				...fields,
				organization_id: organizationId,
				network_key: await uniqueKey(trx, organizationId, fields.name),
				status
			},
			at
		);
		await repo.recordChange(
			trx,
			{ networkId: id, ...who(actor), action: 'created', details: { status } },
			at
		);
		return id;
	});
}

/** The fields that changed, as `{ field: [before, after] }`. */
function diff(before: repo.EntryRow, after: repo.EntryFields): Record<string, [unknown, unknown]> {
	const changes: Record<string, [unknown, unknown]> = {};
	for (const [field, value] of Object.entries(after) as [keyof repo.EntryFields, unknown][]) {
		const old = field === 'topics' ? fromJsonList(before.topics) : before[field];
		if (JSON.stringify(old) !== JSON.stringify(value)) changes[field] = [old, value];
	}
	return changes;
}

export async function updateEntry(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: EntryInput
): Promise<void> {
	requireManager(actor);
	const fields = parseEntryInput(input);
	await db.transaction().execute(async (trx) => {
		const before = await repo.findEntry(trx, id);
		if (!before) throw notFound('networks.notFound');
		const changes = diff(before, fields);
		if (!Object.keys(changes).length) return;
		const at = now();
		await repo.updateEntry(trx, before.id, fields, at);
		await repo.recordChange(
			trx,
			{ networkId: before.id, ...who(actor), action: 'edited', details: changes },
			at
		);
	});
}

export const StatusChange = z.strictObject({ status: z.enum(entryStatuses) });

export async function setEntryStatus(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: z.input<typeof StatusChange>
): Promise<void> {
	requireManager(actor);
	const { status } = parseOrThrow(StatusChange, input);
	await db.transaction().execute(async (trx) => {
		const before = await repo.findEntry(trx, id);
		if (!before) throw notFound('networks.notFound');
		if (before.status === status) return;
		const at = now();
		await repo.setStatus(trx, before.id, status, at);
		await repo.recordChange(
			trx,
			{ networkId: before.id, ...who(actor), action: status, details: { status: [before.status, status] } },
			at
		);
	});
}

export const MergeInput = z.strictObject({ duplicate: z.string().trim().min(1).max(200) });

/**
 * Merges a duplicate into the entry kept: the duplicate's meetings move over, empty fields of the
 * kept entry take the duplicate's values, and the duplicate is removed. The kept entry's history
 * says what was merged.
 */
export async function mergeEntries(
	db: Kysely<Database>,
	actor: Actor,
	keepId: string,
	input: z.input<typeof MergeInput>
): Promise<void> {
	requireManager(actor);
	const { duplicate } = parseOrThrow(MergeInput, input);
	await db.transaction().execute(async (trx) => {
		const keep = await repo.findEntry(trx, keepId);
		if (!keep) throw notFound('networks.notFound');
		const other = await repo.findEntry(trx, duplicate);
		if (!other || other.id === keep.id)
			throw validationFailed([problem('/duplicate', 'networks.error.unknownDuplicate')]);
		const at = now();
		const filled: repo.EntryFields = {
			name: keep.name,
			kind: keep.kind,
			description: keep.description ?? other.description,
			topics: [...new Set([...fromJsonList(keep.topics), ...fromJsonList(other.topics)])],
			municipality: keep.ags ? keep.municipality : other.municipality,
			ags: keep.ags ?? other.ags,
			district: keep.ags ? keep.district : other.district,
			district_ags: keep.ags ? keep.district_ags : other.district_ags,
			address: keep.address ?? other.address,
			website: keep.website ?? other.website,
			contact_name: keep.contact_name ?? other.contact_name,
			contact_name_consent: keep.contact_name ? keep.contact_name_consent : other.contact_name_consent,
			contact_email: keep.contact_email ?? other.contact_email,
			contact_phone: keep.contact_phone ?? other.contact_phone,
			founded: keep.founded ?? other.founded,
			last_checked: keep.last_checked ?? other.last_checked
		};
		const changes = diff(keep, filled);
		await repo.moveMeetingLinks(trx, other.id, keep.id);
		await repo.updateEntry(trx, keep.id, filled, at);
		await repo.deleteEntry(trx, other.id);
		await repo.recordChange(
			trx,
			{
				networkId: keep.id,
				...who(actor),
				action: 'merged',
				details: { merged: { name: other.name, id: other.id }, ...changes }
			},
			at
		);
	});
}

export const MeetingLinkInput = z.strictObject({
	meetingId: z.string().trim().min(1).max(100),
	/** The agenda item of that meeting where the network was presented (optional). */
	agendaItemId: z.preprocess(blankToUndefined, z.string().trim().max(100).optional())
});

export async function linkMeeting(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: z.input<typeof MeetingLinkInput>,
	link = true
): Promise<void> {
	requireManager(actor);
	const { meetingId, agendaItemId } = parseOrThrow(MeetingLinkInput, input);
	await db.transaction().execute(async (trx) => {
		const entry = await repo.findEntry(trx, id);
		if (!entry) throw notFound('networks.notFound');
		const meeting = await trx
			.selectFrom('meetings')
			.select('id')
			.where('id', '=', meetingId)
			.executeTakeFirst();
		if (!meeting) throw validationFailed([problem('/meetingId', 'networks.error.unknownMeeting')]);
		if (agendaItemId) {
			const item = await trx
				.selectFrom('agenda_items')
				.select('id')
				.where('id', '=', agendaItemId)
				.where('meeting_id', '=', meeting.id)
				.executeTakeFirst();
			if (!item) throw validationFailed([problem('/agendaItemId', 'networks.error.unknownMeeting')]);
		}
		const at = now();
		if (link) {
			if (!(await repo.linkMeeting(trx, entry.id, meeting.id, agendaItemId ?? null))) return;
		} else await repo.unlinkMeeting(trx, entry.id, meeting.id);
		await repo.recordChange(
			trx,
			{
				networkId: entry.id,
				...who(actor),
				action: link ? 'linked' : 'unlinked',
				details: agendaItemId ? { meetingId, agendaItemId } : { meetingId }
			},
			at
		);
	});
}
