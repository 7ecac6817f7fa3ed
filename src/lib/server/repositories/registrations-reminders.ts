import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import {
	registrationWithPersonQuery,
	toRegistrationWithPerson,
	type RegistrationWithPerson
} from './registrations';

/** The reminders' bookkeeping on registrations: SQL only. */

/** A registration that comes back from cancelled starts its reminders afresh. */
export async function clearReminders(db: Kysely<Database>, registrationId: string): Promise<void> {
	await db
		.updateTable('registrations')
		.set({ reminded_day_at: null, reminded_hour_at: null })
		.where('id', '=', registrationId)
		.execute();
}

/**
 * Claims a reminder: only the caller whose update changes the row may send it, so the same
 * reminder never goes out twice, also across restarts and several instances.
 */
export async function claimReminder(
	db: Kysely<Database>,
	registrationId: string,
	kind: 'day' | 'hour',
	at: string
): Promise<boolean> {
	const result =
		kind === 'day'
			? await db
					.updateTable('registrations')
					.set({ reminded_day_at: at })
					.where('id', '=', registrationId)
					.where('reminded_day_at', 'is', null)
					.where('status', '=', REGISTRATION_STATUS.confirmed)
					.executeTakeFirst()
			: await db
					.updateTable('registrations')
					.set({ reminded_hour_at: at })
					.where('id', '=', registrationId)
					.where('reminded_hour_at', 'is', null)
					.where('status', '=', REGISTRATION_STATUS.confirmed)
					.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Confirmed registrations of the meetings whose reminder of that kind has not gone out yet. */
export async function listUnremindedConfirmed(
	db: Kysely<Database>,
	meetingIds: readonly string[],
	kind: 'day' | 'hour'
): Promise<RegistrationWithPerson[]> {
	if (!meetingIds.length) return [];
	const column = kind === 'day' ? 'registrations.reminded_day_at' : 'registrations.reminded_hour_at';
	const rows = await registrationWithPersonQuery(db)
		.where('registrations.meeting_id', 'in', [...meetingIds])
		.where('registrations.status', '=', REGISTRATION_STATUS.confirmed)
		.where(column, 'is', null)
		.execute();
	return rows.map(toRegistrationWithPerson);
}
