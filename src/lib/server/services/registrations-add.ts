import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors';
import type { RegistrationStatus } from '../../domain/registration-rules';
import { slugify } from '../../domain/slug';
import { isLocale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { lockMeeting } from '../repositories/meeting-lookup';
import { isPersonKeyTaken } from '../repositories/registrations-admin';
import { findRegistrationMeetingById } from '../repositories/registrations-meetings';
import { hashToken } from './auth';
import type { ManagedMeeting } from './meetings';
import { agsOf, registerInTransaction, type RegistrationStart } from './registration';
import { newToken } from './registration-support';

/**
 * How an organizer adds a person (by hand or by invitation): through the participant side's
 * registerInTransaction, with the organizer's differences as parameters.
 */

/** A person key for the exchange format: from the name, made unique within the meeting. */
async function freePersonKey(db: Kysely<Database>, meetingId: string, name: string): Promise<string> {
	const base = (slugify(name) || 'person').slice(0, 70);
	for (let attempt = 1; ; attempt++) {
		const key = attempt === 1 ? base : `${base}-${attempt}`;
		if (!(await isPersonKeyTaken(db, meetingId, key))) return key;
	}
}

/** Who an organizer adds or invites: the details a registration stores on its person. */
export interface AddedPerson {
	name: string;
	organization: string | null;
	municipality: string | null;
	jobRole: string | null;
	email: string;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
}

/**
 * Adds a person through the participant side's registerInTransaction, without a mail: the
 * organizer's source, the series' language, a person key from the name and an unknown manage
 * link (the participant's side issues a usable one when it mails the person). Inside the
 * caller's transaction; the meeting is locked here.
 */
export async function addWithoutMail(
	trx: Kysely<Database>,
	managed: ManagedMeeting,
	person: AddedPerson,
	start: RegistrationStart & { kind: 'decided' },
	source: 'organizer' | 'invitation',
	now: string
): Promise<{ registrationId: string; status: RegistrationStatus }> {
	const meetingId = managed.meeting.id;
	await lockMeeting(trx, meetingId);
	const meeting = await findRegistrationMeetingById(trx, meetingId);
	if (!meeting) throw notFound('registrationsAdmin.notFound');
	return registerInTransaction(trx, meeting, {
		person: { ...person, ags: agsOf(person.municipality) },
		start,
		source,
		locale: isLocale(managed.series.language) ? managed.series.language : 'de',
		manageTokenHash: hashToken(newToken()),
		personKey: await freePersonKey(trx, meetingId, person.name),
		at: now
	});
}
