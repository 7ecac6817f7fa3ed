import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { z } from 'zod';
import {
	matchAttendance,
	MAX_REPORT_BYTES,
	parseAttendanceReport,
	type ReportPerson
} from '../../domain/attendance';
import { buildParticipants } from '../../domain/documentation/model';
import { formatLongDate } from '../../domain/documentation/title';
import {
	conflict,
	forbidden,
	notFound,
	problem,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { formatMeetingTitle, formatTimeRange } from '../../domain/meeting-display';
import { canManageInstallation, canManageOrganizationContent, type Actor } from '../../domain/policy';
import { parseOrThrow, zodProblems } from '../../domain/zod-problems';
import { isLocale, translate, type Locale, type Message, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { toCsv, toXlsx, type ExportTable } from '../exports/table-files';
import { invitationMail, registrationPagePath } from '../mail/invitation';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { readMeetingDocument } from '../repositories/meeting-document';
import * as repo from '../repositories/registrations-admin';
import { requireManagedMeeting, type ManagedMeeting } from './meetings';
import { cancelRegistration, moveUpWaitingList } from './registration';
import { optionalText, requiredText } from './series';
import { slugify } from '../../domain/slug';

/**
 * The organizer's side of registration: the list with search and filters, adding and editing by
 * hand, invitations (one address or a CSV list), attendance (by hand or from the video
 * platform's report), exports (internal with an audit entry, publishable by consent) and the
 * meeting's registration settings. Every use case starts with requireManagedMeeting, which
 * checks the actor against the meeting's organization (domain/policy.ts).
 */

export const MAX_INVITATION_CSV_BYTES = 1024 * 1024;
export const MAX_INVITATION_ROWS = 2000;

const statuses = ['invited', 'pending', 'confirmed', 'waiting', 'cancelled'] as const;

/** Emails are compared trimmed and in lower case (the unique key per meeting). */
export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

const checkbox = z.boolean().optional().default(false);
const email = z.string().trim().max(300).pipe(z.email());
const consent = z
	.strictObject({ participantList: checkbox, shareEmail: checkbox })
	.optional()
	.default({ participantList: false, shareEmail: false });

// ---- Schemas: one per use case ----

/** The list's GET form; an unknown filter value is ignored rather than refused (it is a link). */
export const ListRegistrations = z.object({
	q: z.string().trim().max(200).optional().catch(undefined),
	status: z.enum(statuses).optional().catch(undefined),
	attended: z.enum(['yes', 'no']).optional().catch(undefined)
});
export type ListRegistrations = z.infer<typeof ListRegistrations>;

const personFields = {
	name: requiredText(200),
	email,
	organization: optionalText(300),
	municipality: optionalText(200),
	role: optionalText(200),
	consent
};

export const AddRegistration = z.strictObject({
	...personFields,
	/** Confirmed: the organizer registers someone; invited: the person is to register themselves. */
	status: z.enum(['confirmed', 'invited']).optional().default('confirmed')
});
export type AddRegistration = z.infer<typeof AddRegistration>;

export const UpdateRegistration = z.strictObject({
	...personFields,
	status: z.enum(statuses),
	attended: checkbox
});
export type UpdateRegistration = z.infer<typeof UpdateRegistration>;

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

export const InviteOne = z.strictObject({
	email,
	name: optionalText(200),
	organization: optionalText(300)
});
export type InviteOne = z.infer<typeof InviteOne>;

/** One row of an invitation CSV, after its header names were mapped. */
export const InvitationRow = z.object({
	email,
	name: optionalText(200),
	organization: optionalText(300)
});

export const SaveAttendance = z.strictObject({
	/** The registrations that were on the page (a filtered list changes only those). */
	shown: z.array(z.uuid()).max(10_000),
	attended: z.array(z.uuid()).max(10_000)
});
export type SaveAttendance = z.infer<typeof SaveAttendance>;

export const MatchAttendance = z.strictObject({ registrationIds: z.array(z.uuid()).max(10_000) });

export const ExportParticipants = z.strictObject({
	kind: z.enum(['internal', 'publishable']),
	format: z.enum(['csv', 'xlsx'])
});
export type ExportParticipants = z.infer<typeof ExportParticipants>;

/** An uploaded file as the route hands it over: its size is checked before its text is read. */
export interface UploadedText {
	size: number;
	text: () => Promise<string>;
}

/** What the use cases that send mail need: the mailer and the app's public address for links. */
export interface MailContext {
	mailer: Mailer;
	origin: string;
	/** MAIL_FROM, for calendar invitations sent by the participant side. */
	mailFrom?: string;
}

function mailOptions(context: MailContext, now: Date) {
	return { publicOrigin: context.origin, mailFrom: context.mailFrom, now };
}

// ---- Views ----

export interface RegistrationView {
	id: string;
	name: string;
	organization: string | null;
	municipality: string | null;
	role: string | null;
	email: string | null;
	status: repo.RegistrationStatus;
	source: string;
	attended: boolean;
	consent: { participantList: boolean; shareEmail: boolean };
	createdAt: string;
	confirmedAt: string | null;
	isAnonymized: boolean;
}

function toView(record: repo.RegistrationRecord): RegistrationView {
	return {
		id: record.id,
		name: record.name,
		organization: record.organization,
		municipality: record.municipality,
		role: record.jobRole,
		email: record.email,
		status: record.status,
		source: record.source,
		attended: record.hasAttended,
		consent: { participantList: record.consentParticipantList, shareEmail: record.consentShareEmail },
		createdAt: record.createdAt,
		confirmedAt: record.confirmedAt,
		isAnonymized: record.anonymizedAt !== null
	};
}

export interface MeetingContext {
	seriesId: string;
	seriesTitle: string;
	number: number;
	title: string;
}

function contextOf({ series, meeting }: ManagedMeeting): MeetingContext {
	return {
		seriesId: series.slug,
		seriesTitle: series.title,
		number: meeting.number,
		title: formatMeetingTitle(meeting.number, series.meetingNoun)
	};
}

// ---- The list ----

/** The meeting as the registration pages name it, for its managers. */
export async function getRegistrationMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<MeetingContext> {
	return contextOf(await requireManagedMeeting(db, actor, slug, number));
}

export async function listRegistrationsOfMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<{
	meeting: MeetingContext;
	filter: ListRegistrations;
	registrations: RegistrationView[];
	counts: Record<repo.RegistrationStatus, number>;
	total: number;
	settings: repo.RegistrationSettings;
}> {
	const managed = await requireManagedMeeting(db, actor, slug, number);
	const filter = parseOrThrow(ListRegistrations, input);
	const meetingId = managed.meeting.id;
	const [registrations, counts, settings] = await Promise.all([
		repo.listRegistrations(db, meetingId, {
			query: filter.q || undefined,
			status: filter.status,
			attended: filter.attended === undefined ? undefined : filter.attended === 'yes'
		}),
		repo.countByStatus(db, meetingId),
		repo.findRegistrationSettings(db, meetingId)
	]);
	const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
	return {
		meeting: contextOf(managed),
		filter,
		registrations: registrations.map(toView),
		counts,
		total,
		settings
	};
}

export async function getRegistration(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	id: string
): Promise<{ meeting: MeetingContext; registration: RegistrationView }> {
	const managed = await requireManagedMeeting(db, actor, slug, number);
	const record = z.uuid().safeParse(id).success
		? await repo.findRegistration(db, managed.meeting.id, id)
		: undefined;
	if (!record) throw notFound('registrationsAdmin.notFound');
	return { meeting: contextOf(managed), registration: toView(record) };
}

// ---- Adding and editing by hand ----

function emailTaken(address: string) {
	return conflict('registrationsAdmin.emailTaken', { email: address }, [
		problem('/email', 'registrationsAdmin.emailTaken', { email: address })
	]);
}

/** A person key for the exchange format: from the name, made unique within the meeting. */
async function freePersonKey(db: Kysely<Database>, meetingId: string, name: string): Promise<string> {
	const base = (slugify(name) || 'person').slice(0, 70);
	for (let attempt = 1; ; attempt++) {
		const key = attempt === 1 ? base : `${base}-${attempt}`;
		if (!(await repo.isPersonKeyTaken(db, meetingId, key))) return key;
	}
}

/** A manage token nobody knows: the participant's side issues a usable one when it mails the person. */
function unusedManageTokenHash(): string {
	return createHash('sha256').update(randomBytes(32)).digest('hex');
}

async function insertRegistration(
	db: Kysely<Database>,
	meetingId: string,
	locale: string,
	person: repo.PersonData,
	status: 'confirmed' | 'invited',
	source: 'organizer' | 'invitation',
	now: string
): Promise<string> {
	const id = randomUUID();
	await repo.insertRegistration(db, {
		id,
		personId: randomUUID(),
		personKey: await freePersonKey(db, meetingId, person.name),
		meetingId,
		person,
		emailNormalized: normalizeEmail(person.email),
		status,
		source,
		locale,
		manageTokenHash: unusedManageTokenHash(),
		now
	});
	return id;
}

export async function addRegistration(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<{ id: string }> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(AddRegistration, input);
	try {
		const id = await db.transaction().execute(async (trx) => {
			if (await repo.isEmailRegistered(trx, meeting.id, normalizeEmail(data.email)))
				throw emailTaken(data.email);
			return insertRegistration(
				trx,
				meeting.id,
				series.language,
				{
					name: data.name,
					organization: data.organization ?? null,
					municipality: data.municipality ?? null,
					jobRole: data.role ?? null,
					email: data.email,
					consentParticipantList: data.consent.participantList,
					consentShareEmail: data.consent.shareEmail
				},
				data.status,
				'organizer',
				now.toISOString()
			);
		});
		return { id };
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTaken(data.email);
		throw error;
	}
}

export async function updateRegistration(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	id: string,
	input: unknown,
	now = new Date()
): Promise<void> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(UpdateRegistration, input);
	let hasFreedPlace = false;
	try {
		await db.transaction().execute(async (trx) => {
			const record = await repo.findRegistration(trx, meeting.id, id);
			if (!record) throw notFound('registrationsAdmin.notFound');
			hasFreedPlace = record.status === 'confirmed' && data.status !== 'confirmed';
			if (await repo.isEmailRegistered(trx, meeting.id, normalizeEmail(data.email), id))
				throw emailTaken(data.email);
			await repo.updatePersonOfRegistration(
				trx,
				record,
				{
					name: data.name,
					organization: data.organization ?? null,
					municipality: data.municipality ?? null,
					jobRole: data.role ?? null,
					email: data.email,
					consentParticipantList: data.consent.participantList,
					consentShareEmail: data.consent.shareEmail,
					hasAttended: data.attended
				},
				normalizeEmail(data.email)
			);
			await repo.setStatus(trx, record, data.status, now.toISOString());
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTaken(data.email);
		throw error;
	}
	// A freed place goes to the waiting list, who are mailed (the participant side's rule).
	if (hasFreedPlace) await moveUpWaitingList(db, context.mailer, meeting.id, mailOptions(context, now));
}

/**
 * Cancels a registration for the participant, through the participant side's cancelRegistration:
 * the participant is told, and a freed place goes to the first on the waiting list.
 */
export async function cancelRegistrationByOrganizer(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	id: string,
	now = new Date()
): Promise<{ movedUp: string[] }> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const record = z.uuid().safeParse(id).success ? await repo.findRegistration(db, meeting.id, id) : undefined;
	if (!record) throw notFound('registrationsAdmin.notFound');
	const outcome = await cancelRegistration(
		db,
		context.mailer,
		{ registrationId: record.id, actor },
		mailOptions(context, now)
	);
	return { movedUp: outcome.movedUp };
}

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

// ---- Invitations ----

async function sendInvitations(
	db: Kysely<Database>,
	context: MailContext,
	managed: ManagedMeeting,
	recipients: { email: string; name: string | null }[]
): Promise<void> {
	const { series, meeting } = managed;
	const locale: Locale = isLocale(series.language) ? series.language : 'de';
	const when = translate(locale, 'registrationsAdmin.mail.when', {
		date: formatLongDate(meeting.date, locale),
		time: formatTimeRange(meeting.start, meeting.end, locale)
	});
	for (const recipient of recipients) {
		await sendAndLog(
			db,
			context.mailer,
			invitationMail({
				locale,
				recipientEmail: recipient.email,
				recipientName: recipient.name,
				seriesTitle: series.title,
				meetingTitle: formatMeetingTitle(meeting.number, series.meetingNoun),
				when,
				organizerName: series.organizerName,
				organizerEmail: series.organizerEmail,
				registrationUrl: `${context.origin}${registrationPagePath(series.slug, meeting.number)}`,
				meetingId: meeting.id
			})
		);
	}
}

function invitedPerson(row: {
	email: string;
	name?: string | null;
	organization?: string | null;
}): repo.PersonData {
	return {
		// Until the person registers themselves, their address stands for their name.
		name: row.name ?? row.email,
		organization: row.organization ?? null,
		municipality: null,
		jobRole: null,
		email: row.email,
		consentParticipantList: false,
		consentShareEmail: false
	};
}

/** Invites one address: a registration with status `invited`, and the mail with the link. */
export async function inviteOne(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<void> {
	const managed = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(InviteOne, input);
	try {
		await db.transaction().execute(async (trx) => {
			if (await repo.isEmailRegistered(trx, managed.meeting.id, normalizeEmail(data.email)))
				throw emailTaken(data.email);
			await insertRegistration(
				trx,
				managed.meeting.id,
				managed.series.language,
				invitedPerson(data),
				'invited',
				'invitation',
				now.toISOString()
			);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTaken(data.email);
		throw error;
	}
	// Mail after the commit: a mail must not announce a registration that was rolled back.
	await sendInvitations(db, context, managed, [{ email: data.email, name: data.name ?? null }]);
}

export interface InvitationReport {
	invited: { line: number; email: string }[];
	skipped: { line: number; email: string }[];
	/** The first problem of each invalid line (a field of the row and what is wrong with it). */
	invalid: { line: number; field: string; message: Message }[];
}

const CSV_HEADERS: Record<'email' | 'name' | 'organization', string[]> = {
	email: ['e-mail', 'email', 'e-mail-adresse', 'email address', 'mail'],
	name: ['name'],
	organization: ['organisation', 'organization']
};

function fileProblem(key: MessageKey, params?: Record<string, string | number>) {
	return validationFailed([problem('file', key, params)]);
}

/** Reads the invitation CSV into rows with their line numbers; throws for a malformed file. */
function readInvitationCsv(text: string): { line: number; values: Record<string, string> }[] {
	const content = text.replace(/^\uFEFF/, '');
	if (content.trim() === '') throw fileProblem('registrationsAdmin.csvEmpty');
	if (content.includes('\u0000')) throw fileProblem('registrationsAdmin.csvMalformed', { line: 1 });
	const parsed = Papa.parse<string[]>(content, {
		skipEmptyLines: false,
		delimitersToGuess: [',', ';', '\t']
	});
	const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
	if (quoteError) throw fileProblem('registrationsAdmin.csvMalformed', { line: (quoteError.row ?? 0) + 1 });
	const [header = [], ...lines] = parsed.data;
	const normalized = header.map((cell) => cell.trim().toLowerCase());
	const columns = Object.fromEntries(
		Object.entries(CSV_HEADERS).map(([field, names]) => [
			field,
			normalized.findIndex((cell) => names.includes(cell))
		])
	) as Record<keyof typeof CSV_HEADERS, number>;
	if (columns.email < 0) throw fileProblem('registrationsAdmin.csvNoEmailColumn');
	const rows = lines
		.map((cells, index) => ({ line: index + 2, cells }))
		.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
	if (rows.length === 0) throw fileProblem('registrationsAdmin.csvNoRows');
	if (rows.length > MAX_INVITATION_ROWS)
		throw fileProblem('registrationsAdmin.csvTooManyRows', { maximum: MAX_INVITATION_ROWS });
	return rows.map(({ line, cells }) => ({
		line,
		values: Object.fromEntries(
			Object.entries(columns)
				.filter(([, index]) => index >= 0)
				.map(([field, index]) => [field, cells[index] ?? ''])
		)
	}));
}

/**
 * Invites a CSV list (columns E-Mail/email, Name, Organisation/organization). A malformed file
 * changes nothing; otherwise valid new addresses are invited in one transaction and the report
 * names the invited, the skipped (already registered, or twice in the file) and invalid lines.
 */
export async function inviteFromCsv(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	file: UploadedText | null,
	now = new Date()
): Promise<InvitationReport> {
	const managed = await requireManagedMeeting(db, actor, slug, number);
	if (!file || file.size === 0) throw fileProblem('registrationsAdmin.csvEmpty');
	if (file.size > MAX_INVITATION_CSV_BYTES)
		throw fileProblem('registrationsAdmin.csvTooLarge', { maximum: '1 MB' });
	const rows = readInvitationCsv(await file.text());

	const report: InvitationReport = { invited: [], skipped: [], invalid: [] };
	const toInvite: { line: number; row: z.infer<typeof InvitationRow> }[] = [];
	await db.transaction().execute(async (trx) => {
		const known = await repo.listRegisteredEmails(trx, managed.meeting.id);
		for (const { line, values } of rows) {
			const parsed = InvitationRow.safeParse(values, { reportInput: true });
			if (!parsed.success) {
				const [first] = zodProblems(parsed.error);
				report.invalid.push({
					line,
					field: first?.path.replace(/^\//, '') || 'email',
					message: first?.message ?? { key: 'validation.invalid' }
				});
				continue;
			}
			const normalized = normalizeEmail(parsed.data.email);
			if (known.has(normalized)) {
				report.skipped.push({ line, email: parsed.data.email });
				continue;
			}
			known.add(normalized);
			toInvite.push({ line, row: parsed.data });
		}
		for (const { line, row } of toInvite) {
			await insertRegistration(
				trx,
				managed.meeting.id,
				managed.series.language,
				invitedPerson(row),
				'invited',
				'invitation',
				now.toISOString()
			);
			report.invited.push({ line, email: row.email });
		}
	});
	await sendInvitations(
		db,
		context,
		managed,
		toInvite.map(({ row }) => ({ email: row.email, name: row.name ?? null }))
	);
	return report;
}

// ---- Attendance ----

export async function saveAttendance(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<void> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(SaveAttendance, input);
	const attended = new Set(data.attended);
	await db.transaction().execute(async (trx) => {
		await repo.setAttended(trx, meeting.id, [...attended], true);
		await repo.setAttended(
			trx,
			meeting.id,
			data.shown.filter((id) => !attended.has(id)),
			false
		);
	});
}

export interface AttendanceImportResult {
	matched: number;
	unmatched: ReportPerson[];
	/** The registrations to choose from for the unmatched rows. */
	options: { id: string; label: string }[];
}

/**
 * Imports the video platform's attendance report: the matched registrations are marked as
 * attended; the unmatched report people come back for matching by hand.
 */
export async function importAttendanceReport(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	file: UploadedText | null
): Promise<AttendanceImportResult> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	if (!file || file.size === 0) throw validationFailed([problem('report', 'registrationsAdmin.reportEmpty')]);
	if (file.size > MAX_REPORT_BYTES)
		throw validationFailed([problem('report', 'registrationsAdmin.reportTooLarge', { maximum: '2 MB' })]);
	const rows = parseAttendanceReport(await file.text());
	return db.transaction().execute(async (trx) => {
		const registrations = (await repo.listRegistrations(trx, meeting.id)).filter(
			(registration) => registration.anonymizedAt === null
		);
		const result = matchAttendance(
			rows,
			registrations.map((registration) => ({
				id: registration.id,
				name: registration.name,
				email: registration.email
			}))
		);
		await repo.setAttended(trx, meeting.id, result.matchedIds, true);
		return {
			matched: result.matchedIds.length,
			unmatched: result.unmatched,
			options: registrations.map((registration) => ({
				id: registration.id,
				label: registration.email ? `${registration.name} <${registration.email}>` : registration.name
			}))
		};
	});
}

/** The organizer's choices for unmatched report rows: those registrations attended. */
export async function markAttendedByHand(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<number> {
	const { meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(MatchAttendance, input);
	const ids = [...new Set(data.registrationIds)];
	return db.transaction().execute((trx) => repo.setAttended(trx, meeting.id, ids, true));
}

// ---- Exports ----

export interface ExportFile {
	fileName: string;
	contentType: string;
	body: Buffer;
}

function actorLabel(actor: Actor): string {
	if (actor.kind === 'user') return `${actor.displayName} <${actor.email}>`;
	return actor.kind;
}

function internalTable(locale: Locale, registrations: repo.RegistrationRecord[]): ExportTable {
	const t = (key: MessageKey) => translate(locale, key);
	const yesNo = (flag: boolean) => t(flag ? 'registrationsAdmin.yes' : 'registrationsAdmin.no');
	return {
		sheetName: t('registrationsAdmin.export.sheetInternal'),
		columns: [
			{ header: t('registrationsAdmin.column.name'), width: 28 },
			{ header: t('registrationsAdmin.column.organization'), width: 30 },
			{ header: t('registrationsAdmin.column.municipality'), width: 20 },
			{ header: t('registrationsAdmin.column.ags'), width: 11 },
			{ header: t('registrationsAdmin.column.role'), width: 22 },
			{ header: t('registrationsAdmin.column.email'), width: 30 },
			{ header: t('registrationsAdmin.column.status'), width: 20 },
			{ header: t('registrationsAdmin.column.attended'), width: 12 },
			{ header: t('registrationsAdmin.column.consentList'), width: 16 },
			{ header: t('registrationsAdmin.column.consentEmail'), width: 16 },
			{ header: t('registrationsAdmin.column.source'), width: 14 },
			{ header: t('registrationsAdmin.column.created'), width: 22 },
			{ header: t('registrationsAdmin.column.confirmed'), width: 22 },
			{ header: t('registrationsAdmin.column.cancelled'), width: 22 }
		],
		rows: registrations.map((registration) => [
			registration.name,
			registration.organization ?? '',
			registration.municipality ?? '',
			registration.ags ?? '',
			registration.jobRole ?? '',
			registration.email ?? '',
			t(`registrationsAdmin.status.${registration.status}`),
			yesNo(registration.hasAttended),
			yesNo(registration.consentParticipantList),
			yesNo(registration.consentShareEmail),
			registration.source,
			registration.createdAt,
			registration.confirmedAt ?? '',
			registration.cancelledAt ?? ''
		])
	};
}

function publishableTable(locale: Locale, rows: ReturnType<typeof buildParticipants>): ExportTable {
	const t = (key: MessageKey) => translate(locale, key);
	return {
		sheetName: t('registrationsAdmin.export.sheetPublishable'),
		columns: [
			{ header: t('registrationsAdmin.column.name'), width: 28 },
			{ header: t('registrationsAdmin.column.organization'), width: 30 },
			{ header: t('registrationsAdmin.column.municipality'), width: 20 },
			{ header: t('registrationsAdmin.column.email'), width: 30 }
		],
		rows: rows.map((row) => [row.name, row.organization, row.municipality, row.email])
	};
}

/**
 * The participant list as a file. Internal: every registration with every field (organizers
 * only, recorded in the audit log). Publishable: the documentation's rule, from the meeting's
 * exchange-format document (registered or attended, with list consent; email only with its own).
 */
export async function exportParticipantList(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	locale: Locale,
	now = new Date()
): Promise<ExportFile> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	const data = parseOrThrow(ExportParticipants, input);
	const table =
		data.kind === 'internal'
			? internalTable(locale, await repo.listRegistrations(db, meeting.id))
			: publishableTable(locale, buildParticipants(await readMeetingDocument(db, meeting.id)));
	await repo.insertAuditEntry(db, {
		id: randomUUID(),
		at: now.toISOString(),
		actorUserId: actor.kind === 'user' ? actor.userId : null,
		actorLabel: actorLabel(actor),
		action: 'participants.export',
		meetingId: meeting.id,
		details: { kind: data.kind, format: data.format, rows: table.rows.length }
	});
	const kindName = translate(locale, `registrationsAdmin.export.fileKind.${data.kind}`);
	const fileName = `${series.slug}-${meeting.number}-${kindName}.${data.format}`;
	return data.format === 'csv'
		? { fileName, contentType: 'text/csv; charset=utf-8', body: toCsv(table) }
		: {
				fileName,
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				body: await toXlsx(table)
			};
}

// ---- Audit log (admins) ----

export interface AuditView {
	at: string;
	actorLabel: string;
	action: string;
	meeting: { seriesId: string; number: number } | null;
	details: Record<string, unknown>;
}

export async function listAuditLog(db: Kysely<Database>, actor: Actor, limit = 500): Promise<AuditView[]> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canManageInstallation(actor)) throw forbidden();
	const entries = await repo.listAuditEntries(db, { limit });
	return entries.map((entry) => ({
		at: entry.at,
		actorLabel: entry.actorLabel,
		action: entry.action,
		meeting:
			entry.seriesSlug !== null && entry.meetingNumber !== null
				? { seriesId: entry.seriesSlug, number: entry.meetingNumber }
				: null,
		details: entry.details
	}));
}

/** For a meeting's organizers: who exported its lists. */
export async function listMeetingAuditLog(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<AuditView[]> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	if (!canManageOrganizationContent(actor, series.organizationId)) throw forbidden();
	const entries = await repo.listAuditEntries(db, { meetingId: meeting.id, limit: 50 });
	return entries.map((entry) => ({
		at: entry.at,
		actorLabel: entry.actorLabel,
		action: entry.action,
		meeting: { seriesId: series.slug, number: meeting.number },
		details: entry.details
	}));
}
