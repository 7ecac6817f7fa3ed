// Forward-only. Documentation versions (frozen snapshots of the meeting document, rendered on
// request) and uploaded files. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on an untyped database by design */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('documentation_versions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull())
		.addColumn('snapshot', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('published_at', 'text')
		.addUniqueConstraint('documentation_versions_meeting_version_unique', ['meeting_id', 'version'])
		.execute();

	await db.schema
		.createTable('stored_files')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('attachment_id', 'text', (c) =>
			c.notNull().unique().references('attachments.id').onDelete('cascade')
		)
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('storage_key', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}
