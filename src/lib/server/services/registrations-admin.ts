import type { Kysely } from 'kysely';
import { z } from 'zod';
import { normalizeEmail } from '../../domain/email';
import { conflict, notFound, problem } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import type { Actor } from '../../domain/policy';
import {
	REGISTRATION_STATUS,
	registrationStatuses,
	type RegistrationStatus
} from '../../domain/registration-rules';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { Mailer } from '../mail/mailer';
import { lockMeeting } from '../repositories/meeting-lookup';
import * as repo from '../repositories/registrations-admin';
import { requireMeeting } from './meeting-access';
import { recordsOf, type ManagedMeeting } from './meetings';
import { agsOf } from './registration';
import { addWithoutMail } from './registrations-add';
import { cancelRegistration, moveUpWaitingList, setStatusInTransaction } from './registration-status';
import { optionalText, requiredText } from './series';

/**
 * The organizer's side of registration: the list with search and filters, adding and editing by
 * hand, and the meeting's registration settings; invitations (invitations.ts), attendance
 * (attendance.ts), exports (participant-exports.ts) and the audit log (registrations-audit.ts)
 * have their own files. Adding, status changes and cancelling go through the participant side's
 * use cases (registration.ts, registration-status.ts); what organizers may do beyond (set a
 * status directly, add without a mail) are parameters there. Every use case starts with
 * requireMeeting(…, 'manage') (services/meeting-access.ts), which checks the actor against the
 * meeting's organization.
 */

export const checkbox = z.boolean().optional().default(false);
export const email = z.string().trim().max(300).pipe(z.email());
const consent = z
	.strictObject({ participantList: checkbox, shareEmail: checkbox })
	.optional()
	.default({ participantList: false, shareEmail: false });

// ---- Schemas: one per use case ----

/** The list's GET form; an unknown filter value is ignored rather than refused (it is a link). */
export const ListRegistrations = z.object({
	q: z.string().trim().max(200).optional().catch(undefined),
	status: z.enum(registrationStatuses).optional().catch(undefined),
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
	status: z
		.enum([REGISTRATION_STATUS.confirmed, REGISTRATION_STATUS.invited])
		.optional()
		.default(REGISTRATION_STATUS.confirmed)
});
export type AddRegistration = z.infer<typeof AddRegistration>;

export const UpdateRegistration = z.strictObject({
	...personFields,
	status: z.enum(registrationStatuses),
	attended: checkbox
});
export type UpdateRegistration = z.infer<typeof UpdateRegistration>;

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

export function mailOptions(context: MailContext, now: Date) {
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
	status: RegistrationStatus;
	source: string;
	attended: boolean;
	consent: { participantList: boolean; shareEmail: boolean };
	createdAt: string;
	confirmedAt: string | null;
	isAnonymized: boolean;
}

function toView(record: repo.RegistrationListRow): RegistrationView {
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

export function contextOf({ series, meeting }: ManagedMeeting): MeetingContext {
	return {
		seriesId: series.slug,
		seriesTitle: series.title,
		number: meeting.number,
		title: formatMeetingTitle(meeting.number, series.meetingNoun)
	};
}

/** The meeting for its managers: requireMeeting decides, then its series and meeting records. */
async function managedMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<ManagedMeeting> {
	return recordsOf(db, await requireMeeting(db, actor, { seriesId: slug, number }, 'manage'));
}

// ---- The list ----

/** The meeting as the registration pages name it, for its managers. */
export async function getRegistrationMeeting(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<MeetingContext> {
	return contextOf(await managedMeeting(db, actor, slug, number));
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
	counts: Record<RegistrationStatus, number>;
	total: number;
	settings: repo.RegistrationSettings;
}> {
	const managed = await managedMeeting(db, actor, slug, number);
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
	const managed = await managedMeeting(db, actor, slug, number);
	const record = z.uuid().safeParse(id).success
		? await repo.findRegistration(db, managed.meeting.id, id)
		: undefined;
	if (!record) throw notFound('registrationsAdmin.notFound');
	return { meeting: contextOf(managed), registration: toView(record) };
}

// ---- Adding and editing by hand ----

export function emailTaken(address: string) {
	return conflict('registrationsAdmin.emailTaken', { email: address }, [
		problem('/email', 'registrationsAdmin.emailTaken', { email: address })
	]);
}

/**
 * Adds a person by hand: confirmed (a place if one is free, else the waiting list, as on the
 * participant's side) or invited; no mail. An invited or cancelled registration of the same
 * email is reopened with these details; an active one is a duplicate.
 */
export async function addRegistration(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<{ id: string; status: RegistrationStatus }> {
	const managed = await managedMeeting(db, actor, slug, number);
	const data = parseOrThrow(AddRegistration, input);
	try {
		const added = await db.transaction().execute((trx) =>
			addWithoutMail(
				trx,
				managed,
				{
					name: data.name,
					organization: data.organization ?? null,
					municipality: data.municipality ?? null,
					jobRole: data.role ?? null,
					email: data.email,
					consentParticipantList: data.consent.participantList,
					consentShareEmail: data.consent.shareEmail
				},
				{ kind: 'decided', status: data.status },
				'organizer',
				now.toISOString()
			)
		);
		return { id: added.registrationId, status: added.status };
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTaken(data.email);
		throw error;
	}
}

/**
 * Edits a registration: who it is, consents, attendance and its status. The status is set
 * directly (the organizer's right) through the participant side's setStatusInTransaction:
 * confirming takes a place only if one is free, leaving pending or invited spends the
 * confirmation link, and the change is guarded by the status read in the same transaction.
 */
export async function updateRegistration(
	db: Kysely<Database>,
	context: MailContext,
	actor: Actor,
	slug: string,
	number: number,
	id: string,
	input: unknown,
	now = new Date()
): Promise<{ status: RegistrationStatus }> {
	const { meeting } = await managedMeeting(db, actor, slug, number);
	const data = parseOrThrow(UpdateRegistration, input);
	let hasFreedPlace = false;
	let status: RegistrationStatus = data.status;
	try {
		await db.transaction().execute(async (trx) => {
			await lockMeeting(trx, meeting.id);
			const record = z.uuid().safeParse(id).success
				? await repo.findRegistration(trx, meeting.id, id)
				: undefined;
			const settings = await repo.findRegistrationSettings(trx, meeting.id);
			if (!record) throw notFound('registrationsAdmin.notFound');
			if (await repo.isEmailRegistered(trx, meeting.id, normalizeEmail(data.email), id))
				throw emailTaken(data.email);
			const municipality = data.municipality ?? null;
			await repo.updatePersonOfRegistration(
				trx,
				record,
				{
					name: data.name,
					organization: data.organization ?? null,
					municipality,
					// The AGS follows the municipality; an unknown name keeps none.
					ags: agsOf(municipality),
					jobRole: data.role ?? null,
					email: data.email,
					consentParticipantList: data.consent.participantList,
					consentShareEmail: data.consent.shareEmail,
					hasAttended: data.attended
				},
				normalizeEmail(data.email)
			);
			status = await setStatusInTransaction(
				trx,
				{ meetingId: meeting.id, capacity: settings.capacity },
				record,
				data.status,
				now.toISOString()
			);
			hasFreedPlace =
				record.status === REGISTRATION_STATUS.confirmed && status !== REGISTRATION_STATUS.confirmed;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw emailTaken(data.email);
		throw error;
	}
	// A freed place goes to the waiting list, who are mailed (the participant side's rule).
	if (hasFreedPlace) await moveUpWaitingList(db, context.mailer, meeting.id, mailOptions(context, now));
	return { status };
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
	const { meeting } = await managedMeeting(db, actor, slug, number);
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
