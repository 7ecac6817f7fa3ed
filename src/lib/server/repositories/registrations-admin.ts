import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import { registrationStatuses, type RegistrationStatus } from '../../domain/registration-rules';

/**
 * The organizer's side of registrations: SQL only. A registration is a `registrations` row (the
 * workflow) with its `people` row (who it is, consents, registered, attended); both keep the
 * same status, and people.is_registered is 1 exactly when the registration is confirmed.
 * Inserting, status changes and reopening are not here: repositories/registrations.ts owns them
 * for both sides.
 */

/** One row of the organizer's registration list (flat: the person's fields beside the registration's). */
export interface RegistrationListRow {
	id: string;
	personId: string;
	personKey: string;
	name: string;
	organization: string | null;
	municipality: string | null;
	ags: string | null;
	jobRole: string | null;
	email: string | null;
	status: RegistrationStatus;
	source: string;
	hasAttended: boolean;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
	createdAt: string;
	confirmedAt: string | null;
	cancelledAt: string | null;
	anonymizedAt: string | null;
}

export interface RegistrationFilter {
	/** Part of the name, organization or email, any case. */
	query?: string;
	status?: RegistrationStatus;
	attended?: boolean;
}

function registrationQuery(db: Kysely<Database>) {
	return db
		.selectFrom('registrations')
		.innerJoin('people', 'people.id', 'registrations.person_id')
		.select([
			'registrations.id',
			'registrations.person_id',
			'people.person_key',
			'people.name',
			'people.organization',
			'people.municipality',
			'people.ags',
			'people.job_role',
			'people.email',
			'registrations.status',
			'registrations.source',
			'people.has_attended',
			'people.consent_participant_list',
			'people.consent_share_email',
			'registrations.created_at',
			'registrations.confirmed_at',
			'registrations.cancelled_at',
			'registrations.anonymized_at'
		]);
}

type Selection = Awaited<ReturnType<ReturnType<typeof registrationQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: Selection): RegistrationListRow {
	return {
		id: row.id,
		personId: row.person_id,
		personKey: row.person_key,
		name: row.name,
		organization: row.organization,
		municipality: row.municipality,
		ags: row.ags,
		jobRole: row.job_role,
		email: row.email,
		status: row.status as RegistrationStatus,
		source: row.source,
		hasAttended: fromBoolInt(row.has_attended),
		consentParticipantList: fromBoolInt(row.consent_participant_list),
		consentShareEmail: fromBoolInt(row.consent_share_email),
		createdAt: row.created_at,
		confirmedAt: row.confirmed_at,
		cancelledAt: row.cancelled_at,
		anonymizedAt: row.anonymized_at
	};
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
function likePattern(text: string): string {
	return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export async function listRegistrations(
	db: Kysely<Database>,
	meetingId: string,
	filter: RegistrationFilter = {}
): Promise<RegistrationListRow[]> {
	let query = registrationQuery(db).where('registrations.meeting_id', '=', meetingId);
	if (filter.status) query = query.where('registrations.status', '=', filter.status);
	if (filter.attended !== undefined)
		query = query.where('people.has_attended', '=', toBoolInt(filter.attended));
	if (filter.query) {
		const pattern = likePattern(filter.query);
		// lower(...) LIKE a lower-case pattern with an explicit ESCAPE: the same on SQLite and PostgreSQL.
		query = query.where((eb) =>
			eb.or(
				(['people.name', 'people.organization', 'people.email'] as const).map(
					(column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`
				)
			)
		);
	}
	const rows = await query
		.orderBy('registrations.created_at')
		// Within one millisecond: the order they were added in (a person's position), not by name.
		.orderBy('people.position')
		.orderBy('people.name')
		.execute();
	return rows.map(toRecord);
}

export async function findRegistration(
	db: Kysely<Database>,
	meetingId: string,
	id: string
): Promise<RegistrationListRow | undefined> {
	const row = await registrationQuery(db)
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.id', '=', id)
		.executeTakeFirst();
	return row ? toRecord(row) : undefined;
}

export async function isEmailRegistered(
	db: Kysely<Database>,
	meetingId: string,
	emailNormalized: string,
	exceptId?: string
): Promise<boolean> {
	let query = db
		.selectFrom('registrations')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where('email_normalized', '=', emailNormalized);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

/** The normalized emails already registered for a meeting (for the CSV invitation report). */
export async function listRegisteredEmails(db: Kysely<Database>, meetingId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('registrations')
		.select('email_normalized')
		.where('meeting_id', '=', meetingId)
		.execute();
	return new Set(rows.map((row) => row.email_normalized));
}

export async function countByStatus(
	db: Kysely<Database>,
	meetingId: string
): Promise<Record<RegistrationStatus, number>> {
	const rows = await db
		.selectFrom('registrations')
		.select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
		.where('meeting_id', '=', meetingId)
		.groupBy('status')
		.execute();
	const counts = Object.fromEntries(registrationStatuses.map((status) => [status, 0])) as Record<
		RegistrationStatus,
		number
	>;
	for (const row of rows)
		if (row.status in counts) counts[row.status as RegistrationStatus] = Number(row.count);
	return counts;
}

export interface PersonData {
	name: string;
	organization: string | null;
	municipality: string | null;
	ags: string | null;
	jobRole: string | null;
	email: string;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
}

/** Saves who it is, the consents and attendance. Call in a transaction with the status change. */
export async function updatePersonOfRegistration(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	person: PersonData & { hasAttended: boolean },
	emailNormalized: string
): Promise<void> {
	await db
		.updateTable('people')
		.set({
			name: person.name,
			organization: person.organization,
			municipality: person.municipality,
			ags: person.ags,
			job_role: person.jobRole,
			email: person.email,
			consent_participant_list: toBoolInt(person.consentParticipantList),
			consent_share_email: toBoolInt(person.consentShareEmail),
			has_attended: toBoolInt(person.hasAttended)
		})
		.where('id', '=', registration.personId)
		.execute();
	await db
		.updateTable('registrations')
		.set({ email_normalized: emailNormalized })
		.where('id', '=', registration.id)
		.execute();
}

/** Marks the given registrations' people as attended (true) or not (false). */
export async function setAttended(
	db: Kysely<Database>,
	meetingId: string,
	registrationIds: string[],
	hasAttended: boolean
): Promise<number> {
	if (registrationIds.length === 0) return 0;
	const result = await db
		.updateTable('people')
		.set({ has_attended: toBoolInt(hasAttended) })
		.where('meeting_id', '=', meetingId)
		.where('id', 'in', (eb) =>
			eb
				.selectFrom('registrations')
				.select('person_id')
				.where('meeting_id', '=', meetingId)
				.where('id', 'in', registrationIds)
		)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function isPersonKeyTaken(
	db: Kysely<Database>,
	meetingId: string,
	personKey: string
): Promise<boolean> {
	const row = await db
		.selectFrom('people')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where('person_key', '=', personKey)
		.executeTakeFirst();
	return row !== undefined;
}

// ---- Meeting settings for registration ----

export interface RegistrationSettings {
	capacity: number | null;
	isRegistrationOpen: boolean;
	remindDayBefore: boolean;
	remindHourBefore: boolean;
}

export async function findRegistrationSettings(
	db: Kysely<Database>,
	meetingId: string
): Promise<RegistrationSettings> {
	const row = await db
		.selectFrom('meetings')
		.select(['capacity', 'is_registration_open', 'remind_day_before', 'remind_hour_before'])
		.where('id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return {
		capacity: row.capacity,
		isRegistrationOpen: fromBoolInt(row.is_registration_open),
		remindDayBefore: fromBoolInt(row.remind_day_before),
		remindHourBefore: fromBoolInt(row.remind_hour_before)
	};
}

export async function updateRegistrationSettings(
	db: Kysely<Database>,
	meetingId: string,
	settings: RegistrationSettings,
	now: string
): Promise<void> {
	await db
		.updateTable('meetings')
		.set({
			capacity: settings.capacity,
			is_registration_open: toBoolInt(settings.isRegistrationOpen),
			remind_day_before: toBoolInt(settings.remindDayBefore),
			remind_hour_before: toBoolInt(settings.remindHourBefore),
			updated_at: now
		})
		.where('id', '=', meetingId)
		.execute();
}

// ---- Retention ----

/** Meetings that still hold registrations with personal data, with their series' retention period. */
export async function listMeetingsWithPersonalData(
	db: Kysely<Database>
): Promise<{ meetingId: string; date: string; retentionMonths: number }[]> {
	const rows = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select(['meetings.id', 'meetings.date', 'series.retention_months'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('registrations')
					.select('registrations.id')
					.whereRef('registrations.meeting_id', '=', 'meetings.id')
					.where('registrations.anonymized_at', 'is', null)
			)
		)
		.execute();
	return rows.map((row) => ({ meetingId: row.id, date: row.date, retentionMonths: row.retention_months }));
}

export async function listUnanonymized(
	db: Kysely<Database>,
	meetingId: string
): Promise<{ id: string; personId: string }[]> {
	const rows = await db
		.selectFrom('registrations')
		.select(['id', 'person_id'])
		.where('meeting_id', '=', meetingId)
		.where('anonymized_at', 'is', null)
		.execute();
	return rows.map((row) => ({ id: row.id, personId: row.person_id }));
}

/** Overwrites one registration's personal data; status, attendance and the row itself stay (counts). */
export async function anonymizeRegistration(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	placeholder: { name: string; emailNormalized: string; now: string }
): Promise<void> {
	await db
		.updateTable('people')
		.set({
			name: placeholder.name,
			organization: null,
			municipality: null,
			ags: null,
			job_role: null,
			email: null,
			consent_participant_list: 0,
			consent_share_email: 0,
			user_id: null
		})
		.where('id', '=', registration.personId)
		.execute();
	await db
		.updateTable('registrations')
		.set({
			email_normalized: placeholder.emailNormalized,
			anonymized_at: placeholder.now,
			confirm_token_hash: null,
			confirm_expires_at: null,
			// Proposed details are personal data too.
			pending_changes: null,
			change_token_hash: null,
			change_expires_at: null
		})
		.where('id', '=', registration.id)
		.execute();
}
