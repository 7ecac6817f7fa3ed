import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	registrationWithPersonQuery,
	toRegistrationWithPerson,
	type RegistrationWithPerson
} from './registrations';

/**
 * The links mailed to a registration's owner (confirm, confirm changes, manage): only their
 * hashes are stored; here a registration is found by one, and the manage link is replaced. SQL only.
 */

export async function findRegistrationByConfirmHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationWithPerson | undefined> {
	const row = await registrationWithPersonQuery(db)
		.where('registrations.confirm_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistrationWithPerson(row);
}

export async function findRegistrationByChangeHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationWithPerson | undefined> {
	const row = await registrationWithPersonQuery(db)
		.where('registrations.change_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistrationWithPerson(row);
}

export async function findRegistrationByManageHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationWithPerson | undefined> {
	const row = await registrationWithPersonQuery(db)
		.where('registrations.manage_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistrationWithPerson(row);
}

/** A new manage link replaces the old one (mails carry the newest; only its hash is stored). */
export async function setManageTokenHash(
	db: Kysely<Database>,
	registrationId: string,
	manageTokenHash: string
): Promise<void> {
	await db
		.updateTable('registrations')
		.set({ manage_token_hash: manageTokenHash })
		.where('id', '=', registrationId)
		.execute();
}
