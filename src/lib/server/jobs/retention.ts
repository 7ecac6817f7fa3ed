import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dueMeetings, isRetentionDue } from '../../domain/retention';
import type { Database } from '../db/schema';
import { listUnanonymizedPeople } from '../repositories/erasure';
import * as repo from '../repositories/registrations-admin';
import * as wishData from '../repositories/wishes-personal-data';
import { eraseFromMeetingRecords, removeOutboxFiles } from '../services/erasure';

/** The name that stands in for an anonymized person, so that lists keep their rows and counts. */
export const ANONYMIZED_NAME = 'Gelöschte Person';

/**
 * Anonymizes the personal data of the registrations of every meeting whose date plus its
 * series' retention period lies in the past. Statuses, attendance and the rows themselves stay,
 * so counts survive; consents become false, so nobody is named any more. The meeting's
 * documentation versions and credits are anonymized alike, and its mails to them leave the mail
 * log and the outbox (DATA_DIR/outbox). Idempotent: rows done once carry anonymized_at and are
 * not touched again. Returns how many registrations changed.
 */
export async function applyRetention(
	db: Kysely<Database>,
	now: Date,
	options: { dataDir: string }
): Promise<{ anonymized: number; wishesAnonymized: number }> {
	const candidates = await repo.listMeetingsWithPersonalData(db);
	let anonymized = 0;
	for (const meeting of dueMeetings(candidates, now)) {
		// One transaction per meeting: a failure leaves each meeting either done or untouched.
		const { count, outboxFiles } = await db.transaction().execute(async (trx) => {
			const people = await listUnanonymizedPeople(trx, meeting.meetingId);
			const registrations = await repo.listUnanonymized(trx, meeting.meetingId);
			for (const registration of registrations) {
				await repo.anonymizeRegistration(trx, registration, {
					name: ANONYMIZED_NAME,
					// Unique per meeting like an email, and no longer anyone's address.
					emailNormalized: `anonymized-${randomUUID()}@invalid`,
					now: now.toISOString()
				});
			}
			const files = await eraseFromMeetingRecords(trx, meeting.meetingId, people, {
				kind: 'anonymize',
				placeholderName: ANONYMIZED_NAME
			});
			return { count: registrations.length, outboxFiles: files };
		});
		await removeOutboxFiles(options.dataDir, outboxFiles);
		anonymized += count;
	}
	return { anonymized, wishesAnonymized: await anonymizeClosedWishes(db, now) };
}

/**
 * Topic wishes: once a wish is closed (taken up or declined) and its series' retention period
 * has passed since it was closed, its author (name, email, account), its followers, the names
 * on its comments and its unconfirmed votes go. A confirmed vote keeps its row under a random
 * key, not a hash of the address: a hash of an email is still personal data (anyone can hash a
 * guessed address and compare), while a random key only keeps the count right. Open wishes
 * keep their data: followers still wait for their mail and votes still guard "one per person".
 */
async function anonymizeClosedWishes(db: Kysely<Database>, now: Date): Promise<number> {
	const due = (await wishData.listClosedWishesWithPersonalData(db)).filter((wish) =>
		isRetentionDue(wish.closedAt.slice(0, 10), wish.retentionMonths, now)
	);
	for (const wish of due) {
		await db.transaction().execute((trx) => wishData.anonymizeClosedWish(trx, wish.wishId));
	}
	return due.length;
}
