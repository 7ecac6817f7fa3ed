import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import {
	AWAITING_CONFIRMATION,
	REGISTRATION_STATUS,
	type RegistrationSource,
	type RegistrationStatus
} from '../../domain/registration-rules';

/**
 * Registrations (the workflow row) with their person (who, consents, status): SQL only.
 * A registration is one `people` row plus one `registrations` row; `people.status` always equals
 * `registrations.status` and `people.is_registered` is 1 exactly when confirmed.
 *
 * This file is the one owner of a registration's lifecycle: inserting, changing the status and
 * reopening, for the participant's side and the organizer's alike. The functions that change a
 * status change both rows and take the statuses the registration may be in before (checked in the
 * same UPDATE); callers run them inside a transaction.
 */

/** A registration with its person: everything the participant's side shows or mails. */
export interface RegistrationWithPerson {
	id: string;
	meetingId: string;
	personId: string;
	emailNormalized: string;
	status: RegistrationStatus;
	source: string;
	locale: string;
	confirmExpiresAt: string | null;
	createdAt: string;
	confirmedAt: string | null;
	cancelledAt: string | null;
	waitingSince: string | null;
	remindedDayAt: string | null;
	remindedHourAt: string | null;
	/** Proposed details and consents (JSON), waiting for the owner's confirmation; see domain/registration-changes. */
	pendingChanges: string | null;
	changeExpiresAt: string | null;
	person: {
		personKey: string;
		name: string;
		organization: string | null;
		municipality: string | null;
		ags: string | null;
		jobRole: string | null;
		email: string | null;
		isRegistered: boolean;
		hasAttended: boolean;
		consentParticipantList: boolean;
		consentShareEmail: boolean;
	};
}

export function registrationWithPersonQuery(db: Kysely<Database>) {
	return db
		.selectFrom('registrations')
		.innerJoin('people', 'people.id', 'registrations.person_id')
		.select([
			'registrations.id',
			'registrations.meeting_id',
			'registrations.person_id',
			'registrations.email_normalized',
			'registrations.status',
			'registrations.source',
			'registrations.locale',
			'registrations.confirm_expires_at',
			'registrations.created_at',
			'registrations.confirmed_at',
			'registrations.cancelled_at',
			'registrations.waiting_since',
			'registrations.reminded_day_at',
			'registrations.reminded_hour_at',
			'registrations.pending_changes',
			'registrations.change_expires_at',
			'people.person_key',
			'people.name',
			'people.organization',
			'people.municipality',
			'people.ags',
			'people.job_role',
			'people.email',
			'people.is_registered',
			'people.has_attended',
			'people.consent_participant_list',
			'people.consent_share_email'
		]);
}

type RegistrationRow = Awaited<
	ReturnType<ReturnType<typeof registrationWithPersonQuery>['executeTakeFirstOrThrow']>
>;

export function toRegistrationWithPerson(row: RegistrationRow): RegistrationWithPerson {
	return {
		id: row.id,
		meetingId: row.meeting_id,
		personId: row.person_id,
		emailNormalized: row.email_normalized,
		status: row.status as RegistrationStatus,
		source: row.source,
		locale: row.locale,
		confirmExpiresAt: row.confirm_expires_at,
		createdAt: row.created_at,
		confirmedAt: row.confirmed_at,
		cancelledAt: row.cancelled_at,
		waitingSince: row.waiting_since,
		remindedDayAt: row.reminded_day_at,
		remindedHourAt: row.reminded_hour_at,
		pendingChanges: row.pending_changes,
		changeExpiresAt: row.change_expires_at,
		person: {
			personKey: row.person_key,
			name: row.name,
			organization: row.organization,
			municipality: row.municipality,
			ags: row.ags,
			jobRole: row.job_role,
			email: row.email,
			isRegistered: fromBoolInt(row.is_registered),
			hasAttended: fromBoolInt(row.has_attended),
			consentParticipantList: fromBoolInt(row.consent_participant_list),
			consentShareEmail: fromBoolInt(row.consent_share_email)
		}
	};
}

export async function findRegistrationById(
	db: Kysely<Database>,
	id: string
): Promise<RegistrationWithPerson | undefined> {
	const row = await registrationWithPersonQuery(db).where('registrations.id', '=', id).executeTakeFirst();
	return row && toRegistrationWithPerson(row);
}

export async function findRegistrationByEmail(
	db: Kysely<Database>,
	meetingId: string,
	emailNormalized: string
): Promise<RegistrationWithPerson | undefined> {
	const row = await registrationWithPersonQuery(db)
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.email_normalized', '=', emailNormalized)
		.executeTakeFirst();
	return row && toRegistrationWithPerson(row);
}

/** All registrations under one email address (every meeting), newest meeting first is up to the caller. */
export async function listRegistrationsByEmail(
	db: Kysely<Database>,
	emailNormalized: string
): Promise<RegistrationWithPerson[]> {
	const rows = await registrationWithPersonQuery(db)
		.where('registrations.email_normalized', '=', emailNormalized)
		.orderBy('registrations.created_at')
		.execute();
	return rows.map(toRegistrationWithPerson);
}

export async function countConfirmed(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('registrations')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where('meeting_id', '=', meetingId)
		.where('status', '=', REGISTRATION_STATUS.confirmed)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** The waiting list of a meeting, longest-waiting first. */
export async function listWaiting(
	db: Kysely<Database>,
	meetingId: string
): Promise<RegistrationWithPerson[]> {
	const rows = await registrationWithPersonQuery(db)
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.status', '=', REGISTRATION_STATUS.waiting)
		.orderBy('registrations.waiting_since')
		.orderBy('registrations.created_at')
		.execute();
	return rows.map(toRegistrationWithPerson);
}

/** Who registers: the details and consents stored on the person. */
export interface RegistrantDetails {
	name: string;
	organization: string | null;
	municipality: string | null;
	ags: string | null;
	jobRole: string | null;
	email: string;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
}

export interface NewRegistration extends RegistrantDetails {
	id: string;
	personId: string;
	meetingId: string;
	personKey: string;
	name: string;
	organization: string | null;
	municipality: string | null;
	ags: string | null;
	jobRole: string | null;
	email: string;
	emailNormalized: string;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
	status: RegistrationStatus;
	source: RegistrationSource;
	locale: string;
	/** Only while the registration awaits its confirmation link (and a mail carries the link). */
	confirmTokenHash: string | null;
	confirmExpiresAt: string | null;
	manageTokenHash: string;
	createdAt: string;
	userId: string | null;
}

/** Inserts the person (at the end of the meeting's list) and the registration. Run in a transaction. */
export async function insertRegistration(db: Kysely<Database>, entry: NewRegistration): Promise<void> {
	const last = await db
		.selectFrom('people')
		.select((eb) => eb.fn.max('position').as('highest'))
		.where('meeting_id', '=', entry.meetingId)
		.executeTakeFirst();
	const position = last?.highest === null || last?.highest === undefined ? 0 : Number(last.highest) + 1;
	const isConfirmed = entry.status === REGISTRATION_STATUS.confirmed;
	await db
		.insertInto('people')
		.values({
			id: entry.personId,
			meeting_id: entry.meetingId,
			person_key: entry.personKey,
			position,
			name: entry.name,
			organization: entry.organization,
			municipality: entry.municipality,
			ags: entry.ags,
			job_role: entry.jobRole,
			email: entry.email,
			is_registered: toBoolInt(isConfirmed),
			has_attended: 0,
			consent_participant_list: toBoolInt(entry.consentParticipantList),
			consent_share_email: toBoolInt(entry.consentShareEmail),
			status: entry.status,
			user_id: entry.userId
		})
		.execute();
	await db
		.insertInto('registrations')
		.values({
			id: entry.id,
			meeting_id: entry.meetingId,
			person_id: entry.personId,
			email_normalized: entry.emailNormalized,
			status: entry.status,
			source: entry.source,
			locale: entry.locale,
			confirm_token_hash: entry.confirmTokenHash,
			confirm_expires_at: entry.confirmExpiresAt,
			manage_token_hash: entry.manageTokenHash,
			created_at: entry.createdAt,
			...statusTimes(entry.status, entry.createdAt),
			anonymized_at: null
		})
		.execute();
}

/**
 * Sets a registration's status on both rows, with the timestamp that belongs to it. Leaving the
 * states that await the confirmation link spends the link; cancelling forgets proposed changes.
 * Returns false when the registration was not in one of `fromStatuses` any more (someone else
 * changed it first): the guard is part of the UPDATE, so it holds inside the caller's transaction.
 */
export async function setStatus(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	status: RegistrationStatus,
	at: string,
	fromStatuses: readonly RegistrationStatus[]
): Promise<boolean> {
	if (!fromStatuses.length) return false;
	const stamps =
		status === REGISTRATION_STATUS.confirmed
			? { confirmed_at: at, cancelled_at: null }
			: status === REGISTRATION_STATUS.waiting
				? { waiting_since: at, cancelled_at: null }
				: status === REGISTRATION_STATUS.cancelled
					? { cancelled_at: at }
					: { cancelled_at: null };
	const keepsConfirmLink = AWAITING_CONFIRMATION.includes(status);
	const result = await db
		.updateTable('registrations')
		.set({
			status,
			...stamps,
			...(keepsConfirmLink ? {} : { confirm_token_hash: null, confirm_expires_at: null }),
			// A cancelled registration forgets changes someone proposed for it.
			...(status === REGISTRATION_STATUS.cancelled
				? { pending_changes: null, change_token_hash: null, change_expires_at: null }
				: {})
		})
		.where('id', '=', registration.id)
		.where('status', 'in', [...fromStatuses])
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await db
		.updateTable('people')
		.set({ status, is_registered: toBoolInt(status === REGISTRATION_STATUS.confirmed) })
		.where('id', '=', registration.personId)
		.execute();
	return true;
}

/** The times a (re)started registration's status sets: confirmed or waiting since `at`, no reminders sent yet. */
function statusTimes(status: RegistrationStatus, at: string) {
	return {
		confirmed_at: status === REGISTRATION_STATUS.confirmed ? at : null,
		cancelled_at: null,
		waiting_since: status === REGISTRATION_STATUS.waiting ? at : null,
		reminded_day_at: null,
		reminded_hour_at: null
	};
}

/**
 * An invited or cancelled registration registers again: new links, new details, a new status.
 * Returns false when the registration was not in one of `fromStatuses` any more (checked in the
 * same UPDATE). Run in a transaction.
 */
export async function reopenRegistration(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	entry: RegistrantDetails & {
		status: RegistrationStatus;
		source: RegistrationSource;
		locale: string;
		confirmTokenHash: string | null;
		confirmExpiresAt: string | null;
		manageTokenHash: string;
		at: string;
	},
	fromStatuses: readonly RegistrationStatus[]
): Promise<boolean> {
	if (!fromStatuses.length) return false;
	const isConfirmed = entry.status === REGISTRATION_STATUS.confirmed;
	const result = await db
		.updateTable('registrations')
		.set({
			status: entry.status,
			source: entry.source,
			locale: entry.locale,
			confirm_token_hash: entry.confirmTokenHash,
			confirm_expires_at: entry.confirmExpiresAt,
			manage_token_hash: entry.manageTokenHash,
			created_at: entry.at,
			...statusTimes(entry.status, entry.at)
		})
		.where('id', '=', registration.id)
		.where('status', 'in', [...fromStatuses])
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await db
		.updateTable('people')
		.set({
			name: entry.name,
			organization: entry.organization,
			municipality: entry.municipality,
			ags: entry.ags,
			job_role: entry.jobRole,
			email: entry.email,
			consent_participant_list: toBoolInt(entry.consentParticipantList),
			consent_share_email: toBoolInt(entry.consentShareEmail),
			status: entry.status,
			is_registered: toBoolInt(isConfirmed)
		})
		.where('id', '=', registration.personId)
		.execute();
	return true;
}
