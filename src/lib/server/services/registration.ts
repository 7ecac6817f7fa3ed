import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { normalizeEmail } from '../../domain/email';
import { conflict, forbidden, problem, rateLimited } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import { serializePendingChanges } from '../../domain/registration-changes';
import {
	AWAITING_CONFIRMATION,
	CONFIRM_LINK_DAYS,
	hasFreePlace,
	REGISTRATION_STATUS,
	statusOnConfirm,
	type RegistrationSource,
	type RegistrationStatus
} from '../../domain/registration-rules';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { sendAndLog, type Mailer } from '../mail/mailer';
import {
	changeRequestMail,
	confirmRequestMail,
	invitationMail,
	type RegistrationDetails
} from '../mail/templates';
import { RateLimiter } from '../rate-limit';
import { findMunicipality } from '../reference/municipalities';
import { lockMeeting } from '../repositories/meeting-lookup';
import {
	countConfirmed,
	findRegistrationByEmail,
	insertRegistration,
	reopenRegistration,
	type RegistrantDetails
} from '../repositories/registrations';
import { proposeChanges } from '../repositories/registrations-changes';
import { hashToken } from './auth';
import {
	closedReason,
	confirmUrl,
	DAY,
	mailLocaleOf,
	manageUrl,
	newToken,
	toMailMeeting,
	visibleMeeting,
	type MailOptions
} from './registration-support';
import { optionalText } from './series';

/**
 * Registration, the shared core: a participant (or an organizer, an invitation, a program)
 * registers for a meeting. `registerInTransaction` is the one path that creates or reopens a
 * registration, for the participant's side and the organizer's alike; confirming
 * (registration-confirm.ts), status changes and cancelling (registration-status.ts) and the
 * manage link (registration-manage.ts) follow. Mails go out after the transaction that decided
 * them, so a failed mail never undoes a registration.
 */

/** No control characters (NUL, line breaks …) in a one-line field: PostgreSQL refuses NUL in text. */
const ONE_LINE = /^[^\p{Cc}]*$/u;
const oneLine = (value: string | null | undefined) =>
	value === null || value === undefined || ONE_LINE.test(value);
const optionalLine = (max: number) => optionalText(max).refine(oneLine);

/** The registration form and the API body: the same schema. `website` is the honeypot. */
export const RegisterForMeeting = z.strictObject({
	name: z.string().trim().min(1).max(200).refine(oneLine),
	email: z.string().trim().max(300).pipe(z.email()),
	organization: optionalLine(300),
	municipality: optionalLine(200),
	ags: z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z
			.string()
			.regex(/^[0-9]{8}$/)
			.optional()
	),
	role: optionalLine(200),
	consent: z
		.strictObject({ participantList: z.boolean().default(false), shareEmail: z.boolean().default(false) })
		.default({ participantList: false, shareEmail: false }),
	website: z.string().max(2000).optional()
});
export type RegisterForMeeting = z.infer<typeof RegisterForMeeting>;

/**
 * The registration form's fields as the schema's input: text fields as typed, the two consent
 * checkboxes as booleans. The form action and its tests use this one mapping.
 */
export function registrationFormInput(values: Record<string, string | undefined>): Record<string, unknown> {
	return {
		name: values.name ?? '',
		email: values.email ?? '',
		organization: values.organization,
		municipality: values.municipality,
		role: values.role,
		consent: {
			participantList: values.consentParticipantList === 'on',
			shareEmail: values.consentShareEmail === 'on'
		},
		website: values.website
	};
}

export interface CreateRegistrationOptions extends MailOptions {
	source: RegistrationSource;
	/** The language of the page or request; mails follow the series' language when it has one. */
	locale: Locale;
	/** Organizer and invitation sources: false adds the person without a mail (decided at once). */
	sendConfirmation?: boolean;
	/**
	 * Without a mail, organizers may add the person as invited (to register themselves later)
	 * instead of confirmed; the default is confirmed (a place if one is free, else the waiting list).
	 */
	statusWithoutMail?: typeof REGISTRATION_STATUS.confirmed | typeof REGISTRATION_STATUS.invited;
	/** For the rate limit of public registrations (self, api). */
	clientAddress?: string;
}

export interface RegistrationOutcome {
	/** Empty when the honeypot caught a bot: it is told "success" and nothing is stored. */
	registrationId: string | null;
	status: RegistrationStatus;
	/** The meeting is full: after confirming, the person goes on the waiting list. */
	isFull: boolean;
}

/* ---- rate limit ---- */

const REGISTRATION_LIMIT = 10;
const REGISTRATION_WINDOW_MS = 10 * 60 * 1000;
const registrationLimiter = new RateLimiter(REGISTRATION_LIMIT, REGISTRATION_WINDOW_MS);

function checkRateLimit(clientAddress: string | undefined): void {
	if (!clientAddress) return;
	const key = `register:${clientAddress}`;
	if (!registrationLimiter.hit(key)) {
		throw rateLimited('registration.tooManyAttempts', {
			minutes: Math.ceil(registrationLimiter.retryAfterSeconds(key) / 60)
		});
	}
}

/* ---- the one path that creates or reopens a registration ---- */

/** What a new registration starts as. */
export type RegistrationStart =
	/** Awaits the confirmation link mailed with it: pending, or invited for an invitation. */
	| {
			kind: 'awaits-link';
			status: (typeof AWAITING_CONFIRMATION)[number];
			confirmTokenHash: string;
			expiresAt: string;
	  }
	/** Decided at once, without a link (an organizer): confirmed takes a place if one is free, else waits. */
	| { kind: 'decided'; status: typeof REGISTRATION_STATUS.confirmed | typeof REGISTRATION_STATUS.invited };

export interface RegistrationEntry {
	person: RegistrantDetails;
	start: RegistrationStart;
	source: RegistrationSource;
	locale: string;
	manageTokenHash: string;
	/** The person's key in the exchange format when a new person is inserted. */
	personKey: string;
	at: string;
}

/** The AGS of a municipality of Westfalen-Lippe: the one given, else the one the name is known by. */
export function agsOf(municipality: string | null, ags?: string | null): string | null {
	return ags ?? (municipality ? findMunicipality(municipality)?.ags : undefined) ?? null;
}

/**
 * Creates a registration, or reopens the invited or cancelled one of the same email (with the
 * new details and the guard on its previous status); an active one is a duplicate. Confirming
 * at once follows the place rule (a place if free, else the waiting list). Runs inside the
 * caller's transaction, with the meeting locked (lockMeeting) by the caller.
 */
export async function registerInTransaction(
	trx: Kysely<Database>,
	meeting: { meetingId: string; capacity: number | null },
	entry: RegistrationEntry
): Promise<{ registrationId: string; status: RegistrationStatus; isFull: boolean }> {
	const confirmedCount = await countConfirmed(trx, meeting.meetingId);
	const isFull = !hasFreePlace(confirmedCount, meeting.capacity);
	const { start } = entry;
	const status: RegistrationStatus =
		start.kind === 'decided' && start.status === REGISTRATION_STATUS.confirmed
			? statusOnConfirm(confirmedCount, meeting.capacity)
			: start.status;
	const link =
		start.kind === 'awaits-link'
			? { confirmTokenHash: start.confirmTokenHash, confirmExpiresAt: start.expiresAt }
			: { confirmTokenHash: null, confirmExpiresAt: null };
	const fields = {
		...entry.person,
		...link,
		status,
		source: entry.source,
		locale: entry.locale,
		manageTokenHash: entry.manageTokenHash
	};
	const emailNormalized = normalizeEmail(entry.person.email);
	const existing = await findRegistrationByEmail(trx, meeting.meetingId, emailNormalized);
	if (existing) {
		const reopenable: readonly RegistrationStatus[] = [
			REGISTRATION_STATUS.invited,
			REGISTRATION_STATUS.cancelled
		];
		if (!reopenable.includes(existing.status))
			throw conflict('registration.alreadyRegistered', undefined, [
				problem('/email', 'registration.alreadyRegistered')
			]);
		if (!(await reopenRegistration(trx, existing, { ...fields, at: entry.at }, [existing.status])))
			throw conflict('registrationLifecycle.changedMeanwhile');
		return { registrationId: existing.id, status, isFull };
	}
	const registrationId = randomUUID();
	await insertRegistration(trx, {
		...fields,
		id: registrationId,
		personId: randomUUID(),
		meetingId: meeting.meetingId,
		personKey: entry.personKey,
		emailNormalized,
		createdAt: entry.at,
		userId: null
	});
	return { registrationId, status, isFull };
}

/* ---- create ---- */

/**
 * Registers a person for a meeting.
 * - `self` and `api`: anyone, for a public meeting with registration open; rate-limited per
 *   client address; a filled honeypot answers like success and stores nothing. The person is
 *   `pending` and gets the confirmation mail (double opt-in).
 * - `organizer` and `invitation`: the meeting's organizers only, also for drafts or closed
 *   registration. With `sendConfirmation: false` the person is confirmed at once (or waits when
 *   full), or invited with `statusWithoutMail`, and no mail goes out; otherwise `organizer` sends the confirmation mail and
 *   `invitation` an invitation whose link confirms.
 * An email (ignoring case) that already has a registration for the meeting:
 * - from a public source (anyone may type any address), nothing changes at once: the details
 *   and consents wait as a proposal, and the address's owner gets a mail with them and a link;
 *   only that link applies them (and registers again an invited or cancelled person). The answer
 *   is the same as for a new registration, so it tells nobody whether the address is known.
 * - from an organizer: an active registration is refused as a duplicate; an invited or cancelled
 *   one is reopened with the organizer's details (organizers edit registrations anyway).
 */
export async function createRegistration(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	options: CreateRegistrationOptions
): Promise<RegistrationOutcome> {
	const isPublicSource = options.source === 'self' || options.source === 'api';
	if (isPublicSource) checkRateLimit(options.clientAddress);
	const data = parseOrThrow(RegisterForMeeting, input);
	const now = options.now ?? new Date();
	const meeting = await visibleMeeting(db, actor, address);
	if (isPublicSource) {
		const reason = closedReason(meeting, now);
		if (reason) throw conflict(reason);
	} else if (!canManageOrganizationContent(actor, meeting.organizationId)) {
		throw forbidden('registration.notOrganizer');
	}
	// A bot filled the hidden field: it learns nothing, and nothing is stored or sent.
	if (isPublicSource && data.website?.trim())
		return { registrationId: null, status: REGISTRATION_STATUS.pending, isFull: false };

	const emailNormalized = normalizeEmail(data.email);
	const sendsMail = options.sendConfirmation !== false || isPublicSource;
	const confirmToken = newToken();
	const manageToken = newToken();
	const municipality = data.municipality ?? null;
	const person: RegistrantDetails = {
		name: data.name,
		organization: data.organization ?? null,
		municipality,
		ags: agsOf(municipality, data.ags),
		jobRole: data.role ?? null,
		email: data.email,
		consentParticipantList: data.consent.participantList,
		consentShareEmail: data.consent.shareEmail
	};
	const locale = mailLocaleOf(meeting, options.locale);
	const linkExpiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString();

	const outcome = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const existing = await findRegistrationByEmail(trx, meeting.meetingId, emailNormalized);
		if (existing && isPublicSource) {
			// Someone else may have typed this address: the owner decides, by the mailed link.
			await proposeChanges(trx, existing.id, {
				pendingChanges: serializePendingChanges({ ...person, locale }),
				changeTokenHash: hashToken(confirmToken),
				changeExpiresAt: linkExpiresAt
			});
			const confirmedCount = await countConfirmed(trx, meeting.meetingId);
			return {
				registrationId: existing.id,
				status: REGISTRATION_STATUS.pending,
				isFull: !hasFreePlace(confirmedCount, meeting.capacity),
				proposedTo: existing.person.email ?? data.email
			};
		}
		const registered = await registerInTransaction(trx, meeting, {
			person,
			start: sendsMail
				? {
						kind: 'awaits-link',
						status:
							options.source === 'invitation' ? REGISTRATION_STATUS.invited : REGISTRATION_STATUS.pending,
						confirmTokenHash: hashToken(confirmToken),
						expiresAt: linkExpiresAt
					}
				: { kind: 'decided', status: options.statusWithoutMail ?? REGISTRATION_STATUS.confirmed },
			source: options.source,
			locale,
			manageTokenHash: hashToken(manageToken),
			personKey: `anmeldung-${randomUUID().slice(0, 8)}`,
			at: now.toISOString()
		});
		return { ...registered, proposedTo: null };
	});

	const details: RegistrationDetails = {
		name: data.name,
		organization: data.organization ?? null,
		municipality,
		role: data.role ?? null,
		email: data.email,
		consent: data.consent
	};
	if (outcome.proposedTo !== null) {
		// No manage link in this mail: whoever sent the form must not change the owner's links.
		await sendAndLog(db, mailer, {
			to: outcome.proposedTo,
			...changeRequestMail(
				locale,
				toMailMeeting(meeting),
				details,
				confirmUrl(options.publicOrigin, confirmToken),
				{
					days: CONFIRM_LINK_DAYS
				}
			),
			kind: 'confirmation-request',
			meetingId: meeting.meetingId,
			replyTo: meeting.organizerEmail ?? undefined
		});
		return { registrationId: outcome.registrationId, status: outcome.status, isFull: outcome.isFull };
	}
	if (sendsMail) {
		const links = {
			confirm: confirmUrl(options.publicOrigin, confirmToken),
			manage: manageUrl(options.publicOrigin, manageToken)
		};
		const content =
			options.source === 'invitation'
				? invitationMail(locale, toMailMeeting(meeting), details, links, { days: CONFIRM_LINK_DAYS })
				: confirmRequestMail(locale, toMailMeeting(meeting), details, links, {
						isFull: outcome.isFull,
						days: CONFIRM_LINK_DAYS
					});
		await sendAndLog(db, mailer, {
			to: data.email,
			...content,
			kind: options.source === 'invitation' ? 'invitation' : 'confirmation-request',
			meetingId: meeting.meetingId,
			replyTo: meeting.organizerEmail ?? undefined
		});
	}
	return { registrationId: outcome.registrationId, status: outcome.status, isFull: outcome.isFull };
}
