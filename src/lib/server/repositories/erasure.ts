import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { normalizeEmail } from '../../domain/email';

/**
 * What erasing a person touches beyond their person and registration rows: the frozen
 * documentation snapshots, the credits that name them, the mail log (and its outbox files).
 * SQL only; the rules are in services/erasure.ts and domain/documentation/erasure.ts.
 */

/** Person key and email of the registrations the retention job is about to anonymize. */
export async function listUnanonymizedPeople(
	db: Kysely<Database>,
	meetingId: string
): Promise<{ personKey: string; email: string }[]> {
	const rows = await db
		.selectFrom('registrations')
		.innerJoin('people', 'people.id', 'registrations.person_id')
		.select(['people.person_key', 'registrations.email_normalized'])
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.anonymized_at', 'is', null)
		.execute();
	return rows.map((row) => ({ personKey: row.person_key, email: row.email_normalized }));
}

export async function listSnapshots(
	db: Kysely<Database>,
	meetingId: string
): Promise<{ id: string; snapshot: string }[]> {
	return db
		.selectFrom('documentation_versions')
		.select(['id', 'snapshot'])
		.where('meeting_id', '=', meetingId)
		.orderBy('version')
		.execute();
}

/** Replaces a version's snapshot; its number, language and publication stay. */
export async function replaceSnapshot(
	db: Kysely<Database>,
	versionId: string,
	snapshot: string
): Promise<void> {
	await db.updateTable('documentation_versions').set({ snapshot }).where('id', '=', versionId).execute();
}

export async function deleteCredits(
	db: Kysely<Database>,
	meetingId: string,
	personKeys: readonly string[]
): Promise<void> {
	if (personKeys.length === 0) return;
	await db
		.deleteFrom('meeting_credits')
		.where('meeting_id', '=', meetingId)
		.where('person_key', 'in', personKeys)
		.execute();
}

export async function anonymizeCredits(
	db: Kysely<Database>,
	meetingId: string,
	personKeys: readonly string[],
	name: string
): Promise<void> {
	if (personKeys.length === 0) return;
	await db
		.updateTable('meeting_credits')
		.set({ name, organization: null })
		.where('meeting_id', '=', meetingId)
		.where('person_key', 'in', personKeys)
		.execute();
}

/**
 * Deletes the meeting's mail log entries to these addresses (compared in lower case) and
 * returns the names of their .eml files in the outbox, for the caller to remove.
 */
export async function deleteMailLog(
	db: Kysely<Database>,
	meetingId: string,
	emails: readonly string[]
): Promise<string[]> {
	if (emails.length === 0) return [];
	const lowered = emails.map(normalizeEmail);
	const rows = await db
		.selectFrom('mail_log')
		.select(['id', 'file_name'])
		.where('meeting_id', '=', meetingId)
		.where((eb) => eb(eb.fn('lower', ['recipient']), 'in', lowered))
		.execute();
	if (rows.length === 0) return [];
	await db
		.deleteFrom('mail_log')
		.where(
			'id',
			'in',
			rows.map((row) => row.id)
		)
		.execute();
	return rows.map((row) => row.file_name).filter((name): name is string => name !== null);
}
