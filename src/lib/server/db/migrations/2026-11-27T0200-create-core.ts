// Forward-only. Uses only Kysely's schema builder so that it runs the same on SQLite and PostgreSQL.
// Never import app code here: a migration must keep meaning what it meant when it was written.
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on an untyped database by design */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organizations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('website', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'text')
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('organization_id', 'text', (c) =>
			c.notNull().references('organizations.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organization_id'])
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('api_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('token_prefix', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text')
		.execute();

	await db.schema
		.createTable('series')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('organization_id', 'text', (c) =>
			c.notNull().references('organizations.id').onDelete('restrict')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('meeting_noun', 'text', (c) => c.notNull())
		.addColumn('meeting_noun_genitive', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('organizer_name', 'text', (c) => c.notNull())
		.addColumn('organizer_email', 'text')
		.addColumn('organizer_website', 'text')
		.addColumn('format_description', 'text', (c) => c.notNull())
		.addColumn('funding_lead', 'text')
		.addColumn('funding_funder', 'text')
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('series_organization_idx').on('series').column('organization_id').execute();

	await db.schema
		.createTable('meetings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('series_id', 'text', (c) => c.notNull().references('series.id').onDelete('cascade'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('start_time', 'text', (c) => c.notNull())
		.addColumn('end_time', 'text', (c) => c.notNull())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		.addColumn('venue_mode', 'text', (c) => c.notNull())
		.addColumn('venue_platform', 'text')
		.addColumn('venue_url', 'text')
		.addColumn('venue_address', 'text')
		.addColumn('topic_title', 'text')
		.addColumn('topic_summary', 'text', (c) => c.notNull())
		.addColumn('topic_guiding_questions', 'text', (c) => c.notNull())
		.addColumn('outlook_text', 'text', (c) => c.notNull())
		.addColumn('topic_wishes_contact', 'text')
		.addColumn('findings', 'text', (c) => c.notNull())
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('meetings_series_number_unique', ['series_id', 'number'])
		.execute();

	await db.schema
		.createTable('meeting_credits')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('organization', 'text')
		.execute();
	await db.schema
		.createIndex('meeting_credits_meeting_idx')
		.on('meeting_credits')
		.column('meeting_id')
		.execute();

	await db.schema
		.createTable('people')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('person_key', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('organization', 'text')
		.addColumn('municipality', 'text')
		.addColumn('ags', 'text')
		.addColumn('job_role', 'text')
		.addColumn('email', 'text')
		.addColumn('is_registered', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('has_attended', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('consent_participant_list', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('consent_share_email', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('status', 'text')
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addUniqueConstraint('people_meeting_key_unique', ['meeting_id', 'person_key'])
		.execute();

	await db.schema
		.createTable('polls')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('poll_key', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('is_anonymous', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
		.addUniqueConstraint('polls_meeting_key_unique', ['meeting_id', 'poll_key'])
		.execute();

	await db.schema
		.createTable('poll_questions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
		.addColumn('question_key', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('scale_min', 'integer')
		.addColumn('scale_max', 'integer')
		.addColumn('scale_min_label', 'text')
		.addColumn('scale_max_label', 'text')
		.addColumn('max_choices', 'integer')
		.addColumn('imported_respondents', 'integer')
		.addUniqueConstraint('poll_questions_poll_key_unique', ['poll_id', 'question_key'])
		.execute();

	await db.schema
		.createTable('poll_options')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) => c.notNull().references('poll_questions.id').onDelete('cascade'))
		.addColumn('option_key', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addUniqueConstraint('poll_options_question_key_unique', ['question_id', 'option_key'])
		.execute();

	await db.schema
		.createTable('poll_result_counts')
		.addColumn('question_id', 'text', (c) => c.notNull().references('poll_questions.id').onDelete('cascade'))
		.addColumn('answer_key', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('poll_result_counts_pk', ['question_id', 'answer_key'])
		.execute();

	await db.schema
		.createTable('poll_result_texts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) => c.notNull().references('poll_questions.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('is_hidden', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('breakout_rounds')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('round_key', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('questions', 'text', (c) => c.notNull())
		.addColumn('synthesis', 'text', (c) => c.notNull())
		.addUniqueConstraint('breakout_rounds_meeting_key_unique', ['meeting_id', 'round_key'])
		.execute();

	await db.schema
		.createTable('breakout_rooms')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'text', (c) => c.notNull().references('breakout_rounds.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('breakout_room_members')
		.addColumn('room_id', 'text', (c) => c.notNull().references('breakout_rooms.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('breakout_room_members_pk', ['room_id', 'person_id'])
		.execute();

	await db.schema
		.createTable('board_cards')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('room_id', 'text', (c) => c.notNull().references('breakout_rooms.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('column_name', 'text')
		.addColumn('vote_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('author_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('agenda_items')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('start_time', 'text', (c) => c.notNull())
		.addColumn('end_time', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('details', 'text', (c) => c.notNull())
		.addColumn('poll_id', 'text', (c) => c.references('polls.id').onDelete('set null'))
		.addColumn('breakout_round_id', 'text', (c) => c.references('breakout_rounds.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('agenda_items_meeting_idx')
		.on('agenda_items')
		.columns(['meeting_id', 'position'])
		.execute();

	await db.schema
		.createTable('agenda_item_speakers')
		.addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('agenda_item_speakers_pk', ['agenda_item_id', 'person_id'])
		.execute();

	await db.schema
		.createTable('attachments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('file_path', 'text')
		.addColumn('media_type', 'text')
		.addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('attachment_presenters')
		.addColumn('attachment_id', 'text', (c) => c.notNull().references('attachments.id').onDelete('cascade'))
		.addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('attachment_presenters_pk', ['attachment_id', 'person_id'])
		.execute();

	await db.schema
		.createTable('networks')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organization_id', 'text', (c) =>
			c.notNull().references('organizations.id').onDelete('cascade')
		)
		.addColumn('network_key', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('municipality', 'text')
		.addColumn('ags', 'text')
		.addColumn('district', 'text')
		.addColumn('scope', 'text')
		.addColumn('description', 'text')
		.addColumn('partners', 'text', (c) => c.notNull())
		.addColumn('origin', 'text')
		.addColumn('challenges', 'text')
		.addColumn('founded', 'integer')
		.addColumn('website', 'text')
		.addColumn('contact_name', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('contact_phone', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('networks_organization_key_unique', ['organization_id', 'network_key'])
		.execute();

	await db.schema
		.createTable('meeting_networks')
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
		.addColumn('network_id', 'text', (c) => c.notNull().references('networks.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('meeting_networks_pk', ['meeting_id', 'network_id'])
		.execute();
}
