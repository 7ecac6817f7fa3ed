// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Breakout rounds run live (issue 11): guests of the live session (live participants without a
 * person row) are placed in rooms like people (`breakout_room_guests`); a running round carries
 * the moderator's message to every room, when its rooms were warned of the end, when it closed,
 * and a revision that grows with every change of who is in which room (live pages reload their
 * room when it changes).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	const round = () => db.schema.alterTable('breakout_rounds');
	await round().addColumn('broadcast_text', 'text').execute();
	await round().addColumn('broadcast_at', 'text').execute();
	await round().addColumn('warned_at', 'text').execute();
	await round().addColumn('closed_at', 'text').execute();
	await round()
		.addColumn('assignment_revision', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('breakout_rounds_status_idx')
		.on('breakout_rounds')
		.columns(['status', 'ends_at'])
		.execute();

	await db.schema
		.createTable('breakout_room_guests')
		.addColumn('room_id', 'text', (c) => c.notNull().references('breakout_rooms.id').onDelete('cascade'))
		.addColumn('participant_id', 'text', (c) =>
			c.notNull().references('live_participants.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('breakout_room_guests_pk', ['room_id', 'participant_id'])
		.execute();
	await db.schema
		.createIndex('breakout_room_guests_participant_idx')
		.on('breakout_room_guests')
		.column('participant_id')
		.execute();
}
