import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';

/**
 * Registrations (the workflow row) with their person (who, consents, status): SQL only.
 * A registration is one `people` row plus one `registrations` row; `people.status` always equals
 * `registrations.status` and `people.is_registered` is 1 exactly when confirmed. The functions
 * that change a status change both rows; callers run them inside a transaction.
 */

/** What registration needs to know of a meeting and its series. */
export interface RegistrationMeeting {
	meetingId: string;
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	venueMode: string;
	venuePlatform: string | null;
	venueUrl: string | null;
	venueAddress: string | null;
	topicTitle: string | null;
	capacity: number | null;
	isRegistrationOpen: boolean;
	remindDayBefore: boolean;
	remindHourBefore: boolean;
	isMeetingPublished: boolean;
	createdAt: string;
	updatedAt: string;
	seriesId: string;
	seriesSlug: string;
	seriesTitle: string;
	seriesLanguage: string;
	meetingNoun: string;
	organizationId: string;
	organizerName: string;
	organizerEmail: string | null;
	privacyNotice: string | null;
	isSeriesPublished: boolean;
}

function meetingQuery(db: Kysely<Database>) {
	return db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id as meetingId',
			'meetings.number',
			'meetings.date',
			'meetings.start_time',
			'meetings.end_time',
			'meetings.time_zone',
			'meetings.venue_mode',
			'meetings.venue_platform',
			'meetings.venue_url',
			'meetings.venue_address',
			'meetings.topic_title',
			'meetings.capacity',
			'meetings.is_registration_open',
			'meetings.remind_day_before',
			'meetings.remind_hour_before',
			'meetings.published_at as meetingPublishedAt',
			'meetings.created_at',
			'meetings.updated_at',
			'series.id as seriesId',
			'series.slug',
			'series.title as seriesTitle',
			'series.language',
			'series.meeting_noun',
			'series.organization_id',
			'series.organizer_name',
			'series.organizer_email',
			'series.privacy_notice',
			'series.published_at as seriesPublishedAt'
		]);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

function toMeeting(row: MeetingRow): RegistrationMeeting {
	return {
		meetingId: row.meetingId,
		number: row.number,
		date: row.date,
		start: row.start_time,
		end: row.end_time,
		timeZone: row.time_zone,
		venueMode: row.venue_mode,
		venuePlatform: row.venue_platform,
		venueUrl: row.venue_url,
		venueAddress: row.venue_address,
		topicTitle: row.topic_title,
		capacity: row.capacity,
		isRegistrationOpen: fromBoolInt(row.is_registration_open),
		remindDayBefore: fromBoolInt(row.remind_day_before),
		remindHourBefore: fromBoolInt(row.remind_hour_before),
		isMeetingPublished: row.meetingPublishedAt !== null,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		seriesId: row.seriesId,
		seriesSlug: row.slug,
		seriesTitle: row.seriesTitle,
		seriesLanguage: row.language,
		meetingNoun: row.meeting_noun,
		organizationId: row.organization_id,
		organizerName: row.organizer_name,
		organizerEmail: row.organizer_email,
		privacyNotice: row.privacy_notice,
		isSeriesPublished: row.seriesPublishedAt !== null
	};
}

export async function findRegistrationMeeting(
	db: Kysely<Database>,
	seriesSlug: string,
	number: number
): Promise<RegistrationMeeting | undefined> {
	const row = await meetingQuery(db)
		.where('series.slug', '=', seriesSlug)
		.where('meetings.number', '=', number)
		.executeTakeFirst();
	return row && toMeeting(row);
}

export async function findRegistrationMeetingById(
	db: Kysely<Database>,
	meetingId: string
): Promise<RegistrationMeeting | undefined> {
	const row = await meetingQuery(db).where('meetings.id', '=', meetingId).executeTakeFirst();
	return row && toMeeting(row);
}

/** Published meetings of a published series, for its calendar feed, in date order. */
export async function listPublishedMeetingsOfSeries(
	db: Kysely<Database>,
	seriesSlug: string
): Promise<RegistrationMeeting[]> {
	const rows = await meetingQuery(db)
		.where('series.slug', '=', seriesSlug)
		.where('meetings.published_at', 'is not', null)
		.where('series.published_at', 'is not', null)
		.orderBy('meetings.date')
		.orderBy('meetings.number')
		.execute();
	return rows.map(toMeeting);
}

/** Meetings on the given dates (ISO `YYYY-MM-DD`), for the reminder job. */
export async function listMeetingsOnDates(
	db: Kysely<Database>,
	dates: readonly string[]
): Promise<RegistrationMeeting[]> {
	if (!dates.length) return [];
	const rows = await meetingQuery(db)
		.where('meetings.date', 'in', [...dates])
		.execute();
	return rows.map(toMeeting);
}

/** A registration with its person: everything the participant's side shows or mails. */
export interface RegistrationRecord {
	id: string;
	meetingId: string;
	personId: string;
	emailNormalized: string;
	status: string;
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

function registrationQuery(db: Kysely<Database>) {
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

type RegistrationRow = Awaited<ReturnType<ReturnType<typeof registrationQuery>['executeTakeFirstOrThrow']>>;

function toRegistration(row: RegistrationRow): RegistrationRecord {
	return {
		id: row.id,
		meetingId: row.meeting_id,
		personId: row.person_id,
		emailNormalized: row.email_normalized,
		status: row.status,
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
): Promise<RegistrationRecord | undefined> {
	const row = await registrationQuery(db).where('registrations.id', '=', id).executeTakeFirst();
	return row && toRegistration(row);
}

export async function findRegistrationByEmail(
	db: Kysely<Database>,
	meetingId: string,
	emailNormalized: string
): Promise<RegistrationRecord | undefined> {
	const row = await registrationQuery(db)
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.email_normalized', '=', emailNormalized)
		.executeTakeFirst();
	return row && toRegistration(row);
}

export async function findRegistrationByConfirmHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationRecord | undefined> {
	const row = await registrationQuery(db)
		.where('registrations.confirm_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistration(row);
}

export async function findRegistrationByChangeHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationRecord | undefined> {
	const row = await registrationQuery(db)
		.where('registrations.change_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistration(row);
}

export async function findRegistrationByManageHash(
	db: Kysely<Database>,
	tokenHash: string
): Promise<RegistrationRecord | undefined> {
	const row = await registrationQuery(db)
		.where('registrations.manage_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toRegistration(row);
}

/** All registrations under one email address (every meeting), newest meeting first is up to the caller. */
export async function listRegistrationsByEmail(
	db: Kysely<Database>,
	emailNormalized: string
): Promise<RegistrationRecord[]> {
	const rows = await registrationQuery(db)
		.where('registrations.email_normalized', '=', emailNormalized)
		.orderBy('registrations.created_at')
		.execute();
	return rows.map(toRegistration);
}

export async function countConfirmed(db: Kysely<Database>, meetingId: string): Promise<number> {
	const row = await db
		.selectFrom('registrations')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where('meeting_id', '=', meetingId)
		.where('status', '=', 'confirmed')
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** The waiting list of a meeting, longest-waiting first. */
export async function listWaiting(db: Kysely<Database>, meetingId: string): Promise<RegistrationRecord[]> {
	const rows = await registrationQuery(db)
		.where('registrations.meeting_id', '=', meetingId)
		.where('registrations.status', '=', 'waiting')
		.orderBy('registrations.waiting_since')
		.orderBy('registrations.created_at')
		.execute();
	return rows.map(toRegistration);
}

export interface NewRegistration {
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
	status: string;
	source: string;
	locale: string;
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
	const isConfirmed = entry.status === 'confirmed';
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
			confirmed_at: isConfirmed ? entry.createdAt : null,
			cancelled_at: null,
			waiting_since: entry.status === 'waiting' ? entry.createdAt : null,
			reminded_day_at: null,
			reminded_hour_at: null,
			anonymized_at: null
		})
		.execute();
}

/**
 * Sets a registration's status on both rows, with the timestamp that belongs to it. Leaving the
 * pending state also spends the confirmation link. Returns false when the registration was not
 * in one of `fromStatuses` any more (someone else changed it first).
 */
export async function setStatus(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	status: 'invited' | 'pending' | 'confirmed' | 'waiting' | 'cancelled',
	at: string,
	fromStatuses: readonly string[]
): Promise<boolean> {
	const stamps =
		status === 'confirmed'
			? { confirmed_at: at, cancelled_at: null }
			: status === 'waiting'
				? { waiting_since: at, cancelled_at: null }
				: status === 'cancelled'
					? { cancelled_at: at }
					: { cancelled_at: null };
	const keepsConfirmLink = status === 'pending' || status === 'invited';
	const result = await db
		.updateTable('registrations')
		.set({
			status,
			...stamps,
			...(keepsConfirmLink ? {} : { confirm_token_hash: null, confirm_expires_at: null }),
			// A cancelled registration forgets changes someone proposed for it.
			...(status === 'cancelled'
				? { pending_changes: null, change_token_hash: null, change_expires_at: null }
				: {})
		})
		.where('id', '=', registration.id)
		.where('status', 'in', [...fromStatuses])
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await db
		.updateTable('people')
		.set({ status, is_registered: toBoolInt(status === 'confirmed') })
		.where('id', '=', registration.personId)
		.execute();
	return true;
}

/** A cancelled registration registers again: new links, new details, pending once more. */
export async function reopenRegistration(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	entry: {
		name: string;
		organization: string | null;
		municipality: string | null;
		ags: string | null;
		jobRole: string | null;
		email: string;
		consentParticipantList: boolean;
		consentShareEmail: boolean;
		status: string;
		source: string;
		locale: string;
		confirmTokenHash: string | null;
		confirmExpiresAt: string | null;
		manageTokenHash: string;
		at: string;
	}
): Promise<void> {
	const isConfirmed = entry.status === 'confirmed';
	await db
		.updateTable('registrations')
		.set({
			status: entry.status,
			source: entry.source,
			locale: entry.locale,
			confirm_token_hash: entry.confirmTokenHash,
			confirm_expires_at: entry.confirmExpiresAt,
			manage_token_hash: entry.manageTokenHash,
			created_at: entry.at,
			confirmed_at: isConfirmed ? entry.at : null,
			cancelled_at: null,
			waiting_since: entry.status === 'waiting' ? entry.at : null,
			reminded_day_at: null,
			reminded_hour_at: null
		})
		.where('id', '=', registration.id)
		.execute();
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
}

/**
 * Stores proposed details and consents with the link that confirms them, replacing an earlier
 * proposal. The person's stored data stays as it is.
 */
export async function proposeChanges(
	db: Kysely<Database>,
	registrationId: string,
	proposal: { pendingChanges: string; changeTokenHash: string; changeExpiresAt: string }
): Promise<void> {
	await db
		.updateTable('registrations')
		.set({
			pending_changes: proposal.pendingChanges,
			change_token_hash: proposal.changeTokenHash,
			change_expires_at: proposal.changeExpiresAt
		})
		.where('id', '=', registrationId)
		.execute();
}

/**
 * Applies confirmed changes to the person and spends the change link. Returns false when the link
 * was spent already (two clicks at once: only one applies). Run in a transaction.
 */
export async function applyProposedChanges(
	db: Kysely<Database>,
	registration: { id: string; personId: string },
	changeTokenHash: string,
	changes: {
		name: string;
		organization: string | null;
		municipality: string | null;
		ags: string | null;
		jobRole: string | null;
		email: string;
		consentParticipantList: boolean;
		consentShareEmail: boolean;
		locale: string;
	}
): Promise<boolean> {
	const result = await db
		.updateTable('registrations')
		.set({ pending_changes: null, change_token_hash: null, change_expires_at: null, locale: changes.locale })
		.where('id', '=', registration.id)
		.where('change_token_hash', '=', changeTokenHash)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) === 0) return false;
	await db
		.updateTable('people')
		.set({
			name: changes.name,
			organization: changes.organization,
			municipality: changes.municipality,
			ags: changes.ags,
			job_role: changes.jobRole,
			email: changes.email,
			consent_participant_list: toBoolInt(changes.consentParticipantList),
			consent_share_email: toBoolInt(changes.consentShareEmail)
		})
		.where('id', '=', registration.personId)
		.execute();
	return true;
}

/** A registration that comes back from cancelled starts its reminders afresh. */
export async function clearReminders(db: Kysely<Database>, registrationId: string): Promise<void> {
	await db
		.updateTable('registrations')
		.set({ reminded_day_at: null, reminded_hour_at: null })
		.where('id', '=', registrationId)
		.execute();
}

export async function updateConsents(
	db: Kysely<Database>,
	personId: string,
	consents: { participantList: boolean; shareEmail: boolean }
): Promise<void> {
	await db
		.updateTable('people')
		.set({
			consent_participant_list: toBoolInt(consents.participantList),
			consent_share_email: toBoolInt(consents.shareEmail)
		})
		.where('id', '=', personId)
		.execute();
}

/**
 * Removes a registration and its person for good. Rows that point at the person (breakout
 * membership, speaker slots) go with it by the foreign keys' cascades; board cards keep their
 * text without an author.
 */
export async function deleteRegistrationAndPerson(
	db: Kysely<Database>,
	registration: { id: string; personId: string }
): Promise<void> {
	await db.deleteFrom('registrations').where('id', '=', registration.id).execute();
	await db.deleteFrom('people').where('id', '=', registration.personId).execute();
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
					.where('status', '=', 'confirmed')
					.executeTakeFirst()
			: await db
					.updateTable('registrations')
					.set({ reminded_hour_at: at })
					.where('id', '=', registrationId)
					.where('reminded_hour_at', 'is', null)
					.where('status', '=', 'confirmed')
					.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Confirmed registrations of the meetings whose reminder of that kind has not gone out yet. */
export async function listUnremindedConfirmed(
	db: Kysely<Database>,
	meetingIds: readonly string[],
	kind: 'day' | 'hour'
): Promise<RegistrationRecord[]> {
	if (!meetingIds.length) return [];
	const column = kind === 'day' ? 'registrations.reminded_day_at' : 'registrations.reminded_hour_at';
	const rows = await registrationQuery(db)
		.where('registrations.meeting_id', 'in', [...meetingIds])
		.where('registrations.status', '=', 'confirmed')
		.where(column, 'is', null)
		.execute();
	return rows.map(toRegistration);
}

/* ---- magic links ---- */

export async function insertMagicLink(
	db: Kysely<Database>,
	link: { id: string; email: string; tokenHash: string; createdAt: string; expiresAt: string }
): Promise<void> {
	await db
		.insertInto('magic_links')
		.values({
			id: link.id,
			email: link.email,
			token_hash: link.tokenHash,
			created_at: link.createdAt,
			expires_at: link.expiresAt,
			used_at: null
		})
		.execute();
}

/**
 * Spends a sign-in link: the update succeeds for one caller only, and only while the link is
 * unused and unexpired. Returns the email, or why it failed.
 */
export async function consumeMagicLink(
	db: Kysely<Database>,
	tokenHash: string,
	now: string
): Promise<{ email: string } | { failure: 'unknown' | 'used' | 'expired' }> {
	const result = await db
		.updateTable('magic_links')
		.set({ used_at: now })
		.where('token_hash', '=', tokenHash)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	const row = await db
		.selectFrom('magic_links')
		.select(['email', 'used_at', 'expires_at'])
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst();
	if (!row) return { failure: 'unknown' };
	if (Number(result.numUpdatedRows) === 1) return { email: row.email };
	return { failure: row.used_at !== null ? 'used' : 'expired' };
}

/** Old links are of no use; they go when new ones are made. */
export async function deleteExpiredMagicLinks(db: Kysely<Database>, before: string): Promise<void> {
	await db.deleteFrom('magic_links').where('expires_at', '<', before).execute();
}

/* ---- mail log (the organizers' outbox view) ---- */

export interface MailLogEntry {
	id: string;
	meetingId: string | null;
	kind: string;
	recipient: string;
	subject: string;
	transport: string;
	fileName: string | null;
	createdAt: string;
}

/** Newest first; `organizationIds` limits to mails of meetings of those organizations ('all': every mail). */
export async function listMailLog(
	db: Kysely<Database>,
	organizationIds: readonly string[] | 'all',
	limit = 200
): Promise<MailLogEntry[]> {
	let query = db
		.selectFrom('mail_log')
		.leftJoin('meetings', 'meetings.id', 'mail_log.meeting_id')
		.leftJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'mail_log.id',
			'mail_log.meeting_id',
			'mail_log.kind',
			'mail_log.recipient',
			'mail_log.subject',
			'mail_log.transport',
			'mail_log.file_name',
			'mail_log.created_at'
		])
		.orderBy('mail_log.created_at', 'desc')
		.orderBy('mail_log.id')
		.limit(limit);
	if (organizationIds !== 'all') {
		if (!organizationIds.length) return [];
		query = query.where('series.organization_id', 'in', [...organizationIds]);
	}
	const rows = await query.execute();
	return rows.map((row) => ({
		id: row.id,
		meetingId: row.meeting_id,
		kind: row.kind,
		recipient: row.recipient,
		subject: row.subject,
		transport: row.transport,
		fileName: row.file_name,
		createdAt: row.created_at
	}));
}

export async function findMailLogEntry(
	db: Kysely<Database>,
	id: string
): Promise<(MailLogEntry & { organizationId: string | null }) | undefined> {
	const row = await db
		.selectFrom('mail_log')
		.leftJoin('meetings', 'meetings.id', 'mail_log.meeting_id')
		.leftJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'mail_log.id',
			'mail_log.meeting_id',
			'mail_log.kind',
			'mail_log.recipient',
			'mail_log.subject',
			'mail_log.transport',
			'mail_log.file_name',
			'mail_log.created_at',
			'series.organization_id'
		])
		.where('mail_log.id', '=', id)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			meetingId: row.meeting_id,
			kind: row.kind,
			recipient: row.recipient,
			subject: row.subject,
			transport: row.transport,
			fileName: row.file_name,
			createdAt: row.created_at,
			organizationId: row.organization_id
		}
	);
}

/** A new manage link replaces the old one (mails carry the newest; only its hash is stored). */
export async function setManageTokenHash(
	db: Kysely<Database>,
	registrationId: string,
	manageTokenHash: string
): Promise<void> {
	await db
		.updateTable('registrations')
		.set({ manage_token_hash: manageTokenHash })
		.where('id', '=', registrationId)
		.execute();
}

export async function seriesIsPublished(db: Kysely<Database>, seriesSlug: string): Promise<boolean> {
	const row = await db
		.selectFrom('series')
		.select('published_at')
		.where('slug', '=', seriesSlug)
		.executeTakeFirst();
	return row !== undefined && row.published_at !== null;
}
