// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Topic wishes of a series ("Themenwünsche"): submitted by anyone, triaged by the series'
 * organizers, voted on (one vote per person and wish: a unique constraint on the voter key),
 * commented on, and followed (one mail when the wish is planned). A wish made a meeting's focus
 * topic links to that meeting.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('topic_wishes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('series_id', 'text', (c) => c.notNull().references('series.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('author_name', 'text')
		.addColumn('show_author_name', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('author_email', 'text')
		.addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
		.addColumn('decline_reason', 'text')
		.addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('topic_wishes_series_idx').on('topic_wishes').column('series_id').execute();

	await db.schema
		.createTable('topic_wish_votes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('wish_id', 'text', (c) => c.notNull().references('topic_wishes.id').onDelete('cascade'))
		.addColumn('voter_key', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('confirm_token_hash', 'text')
		.addColumn('confirm_expires_at', 'text')
		.addColumn('confirmed_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('topic_wish_votes_voter_unique', ['wish_id', 'voter_key'])
		.execute();
	await db.schema
		.createIndex('topic_wish_votes_token_idx')
		.on('topic_wish_votes')
		.column('confirm_token_hash')
		.execute();

	await db.schema
		.createTable('topic_wish_followers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('wish_id', 'text', (c) => c.notNull().references('topic_wishes.id').onDelete('cascade'))
		.addColumn('email_normalized', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('confirm_token_hash', 'text')
		.addColumn('confirm_expires_at', 'text')
		.addColumn('confirmed_at', 'text')
		.addColumn('notified_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('topic_wish_followers_unique', ['wish_id', 'email_normalized'])
		.execute();
	await db.schema
		.createIndex('topic_wish_followers_token_idx')
		.on('topic_wish_followers')
		.column('confirm_token_hash')
		.execute();

	await db.schema
		.createTable('topic_wish_comments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('wish_id', 'text', (c) => c.notNull().references('topic_wishes.id').onDelete('cascade'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('author_name', 'text')
		.addColumn('show_author_name', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('topic_wish_comments_wish_idx')
		.on('topic_wish_comments')
		.column('wish_id')
		.execute();
}
