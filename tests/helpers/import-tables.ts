import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';

/** The tables an exchange-format import writes to, and their row counts (to prove a refused import left nothing behind). */

export const IMPORT_TABLES: (keyof Database)[] = [
	'organizations',
	'series',
	'meetings',
	'meeting_credits',
	'people',
	'agenda_items',
	'agenda_item_speakers',
	'polls',
	'poll_questions',
	'poll_options',
	'poll_result_counts',
	'poll_result_texts',
	'breakout_rounds',
	'breakout_rooms',
	'breakout_room_members',
	'board_cards',
	'attachments',
	'attachment_presenters',
	'networks',
	'meeting_networks'
];

/** Row counts of every table that an import writes to. */
export async function countImportedRows(db: Kysely<Database>): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of IMPORT_TABLES) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number | string>().as('count'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.count);
	}
	return counts;
}
