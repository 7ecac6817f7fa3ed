import type { Kysely } from 'kysely';
import { conflict, notFound } from '../../domain/errors';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import {
	ACTIVE_STATUSES,
	chooseToMoveUp,
	REGISTRATION_STATUS,
	statusOnConfirm,
	type RegistrationStatus
} from '../../domain/registration-rules';
import { isLocale } from '../../i18n/translate';
import { buildCalendar } from '../calendar/ical';
import type { Database } from '../db/schema';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { cancelledMail } from '../mail/templates';
import { lockMeeting } from '../repositories/meeting-lookup';
import {
	countConfirmed,
	findRegistrationById,
	listWaiting,
	setStatus,
	type RegistrationWithPerson
} from '../repositories/registrations';
import { findRegistrationByManageHash } from '../repositories/registrations-links';
import {
	findRegistrationMeetingById,
	type RegistrationMeeting
} from '../repositories/registrations-meetings';
import { clearReminders } from '../repositories/registrations-reminders';
import { hashToken } from './auth';
import {
	calendarInput,
	mailLocaleOf,
	organizerEmailOf,
	sendRegisteredMail,
	toMailMeeting,
	type MailOptions
} from './registration-support';

/**
 * Status changes after registering, for both sides: the waiting list moving up, cancelling (by
 * the manage link or by an organizer), and an organizer setting a status directly. Every change
 * goes through repositories/registrations.ts `setStatus`, guarded by the status it expects.
 */

/**
 * Sets the status an organizer chose (organizers may set any status directly), inside the caller's
 * transaction with the meeting locked. Confirming follows the participant side's rule: a place
 * if one is free, else the waiting list. Returns the status the registration now has; throws a
 * conflict when the registration changed since the caller read it.
 */
export async function setStatusInTransaction(
	trx: Kysely<Database>,
	meeting: { meetingId: string; capacity: number | null },
	registration: { id: string; personId: string; status: RegistrationStatus },
	wanted: RegistrationStatus,
	at: string
): Promise<RegistrationStatus> {
	if (wanted === registration.status) return wanted;
	const next =
		wanted === REGISTRATION_STATUS.confirmed
			? statusOnConfirm(await countConfirmed(trx, meeting.meetingId), meeting.capacity)
			: wanted;
	if (next === registration.status) return next;
	if (!(await setStatus(trx, registration, next, at, [registration.status])))
		throw conflict('registrationLifecycle.changedMeanwhile');
	// A registration that comes back from cancelled starts its reminders afresh.
	if (registration.status === REGISTRATION_STATUS.cancelled) await clearReminders(trx, registration.id);
	return next;
}

/* ---- the waiting list ---- */

/**
 * Gives free places to the longest-waiting registrations (inside the caller's transaction, with
 * the meeting locked); returns those moved up, for the caller to mail after the commit.
 */
async function moveUpInTransaction(
	trx: Kysely<Database>,
	meeting: RegistrationMeeting,
	at: string
): Promise<RegistrationWithPerson[]> {
	const confirmedCount = await countConfirmed(trx, meeting.meetingId);
	const waiting = await listWaiting(trx, meeting.meetingId);
	const chosen = chooseToMoveUp(waiting, confirmedCount, meeting.capacity);
	const movedUp: RegistrationWithPerson[] = [];
	for (const registration of chosen)
		if (await setStatus(trx, registration, REGISTRATION_STATUS.confirmed, at, [REGISTRATION_STATUS.waiting]))
			movedUp.push(registration);
	return movedUp;
}

/**
 * Fills free places from the waiting list and mails those who moved up (with the invitation).
 * Cancelling calls it by itself; the organizer's side calls it after raising the capacity or
 * removing someone.
 */
export async function moveUpWaitingList(
	db: Kysely<Database>,
	mailer: Mailer,
	meetingId: string,
	options: MailOptions
): Promise<string[]> {
	const now = options.now ?? new Date();
	const meeting = await findRegistrationMeetingById(db, meetingId);
	if (!meeting) throw notFound('registration.meetingNotFound');
	const movedUp = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meetingId);
		return moveUpInTransaction(trx, meeting, now.toISOString());
	});
	for (const registration of movedUp)
		await sendRegisteredMail(db, mailer, meeting, registration, { ...options, hasMovedUp: true });
	return movedUp.map((registration) => registration.id);
}

/* ---- cancel ---- */

export type CancelTarget = { manageToken: string } | { registrationId: string; actor: Actor };

export interface CancelOutcome {
	status: typeof REGISTRATION_STATUS.cancelled;
	/** Registrations that moved up from the waiting list into the freed place. */
	movedUp: string[];
}

async function registrationOfTarget(
	db: Kysely<Database>,
	target: CancelTarget
): Promise<RegistrationWithPerson> {
	if ('manageToken' in target) {
		const found = await findRegistrationByManageHash(db, hashToken(target.manageToken));
		if (!found) throw notFound('registration.manageLinkInvalid');
		return found;
	}
	const found = await findRegistrationById(db, target.registrationId);
	if (!found) throw notFound('registration.notFound');
	const meeting = await findRegistrationMeetingById(db, found.meetingId);
	if (!meeting || !canManageOrganizationContent(target.actor, meeting.organizationId))
		throw notFound('registration.notFound');
	return found;
}

/**
 * Cancels by the manage link (the participant) or by id (an organizer). A freed place goes to the
 * first on the waiting list, who is mailed; the participant gets a confirmation of the cancel,
 * with a calendar cancellation when they held a place. Cancelling twice changes nothing.
 */
export async function cancelRegistration(
	db: Kysely<Database>,
	mailer: Mailer,
	target: CancelTarget,
	options: MailOptions
): Promise<CancelOutcome> {
	const now = options.now ?? new Date();
	const registration = await registrationOfTarget(db, target);
	if (registration.status === REGISTRATION_STATUS.cancelled)
		return { status: REGISTRATION_STATUS.cancelled, movedUp: [] };
	const meeting = await findRegistrationMeetingById(db, registration.meetingId);
	if (!meeting) throw notFound('registration.notFound');

	const { changed, movedUp } = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const wasCancelled = await setStatus(
			trx,
			registration,
			REGISTRATION_STATUS.cancelled,
			now.toISOString(),
			ACTIVE_STATUSES
		);
		return {
			changed: wasCancelled,
			movedUp: wasCancelled ? await moveUpInTransaction(trx, meeting, now.toISOString()) : []
		};
	});
	if (!changed) return { status: REGISTRATION_STATUS.cancelled, movedUp: [] };

	const email = registration.person.email;
	if (email) {
		const locale = mailLocaleOf(meeting, isLocale(registration.locale) ? registration.locale : 'de');
		const heldPlace = registration.status === REGISTRATION_STATUS.confirmed;
		await sendAndLog(db, mailer, {
			to: email,
			...cancelledMail(locale, toMailMeeting(meeting), registration.person),
			calendar: heldPlace
				? {
						method: 'CANCEL',
						content: buildCalendar(
							[
								await calendarInput(db, meeting, options.publicOrigin, {
									name: registration.person.name,
									email
								})
							],
							{ method: 'CANCEL', organizerEmail: organizerEmailOf(options) }
						)
					}
				: undefined,
			kind: 'cancelled',
			meetingId: meeting.meetingId
		});
	}
	for (const promoted of movedUp)
		await sendRegisteredMail(db, mailer, meeting, promoted, { ...options, hasMovedUp: true });
	return { status: REGISTRATION_STATUS.cancelled, movedUp: movedUp.map((entry) => entry.id) };
}
