import type { Kysely } from 'kysely';
import { conflict, notFound } from '../../domain/errors';
import {
	parsePendingChanges,
	statusAfterConfirmingChanges,
	type PendingChanges
} from '../../domain/registration-changes';
import {
	AWAITING_CONFIRMATION,
	REGISTRATION_STATUS,
	statusOnConfirm,
	type PlaceStatus
} from '../../domain/registration-rules';
import { isLocale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { waitingMail, type RegistrationDetails } from '../mail/templates';
import { lockMeeting } from '../repositories/meeting-lookup';
import {
	countConfirmed,
	findRegistrationById,
	setStatus,
	type RegistrationWithPerson
} from '../repositories/registrations';
import { applyProposedChanges } from '../repositories/registrations-changes';
import {
	findRegistrationByChangeHash,
	findRegistrationByConfirmHash
} from '../repositories/registrations-links';
import { findRegistrationMeetingById } from '../repositories/registrations-meetings';
import { clearReminders } from '../repositories/registrations-reminders';
import { hashToken } from './auth';
import {
	mailLocaleOf,
	manageUrl,
	rotateManageToken,
	sendRegisteredMail,
	toMailMeeting,
	type MailOptions
} from './registration-support';

/**
 * Following a confirmation link: a first registration (or an invitation) is confirmed, or
 * details someone proposed for a known address are applied, by the address's owner.
 */

export interface ConfirmOutcome {
	status: PlaceStatus;
	meeting: { seriesSlug: string; number: number; title: string; seriesTitle: string };
}

/** What a confirmation link confirms: the details and consents, shown before the button. */
export interface ConfirmationView {
	/** The link confirms details someone registered with again, not a first registration. */
	isChange: boolean;
	meeting: { title: string; seriesTitle: string };
	details: RegistrationDetails;
}

type ConfirmTarget =
	| { kind: 'registration'; registration: RegistrationWithPerson }
	| { kind: 'change'; registration: RegistrationWithPerson; changes: PendingChanges };

/** The registration behind a confirmation link, or why the link does not work (now). */
async function confirmTarget(db: Kysely<Database>, token: string, now: Date): Promise<ConfirmTarget> {
	const tokenHash = hashToken(token);
	const registration = await findRegistrationByConfirmHash(db, tokenHash);
	if (registration) {
		if (!AWAITING_CONFIRMATION.includes(registration.status))
			throw notFound('registration.confirmLinkInvalid');
		if (registration.confirmExpiresAt && registration.confirmExpiresAt <= now.toISOString())
			throw conflict('registration.confirmLinkExpired');
		return { kind: 'registration', registration };
	}
	const changed = await findRegistrationByChangeHash(db, tokenHash);
	const changes = changed && parsePendingChanges(changed.pendingChanges);
	if (!changed || !changes) throw notFound('registration.confirmLinkInvalid');
	if (changed.changeExpiresAt && changed.changeExpiresAt <= now.toISOString())
		throw conflict('registration.confirmLinkExpired');
	return { kind: 'change', registration: changed, changes };
}

function detailsOfTarget(target: ConfirmTarget): RegistrationDetails {
	if (target.kind === 'change')
		return {
			name: target.changes.name,
			organization: target.changes.organization,
			municipality: target.changes.municipality,
			role: target.changes.jobRole,
			email: target.changes.email,
			consent: {
				participantList: target.changes.consentParticipantList,
				shareEmail: target.changes.consentShareEmail
			}
		};
	const person = target.registration.person;
	return {
		name: person.name,
		organization: person.organization,
		municipality: person.municipality,
		role: person.jobRole,
		email: person.email ?? '',
		consent: { participantList: person.consentParticipantList, shareEmail: person.consentShareEmail }
	};
}

/**
 * What the confirmation page shows before its button: the details and consents the link
 * confirms (the link is the authorization, as the mail went to that address). Changes nothing.
 */
export async function getConfirmation(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<ConfirmationView> {
	const target = await confirmTarget(db, token, now);
	const meeting = await findRegistrationMeetingById(db, target.registration.meetingId);
	if (!meeting) throw notFound('registration.confirmLinkInvalid');
	return {
		isChange: target.kind === 'change',
		meeting: { title: `${meeting.number}. ${meeting.meetingNoun}`, seriesTitle: meeting.seriesTitle },
		details: detailsOfTarget(target)
	};
}

/**
 * Follows the link of a confirmation mail: single use, valid for a week. A first registration
 * (or an invitation) gets a place if one is free, else the waiting list, and a mail saying which
 * (with the invitation). A link that confirms proposed changes applies them now; the person keeps
 * a place or waiting-list place they hold, and otherwise (invited, unconfirmed, cancelled)
 * registers as above.
 */
export async function confirmRegistration(
	db: Kysely<Database>,
	mailer: Mailer,
	token: string,
	options: MailOptions
): Promise<ConfirmOutcome> {
	const now = options.now ?? new Date();
	const target = await confirmTarget(db, token, now);
	const { registration } = target;
	const meeting = await findRegistrationMeetingById(db, registration.meetingId);
	if (!meeting) throw notFound('registration.confirmLinkInvalid');

	const { status, isNew } = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const confirmedCount = await countConfirmed(trx, meeting.meetingId);
		if (target.kind === 'registration') {
			const next = statusOnConfirm(confirmedCount, meeting.capacity);
			const changed = await setStatus(trx, registration, next, now.toISOString(), AWAITING_CONFIRMATION);
			// Two clicks at once: the second finds the link already spent.
			if (!changed) throw notFound('registration.confirmLinkInvalid');
			return { status: next, isNew: true };
		}
		// The status read before the lock may be stale; the one under the lock decides.
		const current = (await findRegistrationById(trx, registration.id))?.status ?? registration.status;
		if (!(await applyProposedChanges(trx, registration, hashToken(token), target.changes)))
			throw notFound('registration.confirmLinkInvalid');
		const next = statusAfterConfirmingChanges(current, confirmedCount, meeting.capacity);
		if (next === current) return { status: next, isNew: false };
		if (current === REGISTRATION_STATUS.cancelled) await clearReminders(trx, registration.id);
		await setStatus(trx, registration, next, now.toISOString(), [current]);
		return { status: next, isNew: true };
	});

	// The mails speak of the details as they are now (a confirmed change applied them); a confirmed
	// person gets the invitation again, with the details as they now are.
	const current = (await findRegistrationById(db, registration.id)) ?? registration;
	if (status === REGISTRATION_STATUS.confirmed) {
		await sendRegisteredMail(db, mailer, meeting, current, { ...options, hasMovedUp: false });
	} else if (isNew && current.person.email) {
		const locale = mailLocaleOf(meeting, isLocale(current.locale) ? current.locale : 'de');
		await sendAndLog(db, mailer, {
			to: current.person.email,
			...waitingMail(locale, toMailMeeting(meeting), current.person, {
				manage: manageUrl(options.publicOrigin, await rotateManageToken(db, current.id))
			}),
			kind: 'waiting',
			meetingId: meeting.meetingId
		});
	}
	return {
		status,
		meeting: {
			seriesSlug: meeting.seriesSlug,
			number: meeting.number,
			title: `${meeting.number}. ${meeting.meetingNoun}`,
			seriesTitle: meeting.seriesTitle
		}
	};
}
