import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/registrations-admin';
import { requireManagedMeeting } from './meetings';
import { checkbox, mailOptions, type MailContext } from './registrations-admin';
import { moveUpWaitingList } from './registration-status';

/** A meeting's registration settings: places, whether registration is open, reminders. */

/** A form sends "" for "no limit". */
const capacity = z.preprocess(
	(value) => (typeof value === 'string' ? (value.trim() === '' ? null : Number(value.trim())) : value),
	z.int().min(1).max(100_000).nullable()
);

export const UpdateRegistrationSettings = z.strictObject({
	capacity,
	isRegistrationOpen: checkbox,
	remindDayBefore: checkbox,
	remindHourBefore: checkbox
});
export type UpdateRegistrationSettings = z.infer<typeof UpdateRegistrationSettings>;

export async function updateRegistrationSettings(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<void> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(UpdateRegistrationSettings, input);
	await repo.updateRegistrationSettings(db, meeting.id, data, now.toISOString());
	// More places: the waiting list moves up at once (and is mailed).
	await moveUpWaitingList(db, context.mailer, meeting.id, mailOptions(context, now));
}
