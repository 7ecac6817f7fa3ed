import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { z } from 'zod';
import { formatLongDate } from '../../domain/documentation/title';
import { normalizeEmail } from '../../domain/email';
import { problem, validationFailed } from '../../domain/errors';
import { formatMeetingTitle, formatTimeRange } from '../../domain/meeting-display';
import type { Actor } from '../../domain/policy';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import { parseOrThrow, zodProblems } from '../../domain/zod-problems';
import { isLocale, translate, type Locale, type Message, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { invitationMail, registrationPagePath } from '../mail/invitation';
import { sendAndLog } from '../mail/mailer';
import * as repo from '../repositories/registrations-admin';
import { requireManagedMeeting, type ManagedMeeting } from './meetings';
import { addWithoutMail, type AddedPerson } from './registrations-add';
import { email, emailTaken, type MailContext, type UploadedText } from './registrations-admin';
import { optionalText } from './series';

/**
 * Invitations by organizers: one address or a CSV list. An invited person gets a registration
 * with status `invited` (through the participant side's registerInTransaction, like every
 * registration) and a mail with the link to the public registration page. An address already
 * registered for the meeting (in any status) is not invited again.
 */

/** Invited without a confirmation link: the person registers themselves on the public page. */
const INVITED = { kind: 'decided', status: REGISTRATION_STATUS.invited } as const;

export const MAX_INVITATION_CSV_BYTES = 1024 * 1024;
export const MAX_INVITATION_ROWS = 2000;

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
}): AddedPerson {
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
			await addWithoutMail(trx, managed, invitedPerson(data), INVITED, 'invitation', now.toISOString());
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
			await addWithoutMail(trx, managed, invitedPerson(row), INVITED, 'invitation', now.toISOString());
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
