// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Per-meeting roles that organizers grant (today `moderator`: runs the meeting's live cockpit).
 * A grant goes with its meeting and with its account; who granted it stays as long as that
 * account exists.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('meeting_roles')
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('meeting_roles_pk', ['meeting_id', 'user_id', 'role'])
		.execute();
	// actorForUser loads a user's grants on every request.
	await db.schema.createIndex('meeting_roles_user_idx').on('meeting_roles').column('user_id').execute();
}
