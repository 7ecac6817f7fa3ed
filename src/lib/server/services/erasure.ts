import { unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import { anonymizePeople, erasePeople, type ErasedPerson } from '../../domain/documentation/erasure';
import { MeetingDocument } from '../../domain/exchange-format/schema';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { outboxDir } from '../mail/mailer';
import * as repo from '../repositories/erasure';

/**
 * Erasure beyond a person's own rows (DSGVO): when a person deletes their data (services/my-data)
 * or the retention period anonymizes them (jobs/retention), every documentation version of the
 * meeting is re-derived without them (a published one stays published), the credits that name
 * them go too, and so do the meeting's mails to them in the mail log and the .eml outbox.
 */
export type Erasure = { kind: 'delete' } | { kind: 'anonymize'; placeholderName: string };

/**
 * Runs inside the caller's transaction. Returns the outbox files of the deleted mail log
 * entries: remove them with removeOutboxFiles once the transaction has committed.
 */
export async function eraseFromMeetingRecords(
	trx: Kysely<Database>,
	meetingId: string,
	people: readonly ErasedPerson[],
	erasure: Erasure
): Promise<string[]> {
	if (people.length === 0) return [];
	for (const version of await repo.listSnapshots(trx, meetingId)) {
		const document = MeetingDocument.parse(JSON.parse(version.snapshot));
		const cleaned =
			erasure.kind === 'delete'
				? erasePeople(document, people)
				: anonymizePeople(document, people, erasure.placeholderName);
		if (cleaned !== document) await repo.replaceSnapshot(trx, version.id, JSON.stringify(cleaned));
	}
	const personKeys = people.map((person) => person.personKey);
	if (erasure.kind === 'delete') await repo.deleteCredits(trx, meetingId, personKeys);
	else await repo.anonymizeCredits(trx, meetingId, personKeys, erasure.placeholderName);
	const emails = people.flatMap((person) => (person.email ? [person.email] : []));
	return repo.deleteMailLog(trx, meetingId, emails);
}

/** Removes .eml files from the outbox; a file already gone is fine, other failures are logged. */
export async function removeOutboxFiles(dataDir: string, fileNames: readonly string[]): Promise<void> {
	for (const fileName of fileNames) {
		// The names come from mail_log; a name with a path in it is not one the mailer wrote.
		if (basename(fileName) !== fileName) continue;
		await unlink(join(outboxDir(dataDir), fileName)).catch((error: unknown) => {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
				logger.warn({ err: error, fileName }, 'could not delete a mail from the outbox');
		});
	}
}
