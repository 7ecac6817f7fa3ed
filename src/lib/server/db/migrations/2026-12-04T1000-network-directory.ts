// Forward-only. The schema builder where it can; the full-text index is database-specific
// (FTS5 on SQLite; on PostgreSQL a stored to_tsvector('german', …) column with a GIN index).
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { searchableText } from '../../../domain/networks/entry';
import { slugify } from '../../../domain/slug';
import { translate, type MessageKey } from '../../../i18n/translate';

/**
 * The network directory of Westfalen-Lippe (`/netzwerke`). A directory entry is a row of
 * `networks`, the table the exchange format already fills per organization: an imported meeting's
 * networks become (or update) entries, and `meeting_networks` names the meetings where an entry
 * was presented. New here: a review status (suggested / published / rejected; imported networks
 * count as published), a permanent slug, topics, an address, the contact person's consent, the
 * district's AGS for filters and the map, the date of the last check, the normalized text the
 * search indexes, the suggester's email (only for questions back, never shown), and the history
 * of every change (`network_entry_changes`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	const columns: [
		string,
		(table: ReturnType<typeof db.schema.alterTable>) => { execute(): Promise<void> }
	][] = [
		['status', (t) => t.addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))],
		['slug', (t) => t.addColumn('slug', 'text')],
		['topics', (t) => t.addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))],
		['address', (t) => t.addColumn('address', 'text')],
		[
			'contact_name_consent',
			(t) => t.addColumn('contact_name_consent', 'integer', (c) => c.notNull().defaultTo(0))
		],
		['district_ags', (t) => t.addColumn('district_ags', 'text')],
		['last_checked', (t) => t.addColumn('last_checked', 'text')],
		['search_text', (t) => t.addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))],
		['suggester_email', (t) => t.addColumn('suggester_email', 'text')]
	];
	// SQLite adds one column per ALTER TABLE.
	for (const [, add] of columns) await add(db.schema.alterTable('networks')).execute();

	await db.schema.createIndex('networks_slug_unique').on('networks').column('slug').unique().execute();
	await db.schema
		.createIndex('networks_status_district_idx')
		.on('networks')
		.columns(['status', 'district_ags'])
		.execute();

	// The unfiltered directory, in name order, one page at a time.
	await db.schema
		.createIndex('networks_status_name_idx')
		.on('networks')
		.columns(['status', 'name'])
		.execute();

	// The agenda item where the network was presented (optional; the link stays when the item goes).
	await db.schema
		.alterTable('meeting_networks')
		.addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('network_entry_changes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
		.addColumn('changed_at', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		/** Who, when there is no account: `public` (a suggestion), `import`, `system`. */
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		/** JSON: `{ field: [before, after] }` for edits; a note for merges. */
		.addColumn('details', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('network_entry_changes_network_idx')
		.on('network_entry_changes')
		.columns(['network_id', 'changed_at'])
		.execute();

	if (db.getExecutor().adapter instanceof PostgresAdapter) {
		// Stored, so that ranking (ts_rank) reads the vector instead of stemming every match again.
		await sql`ALTER TABLE networks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('german', search_text)) STORED`.execute(
			db
		);
		await sql`CREATE INDEX networks_search_idx ON networks USING gin (search_vector)`.execute(db);
	} else {
		await sql`CREATE VIRTUAL TABLE network_search USING fts5(network_id UNINDEXED, body, tokenize = 'unicode61')`.execute(
			db
		);
	}

	// Networks imported before the directory existed become published entries: index them now.
	const rows = (await db
		.selectFrom('networks')
		.select(['id', 'name', 'kind', 'description', 'municipality', 'district', 'ags'])
		.orderBy('created_at')
		.execute()) as {
		id: string;
		name: string;
		kind: string;
		description: string | null;
		municipality: string | null;
		district: string | null;
		ags: string | null;
	}[];
	const slugs = new Set<string>();
	for (const row of rows) {
		const kindKey = `networks.kind.${row.kind}` as MessageKey;
		const text = searchableText({
			name: row.name,
			kindLabel: `${translate('de', kindKey)} ${translate('en', kindKey)}`,
			description: row.description,
			topics: [],
			municipality: row.municipality,
			district: row.district
		});
		const base = slugify(row.name) || 'netzwerk';
		const slug = slugs.has(base) ? `${base.slice(0, 70)}-${row.id.slice(0, 8)}` : base;
		slugs.add(slug);
		const districtAgs = row.ags && /^\d{5}/.test(row.ags) ? row.ags.slice(0, 5) : null;
		await db
			.updateTable('networks')
			.set({ search_text: text, slug, district_ags: districtAgs })
			.where('id', '=', row.id)
			.execute();
		if (!(db.getExecutor().adapter instanceof PostgresAdapter))
			await db.insertInto('network_search').values({ network_id: row.id, body: text }).execute();
	}
}
