import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as accounts from '../repositories/accounts';

/**
 * The account of a participant or moderator: found by its (normalized) email, or made without a
 * password and without memberships, so that its owner signs in by a link in a mail. The same rule
 * as the magic-link sign-in: the display name defaults to the email's local part. Run it inside the
 * caller's transaction.
 */
export async function findOrCreatePasswordlessAccount(
	db: Kysely<Database>,
	email: string,
	options: { displayName?: string; now: Date }
): Promise<{ account: accounts.AccountRow; isNew: boolean }> {
	const existing = await accounts.findAccountByEmail(db, email);
	if (existing) return { account: existing, isNew: false };
	const id = randomUUID();
	await accounts.insertAccount(db, {
		id,
		email,
		displayName: options.displayName || (email.split('@')[0] ?? email),
		passwordHash: null,
		isAdmin: false,
		createdAt: options.now.toISOString()
	});
	const account = await accounts.findAccountById(db, id);
	if (!account) throw new Error(`The account ${id} just inserted is missing`);
	return { account, isNew: true };
}
