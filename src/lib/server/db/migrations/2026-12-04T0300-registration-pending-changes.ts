// Forward-only. Schema builder only: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * A public registration for an email that already has a registration changes nothing at once:
 * its details and consents wait here (JSON) until the owner of the address confirms them by the
 * link mailed to them (its hash and expiry beside it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('registrations').addColumn('pending_changes', 'text').execute();
	await db.schema.alterTable('registrations').addColumn('change_token_hash', 'text').execute();
	await db.schema.alterTable('registrations').addColumn('change_expires_at', 'text').execute();
	await db.schema
		.createIndex('registrations_change_token_idx')
		.on('registrations')
		.column('change_token_hash')
		.execute();
}
