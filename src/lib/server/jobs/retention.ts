import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { dueMeetings } from '../../domain/retention';
import type { Database } from '../db/schema';
import * as repo from '../repositories/registrations-admin';

/** The name that stands in for an anonymized person, so that lists keep their rows and counts. */
export const ANONYMIZED_NAME = 'Gelöschte Person';

/**
 * Anonymizes the personal data of the registrations of every meeting whose date plus its
 * series' retention period lies in the past. Statuses, attendance and the rows themselves stay,
 * so counts survive; consents become false, so nobody is named any more. Idempotent: rows done
 * once carry anonymized_at and are not touched again. Returns how many registrations changed.
 */
export async function applyRetention(db: Kysely<Database>, now: Date): Promise<{ anonymized: number }> {
	const candidates = await repo.listMeetingsWithPersonalData(db);
	let anonymized = 0;
	for (const meeting of dueMeetings(candidates, now)) {
		// One transaction per meeting: a failure leaves each meeting either done or untouched.
		anonymized += await db.transaction().execute(async (trx) => {
			const registrations = await repo.listUnanonymized(trx, meeting.meetingId);
			for (const registration of registrations) {
				await repo.anonymizeRegistration(trx, registration, {
					name: ANONYMIZED_NAME,
					// Unique per meeting like an email, and no longer anyone's address.
					emailNormalized: `anonymized-${randomUUID()}@invalid`,
					now: now.toISOString()
				});
			}
			return registrations.length;
		});
	}
	return { anonymized };
}
