// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * The live meeting: one live session per meeting (join code, what is current), its participants
 * (guests by code or signed-in users), their poll votes, and the meeting's event log that the
 * server-sent event streams replay from (Last-Event-ID).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('live_sessions')
		.addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id').onDelete('cascade'))
		.addColumn('join_code', 'text', (c) => c.notNull().unique())
		.addColumn('allows_guests', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('current_agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
		.addColumn('message', 'text')
		.addColumn('countdown_ends_at', 'text')
		.addColumn('results_visible_poll_id', 'text', (c) => c.references('polls.id').onDelete('set null'))
		// The last event's sequence number: bumping it in the event's transaction gives portable,
		// gap-free ids per meeting (the row lock serializes writers on PostgreSQL).
		.addColumn('last_event_seq', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('live_participants')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('token_hash', 'text', (c) => c.unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('live_participants_meeting_user_idx')
		.on('live_participants')
		.columns(['meeting_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('poll_votes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) => c.notNull().references('poll_questions.id').onDelete('cascade'))
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('live_participants.id').onDelete('cascade')
		)
		// 0 for single, scale and text answers; the option's index for multiple choice. With the
		// unique key below a participant holds at most one answer per question (per option).
		.addColumn('slot', 'integer', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('is_hidden', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('poll_votes_one_answer', ['question_id', 'participant_id', 'slot'])
		.execute();

	await db.schema
		.createTable('live_events')
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('live_events_pk', ['meeting_id', 'seq'])
		.execute();
}
