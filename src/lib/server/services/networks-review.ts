import type { Kysely } from 'kysely';
import { z } from 'zod';
import { forbidden, notFound, problem, unauthenticated, validationFailed } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canManageDirectory, entryStatuses, PAGE_SIZE, type EntryStatus } from '../../domain/networks/entry';
import { isSignedIn, type Actor } from '../../domain/policy';
import { searchTerms } from '../../domain/search/german';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { fromJsonList } from '../db/json-columns';
import * as repo from '../repositories/networks';
import { agendaItemBelongsTo } from '../repositories/agenda';
import * as meetingsRepo from '../repositories/networks-meetings';
import * as searchRepo from '../repositories/networks-search';
import { meetingView, toPublicEntry, type EntryMeetingView, type PublicEntry } from './networks';
import { blankToUndefined, insertNewEntry, now, parseEntryInput, type EntryInput } from './networks-entries';

/**
 * The organizers' review of the network directory: the list by status, one entry with its
 * history, creating and editing, publishing or rejecting, merging duplicates, linking meetings;
 * every change is written with a line of history in the same transaction.
 */

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
	const { rows, total } = await searchRepo.searchEntries(
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
		counts: await searchRepo.countByStatus(db)
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
	return {
		entry: toPublicEntry(row),
		status: row.status as EntryStatus,
		contactName: row.contact_name,
		contactNameConsent: row.contact_name_consent === 1,
		suggesterEmail: await repo.findSuggesterEmail(db, row.id),
		changes: (await repo.listChanges(db, row.id)).map((change) => ({
			at: change.changed_at,
			by: change.user_name,
			actorLabel: change.actor_label,
			action: change.action,
			details: JSON.parse(change.details) as Record<string, unknown>
		})),
		meetings: (await meetingsRepo.meetingsOfEntry(db, row.id)).map(meetingView),
		allMeetings: await meetingChoices(db)
	};
}

async function meetingChoices(db: Kysely<Database>): Promise<ManageEntryView['allMeetings']> {
	const items = await meetingsRepo.listAgendaItemsForLinking(db);
	return (await meetingsRepo.listMeetingsForLinking(db)).map((meeting) => ({
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
	return db
		.transaction()
		.execute((trx) =>
			insertNewEntry(trx, fields, { status }, { ...who(actor), action: 'created', details: { status } })
		);
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
		await meetingsRepo.moveMeetingLinks(trx, other.id, keep.id);
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
		if (!(await meetingsRepo.meetingExists(trx, meetingId)))
			throw validationFailed([problem('/meetingId', 'networks.error.unknownMeeting')]);
		if (agendaItemId && !(await agendaItemBelongsTo(trx, meetingId, agendaItemId)))
			throw validationFailed([problem('/agendaItemId', 'networks.error.unknownMeeting')]);
		const at = now();
		if (link) {
			if (!(await meetingsRepo.linkMeeting(trx, entry.id, meetingId, agendaItemId ?? null))) return;
		} else await meetingsRepo.unlinkMeeting(trx, entry.id, meetingId);
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
