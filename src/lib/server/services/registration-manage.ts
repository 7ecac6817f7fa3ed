import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../domain/errors';
import type { RegistrationStatus } from '../../domain/registration-rules';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { RegistrationWithPerson } from '../repositories/registrations';
import { updateConsents } from '../repositories/registrations-changes';
import { findRegistrationByManageHash } from '../repositories/registrations-links';
import {
	findRegistrationMeetingById,
	type RegistrationMeeting
} from '../repositories/registrations-meetings';
import { hashToken } from './auth';
import { isPublic } from './registration-support';

/**
 * A participant's own registration behind the manage link (the link is the authorization:
 * whoever holds it): what it shows, and the two consents it changes. Cancelling by the link is in
 * registration-status.ts.
 */

export const UpdateConsents = z.strictObject({ participantList: z.boolean(), shareEmail: z.boolean() });
export type UpdateConsents = z.infer<typeof UpdateConsents>;

export interface OwnRegistrationView {
	id: string;
	status: RegistrationStatus;
	createdAt: string;
	confirmedAt: string | null;
	cancelledAt: string | null;
	person: {
		name: string;
		organization: string | null;
		municipality: string | null;
		ags: string | null;
		role: string | null;
		email: string | null;
		attended: boolean;
		consent: { participantList: boolean; shareEmail: boolean };
	};
	meeting: {
		seriesSlug: string;
		seriesTitle: string;
		number: number;
		title: string;
		date: string;
		start: string;
		end: string;
		timeZone: string;
		isPublic: boolean;
	};
}

export function toOwnRegistrationView(
	registration: RegistrationWithPerson,
	meeting: RegistrationMeeting
): OwnRegistrationView {
	return {
		id: registration.id,
		status: registration.status,
		createdAt: registration.createdAt,
		confirmedAt: registration.confirmedAt,
		cancelledAt: registration.cancelledAt,
		person: {
			name: registration.person.name,
			organization: registration.person.organization,
			municipality: registration.person.municipality,
			ags: registration.person.ags,
			role: registration.person.jobRole,
			email: registration.person.email,
			attended: registration.person.hasAttended,
			consent: {
				participantList: registration.person.consentParticipantList,
				shareEmail: registration.person.consentShareEmail
			}
		},
		meeting: {
			seriesSlug: meeting.seriesSlug,
			seriesTitle: meeting.seriesTitle,
			number: meeting.number,
			title: `${meeting.number}. ${meeting.meetingNoun}`,
			date: meeting.date,
			start: meeting.start,
			end: meeting.end,
			timeZone: meeting.timeZone,
			isPublic: isPublic(meeting)
		}
	};
}

/** The registration behind a manage link (the link is the authorization: whoever holds it). */
export async function getRegistrationByManageToken(
	db: Kysely<Database>,
	manageToken: string
): Promise<OwnRegistrationView> {
	const registration = await findRegistrationByManageHash(db, hashToken(manageToken));
	if (!registration) throw notFound('registration.manageLinkInvalid');
	const meeting = await findRegistrationMeetingById(db, registration.meetingId);
	if (!meeting) throw notFound('registration.manageLinkInvalid');
	return toOwnRegistrationView(registration, meeting);
}

/** Changes the two consents by the manage link. */
export async function updateConsentsByManageToken(
	db: Kysely<Database>,
	manageToken: string,
	input: unknown
): Promise<void> {
	const consents = parseOrThrow(UpdateConsents, input);
	const registration = await findRegistrationByManageHash(db, hashToken(manageToken));
	if (!registration) throw notFound('registration.manageLinkInvalid');
	await updateConsents(db, registration.personId, consents);
}
