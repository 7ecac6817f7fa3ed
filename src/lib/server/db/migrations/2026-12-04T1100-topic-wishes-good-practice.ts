// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Good practice ("Welche guten Ideen … gibt es und wie werden sie umgesetzt?"): an entry of an
 * organization with what and how, its municipality (AGS), a contact shown only with consent,
 * topics, and links to where it came from — meetings, talks (agenda items), slides
 * (attachments), breakout cards and network entries. Links are loose (kind + id, no foreign key),
 * because their targets live in tables that other features rebuild (imports, the directory);
 * a link whose target is gone is simply not shown.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('good_practices')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organization_id', 'text', (c) =>
			c.notNull().references('organizations.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('what', 'text', (c) => c.notNull())
		.addColumn('how', 'text', (c) => c.notNull())
		.addColumn('municipality', 'text')
		.addColumn('ags', 'text')
		.addColumn('contact_name', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('contact_consent', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('good_practice_links')
		.addColumn('good_practice_id', 'text', (c) =>
			c.notNull().references('good_practices.id').onDelete('cascade')
		)
		/** meeting | agenda-item | attachment | board-card | network */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('good_practice_links_pk', ['good_practice_id', 'kind', 'target_id'])
		.execute();
	// The documentation and the series page find a meeting's entries by their links.
	await db.schema
		.createIndex('good_practice_links_target_idx')
		.on('good_practice_links')
		.columns(['kind', 'target_id'])
		.execute();
}
