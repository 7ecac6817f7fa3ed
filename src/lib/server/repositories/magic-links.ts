import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Sign-in links sent by mail (only their hashes are stored): SQL only. */

export async function insertMagicLink(
	db: Kysely<Database>,
	link: { id: string; email: string; tokenHash: string; createdAt: string; expiresAt: string }
): Promise<void> {
	await db
		.insertInto('magic_links')
		.values({
			id: link.id,
			email: link.email,
			token_hash: link.tokenHash,
			created_at: link.createdAt,
			expires_at: link.expiresAt,
			used_at: null
		})
		.execute();
}

/**
 * Spends a sign-in link: the update succeeds for one caller only, and only while the link is
 * unused and unexpired. Returns the email, or why it failed.
 */
export async function consumeMagicLink(
	db: Kysely<Database>,
	tokenHash: string,
	now: string
): Promise<{ email: string } | { failure: 'unknown' | 'used' | 'expired' }> {
	const result = await db
		.updateTable('magic_links')
		.set({ used_at: now })
		.where('token_hash', '=', tokenHash)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	const row = await db
		.selectFrom('magic_links')
		.select(['email', 'used_at', 'expires_at'])
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row) return { failure: 'unknown' };
	if (Number(result.numUpdatedRows) === 1) return { email: row.email };
	return { failure: row.used_at !== null ? 'used' : 'expired' };
}

/** Old links are of no use; they go when new ones are made. */
export async function deleteExpiredMagicLinks(db: Kysely<Database>, before: string): Promise<void> {
	await db.deleteFrom('magic_links').where('expires_at', '<', before).execute();
}
