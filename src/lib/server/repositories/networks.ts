import { randomUUID } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { EntryStatus } from '../../domain/networks/entry';
import { searchableText } from '../../domain/networks/entry';
import { slugify } from '../../domain/slug';
import { translate, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** The network directory's entries (table `networks`, migration 2026-12-04T1000): reading one, writing, the search index, the history. */

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

/** An entry as stored: its fields (topics as JSON text) and its identity and state. */
export interface EntryRow extends Omit<EntryFields, 'topics'> {
	id: string;
	organization_id: string;
	network_key: string;
	slug: string | null;
	status: string;
	topics: string;
	created_at: string;
	updated_at: string;
}

export function isPostgres(db: Kysely<Database>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
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

/** The suggester's address (kept only while a suggestion is under review). */
export async function findSuggesterEmail(db: Kysely<Database>, id: string): Promise<string | null> {
	const row = await db
		.selectFrom('networks')
		.select('suggester_email')
		.where('id', '=', id)
		.executeTakeFirst();
	return row?.suggester_email ?? null;
}
