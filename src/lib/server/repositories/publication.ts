import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Sets or clears when a series or a meeting was published (`null`: a draft again), for the
 * repositories of both.
 */
export async function setPublishedAt(
	db: Kysely<Database>,
	table: 'series' | 'meetings',
	id: string,
	publishedAt: string | null,
	now: string
): Promise<void> {
	await db
		.updateTable(table)
		.set({ published_at: publishedAt, updated_at: now })
		.where('id', '=', id)
		.execute();
}
