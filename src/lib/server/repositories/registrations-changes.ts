import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { toBoolInt } from '../db/booleans';

/**
 * What a registration's owner changes: proposed details and consents waiting for the owner's
 * link (see domain/registration-changes), the consents changed by the manage link, and the owner
 * deleting the registration. SQL only.
 */

/**
 * Stores proposed details and consents with the link that confirms them, replacing an earlier
 * proposal. The person's stored data stays as it is.
 */
export async function proposeChanges(
	db: Kysely<Database>,
	registrationId: string,
	proposal: { pendingChanges: string; changeTokenHash: string; changeExpiresAt: string }
): Promise<void> {
	await db
		.updateTable('registrations')
		.set({
			pending_changes: proposal.pendingChanges,
			change_token_hash: proposal.changeTokenHash,
			change_expires_at: proposal.changeExpiresAt
		})
		.where('id', '=', registrationId)
		.execute();
}

/**
 * Applies confirmed changes to the person and spends the change link. Returns false when the link
 * was spent already (two clicks at once: only one applies). Run in a transaction.
 */
export async function applyProposedChanges(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	changeTokenHash: string,
	changes: {
		name: string;
		organization: string | null;
		municipality: string | null;
		ags: string | null;
		jobRole: string | null;
		email: string;
		consentParticipantList: boolean;
		consentShareEmail: boolean;
		locale: string;
	}
): Promise<boolean> {
	const result = await db
		.updateTable('registrations')
		.set({ pending_changes: null, change_token_hash: null, change_expires_at: null, locale: changes.locale })
		.where('id', '=', registration.id)
		.where('change_token_hash', '=', changeTokenHash)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await db
		.updateTable('people')
		.set({
			name: changes.name,
			organization: changes.organization,
			municipality: changes.municipality,
			ags: changes.ags,
			job_role: changes.jobRole,
			email: changes.email,
			consent_participant_list: toBoolInt(changes.consentParticipantList),
			consent_share_email: toBoolInt(changes.consentShareEmail)
		})
		.where('id', '=', registration.personId)
		.execute();
	return true;
}

export async function updateConsents(
	db: Kysely<Database>,
	personId: string,
	consents: { participantList: boolean; shareEmail: boolean }
): Promise<void> {
	await db
		.updateTable('people')
		.set({
			consent_participant_list: toBoolInt(consents.participantList),
			consent_share_email: toBoolInt(consents.shareEmail)
		})
		.where('id', '=', personId)
		.execute();
}

/**
 * Removes a registration and its person for good. Rows that point at the person (breakout
 * membership, speaker slots) go with it by the foreign keys' cascades; board cards keep their
 * text without an author.
 */
export async function deleteRegistrationAndPerson(
	db: Kysely<Database>,
	registration: { id: string; personId: string }
): Promise<void> {
	await db.deleteFrom('registrations').where('id', '=', registration.id).execute();
	await db.deleteFrom('people').where('id', '=', registration.personId).execute();
}
