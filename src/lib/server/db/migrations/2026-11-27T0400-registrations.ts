// Forward-only. Registration, mail, magic links, audit log; meeting and series settings for them.
// Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on an untyped database by design */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('meetings').addColumn('capacity', 'integer').execute();
	await db.schema
		.alterTable('meetings')
		.addColumn('is_registration_open', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('meetings')
		.addColumn('remind_day_before', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('meetings')
		.addColumn('remind_hour_before', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.alterTable('series').addColumn('privacy_notice', 'text').execute();
	await db.schema
		.alterTable('series')
		.addColumn('retention_months', 'integer', (c) => c.notNull().defaultTo(12))
		.execute();

	// The workflow state of a registration; the person row (people) holds who it is and the consents.
	await db.schema
		.createTable('registrations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().unique().references('people.id').onDelete('cascade'))
		.addColumn('email_normalized', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('confirm_token_hash', 'text')
		.addColumn('confirm_expires_at', 'text')
		.addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('confirmed_at', 'text')
		.addColumn('cancelled_at', 'text')
		.addColumn('waiting_since', 'text')
		.addColumn('reminded_day_at', 'text')
		.addColumn('reminded_hour_at', 'text')
		.addColumn('anonymized_at', 'text')
		.addUniqueConstraint('registrations_meeting_email_unique', ['meeting_id', 'email_normalized'])
		.execute();
	await db.schema
		.createIndex('registrations_status_idx')
		.on('registrations')
		.columns(['meeting_id', 'status'])
		.execute();

	await db.schema
		.createTable('magic_links')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();

	// Every mail the app sent or wrote to the outbox, for the organizers' outbox view.
	await db.schema
		.createTable('mail_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('transport', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text')
		.addColumn('message_id', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('meeting_id', 'text', (c) => c.references('meetings.id').onDelete('set null'))
		.addColumn('details', 'text', (c) => c.notNull())
		.execute();
}
