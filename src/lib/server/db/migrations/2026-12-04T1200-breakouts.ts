// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Breakout rounds become runnable (issue 11): a round's board columns, sizing, duration,
 * assignment mode, dot limit, status and times; a room's topic, cap and rapporteur; a card's
 * version (optimistic concurrency), last change and author (a person or a live guest); dot votes
 * (one row per card and voter); and the clusters a moderator groups cards into for the synthesis.
 * Every new column has a default or is nullable, so imported rounds stay as they were.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	const round = () => db.schema.alterTable('breakout_rounds');
	await round()
		.addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();
	await round().addColumn('room_count', 'integer').execute();
	await round().addColumn('room_size', 'integer').execute();
	await round()
		.addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(30))
		.execute();
	await round()
		.addColumn('assignment_mode', 'text', (c) => c.notNull().defaultTo('random'))
		.execute();
	await round()
		.addColumn('dots_per_person', 'integer', (c) => c.notNull().defaultTo(3))
		.execute();
	await round()
		.addColumn('assignment_runs', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await round()
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
		.execute();
	await round().addColumn('started_at', 'text').execute();
	await round().addColumn('ends_at', 'text').execute();
	await round()
		.addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
		.execute();

	const room = () => db.schema.alterTable('breakout_rooms');
	await room().addColumn('topic', 'text').execute();
	await room().addColumn('cap', 'integer').execute();
	await room()
		.addColumn('rapporteur_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('board_clusters')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'text', (c) => c.notNull().references('breakout_rounds.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	const card = () => db.schema.alterTable('board_cards');
	await card()
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await card().addColumn('updated_at', 'text').execute();
	await card()
		.addColumn('author_participant_id', 'text', (c) =>
			c.references('live_participants.id').onDelete('set null')
		)
		.execute();
	await card()
		.addColumn('cluster_id', 'text', (c) => c.references('board_clusters.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('board_cards_room_idx')
		.on('board_cards')
		.columns(['room_id', 'position'])
		.execute();

	await db.schema
		.createTable('board_card_votes')
		.addColumn('card_id', 'text', (c) => c.notNull().references('board_cards.id').onDelete('cascade'))
		.addColumn('round_id', 'text', (c) => c.notNull().references('breakout_rounds.id').onDelete('cascade'))
		/** `person:ID` or `participant:ID`: one key space for the unique constraint and the limit. */
		.addColumn('voter_key', 'text', (c) => c.notNull())
		.addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
		.addColumn('participant_id', 'text', (c) => c.references('live_participants.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('board_card_votes_pk', ['card_id', 'voter_key'])
		.execute();
	await db.schema
		.createIndex('board_card_votes_round_voter_idx')
		.on('board_card_votes')
		.columns(['round_id', 'voter_key'])
		.execute();
	await db.schema
		.createIndex('breakout_room_members_person_idx')
		.on('breakout_room_members')
		.column('person_id')
		.execute();
}
