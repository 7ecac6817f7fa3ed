import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError, conflict, forbidden, notFound, problem, unauthenticated } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import { meetingStart } from '../../domain/meeting-time';
import {
	canManageOrganizationContent,
	canView,
	isSignedIn,
	managedOrganizationIds,
	type Actor
} from '../../domain/policy';
import {
	chooseToMoveUp,
	CONFIRM_LINK_DAYS,
	hasFreePlace,
	normalizeEmail,
	statusOnConfirm,
	type RegistrationSource,
	type RegistrationStatus
} from '../../domain/registration-rules';
import {
	parsePendingChanges,
	serializePendingChanges,
	statusAfterConfirmingChanges,
	type PendingChanges
} from '../../domain/registration-changes';
import { parseOrThrow } from '../../domain/zod-problems';
import { isLocale, type Locale } from '../../i18n/translate';
import { buildCalendar, mailAddressOf, meetingPageUrl, type CalendarEventInput } from '../calendar/ical';
import type { Database } from '../db/schema';
import { outboxDir, sendAndLog, type Mailer } from '../mail/mailer';
import {
	cancelledMail,
	changeRequestMail,
	confirmRequestMail,
	invitationMail,
	registeredMail,
	waitingMail,
	type MailMeeting,
	type RegistrationDetails
} from '../mail/templates';
import { RateLimiter } from '../rate-limit';
import { findMunicipality } from '../reference/municipalities';
import { listAgendaItems } from '../repositories/agenda';
import { lockMeeting } from '../repositories/meeting-lookup';
import * as repo from '../repositories/registrations';
import { hashToken } from './auth';
import { optionalText } from './series';

/**
 * Registration, the shared core: a participant (or an organizer, an invitation, a program)
 * registers for a meeting; double opt-in confirms; cancelling moves the waiting list up. Mails
 * go out after the transaction that decided them, so a failed mail never undoes a registration.
 */

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_MAIL_FROM = 'Netzwerkstatt <netzwerkstatt@localhost>';

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

export const UpdateConsents = z.strictObject({ participantList: z.boolean(), shareEmail: z.boolean() });
export type UpdateConsents = z.infer<typeof UpdateConsents>;

/** Where links in mails point, and the sender for calendar ORGANIZER lines. */
export interface MailOptions {
	publicOrigin: string;
	/** MAIL_FROM; its address is the calendar's ORGANIZER. */
	mailFrom?: string;
	now?: Date;
}

export interface CreateRegistrationOptions extends MailOptions {
	source: RegistrationSource;
	/** The language of the page or request; mails follow the series' language when it has one. */
	locale: Locale;
	/** Organizer and invitation sources: false adds the person without a mail (confirmed at once). */
	sendConfirmation?: boolean;
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
		throw new AppError('rate-limited', {
			key: 'registration.tooManyAttempts',
			params: { minutes: Math.ceil(registrationLimiter.retryAfterSeconds(key) / 60) }
		});
	}
}

/* ---- helpers ---- */

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The language of a meeting's mails: the series' own, else the requester's. */
export function mailLocaleOf(meeting: { seriesLanguage: string }, fallback: Locale): Locale {
	return isLocale(meeting.seriesLanguage) ? meeting.seriesLanguage : fallback;
}

function toMailMeeting(meeting: repo.RegistrationMeeting): MailMeeting {
	return {
		number: meeting.number,
		meetingNoun: meeting.meetingNoun,
		seriesTitle: meeting.seriesTitle,
		date: meeting.date,
		start: meeting.start,
		end: meeting.end,
		timeZone: meeting.timeZone,
		venueUrl: meeting.venueUrl,
		venueAddress: meeting.venueAddress,
		organizerName: meeting.organizerName
	};
}

export function confirmUrl(publicOrigin: string, token: string): string {
	return `${publicOrigin}/registrations/confirm/${token}`;
}

export function manageUrl(publicOrigin: string, token: string): string {
	return `${publicOrigin}/registrations/manage/${token}`;
}

async function calendarInput(
	db: Kysely<Database>,
	meeting: repo.RegistrationMeeting,
	publicOrigin: string,
	attendee?: { name: string; email: string }
): Promise<CalendarEventInput> {
	const agenda = await listAgendaItems(db, meeting.meetingId);
	return {
		meeting,
		agenda: agenda.map((item) => ({ start: item.start, end: item.end, title: item.title })),
		publicOrigin,
		attendee
	};
}

function isPublic(meeting: repo.RegistrationMeeting): boolean {
	return meeting.isMeetingPublished && meeting.isSeriesPublished;
}

/** The meeting at the address if the actor may see it; otherwise "not found" (drafts stay hidden). */
async function visibleMeeting(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<repo.RegistrationMeeting> {
	const meeting = await repo.findRegistrationMeeting(db, address.seriesId, address.number);
	if (!meeting || !canView(actor, { organizationId: meeting.organizationId, isPublished: isPublic(meeting) }))
		throw notFound('registration.meetingNotFound');
	return meeting;
}

/** Why a public registration is refused, or undefined when it is open. */
function closedReason(meeting: repo.RegistrationMeeting, now: Date) {
	if (!isPublic(meeting)) return 'registration.meetingNotPublished' as const;
	if (!meeting.isRegistrationOpen) return 'registration.closed' as const;
	if (meetingStart(meeting).getTime() <= now.getTime()) return 'registration.meetingOver' as const;
	return undefined;
}

/* ---- the registration page ---- */

export interface RegistrationPageView {
	meeting: {
		seriesSlug: string;
		seriesTitle: string;
		seriesLanguage: string;
		number: number;
		title: string;
		date: string;
		start: string;
		end: string;
		timeZone: string;
	};
	privacyNotice: string | null;
	/** Why registering is not possible now; undefined when it is open. */
	closedReason:
		'registration.meetingNotPublished' | 'registration.closed' | 'registration.meetingOver' | undefined;
	isFull: boolean;
}

/** What the public registration page shows. Drafts are "not found" to those who cannot manage them. */
export async function getRegistrationPage(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	now = new Date()
): Promise<RegistrationPageView> {
	const meeting = await visibleMeeting(db, actor, address);
	const confirmed = await repo.countConfirmed(db, meeting.meetingId);
	return {
		meeting: {
			seriesSlug: meeting.seriesSlug,
			seriesTitle: meeting.seriesTitle,
			seriesLanguage: meeting.seriesLanguage,
			number: meeting.number,
			title: `${meeting.number}. ${meeting.meetingNoun}`,
			date: meeting.date,
			start: meeting.start,
			end: meeting.end,
			timeZone: meeting.timeZone
		},
		privacyNotice: meeting.privacyNotice?.trim() ? meeting.privacyNotice : null,
		closedReason: closedReason(meeting, now),
		isFull: !hasFreePlace(confirmed, meeting.capacity)
	};
}

/* ---- create ---- */

/**
 * Registers a person for a meeting.
 * - `self` and `api`: anyone, for a public meeting with registration open; rate-limited per
 *   client address; a filled honeypot answers like success and stores nothing. The person is
 *   `pending` and gets the confirmation mail (double opt-in).
 * - `organizer` and `invitation`: the meeting's organizers only, also for drafts or closed
 *   registration. With `sendConfirmation: false` the person is confirmed at once (or waits when
 *   full) and no mail goes out; otherwise `organizer` sends the confirmation mail and
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
		return { registrationId: null, status: 'pending', isFull: false };

	const emailNormalized = normalizeEmail(data.email);
	const sendsMail = options.sendConfirmation !== false || isPublicSource;
	const confirmToken = newToken();
	const manageToken = newToken();
	const municipality = data.municipality ?? null;
	const ags = data.ags ?? (municipality ? findMunicipality(municipality)?.ags : undefined) ?? null;
	const locale = mailLocaleOf(meeting, options.locale);

	const outcome = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const confirmedCount = await repo.countConfirmed(trx, meeting.meetingId);
		const isFull = !hasFreePlace(confirmedCount, meeting.capacity);
		const status: RegistrationStatus = sendsMail
			? options.source === 'invitation'
				? 'invited'
				: 'pending'
			: statusOnConfirm(confirmedCount, meeting.capacity);
		const entry = {
			name: data.name,
			organization: data.organization ?? null,
			municipality,
			ags,
			jobRole: data.role ?? null,
			email: data.email,
			consentParticipantList: data.consent.participantList,
			consentShareEmail: data.consent.shareEmail,
			status,
			source: options.source,
			locale,
			confirmTokenHash: sendsMail ? hashToken(confirmToken) : null,
			confirmExpiresAt: sendsMail ? new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString() : null,
			manageTokenHash: hashToken(manageToken)
		};
		const existing = await repo.findRegistrationByEmail(trx, meeting.meetingId, emailNormalized);
		if (existing && isPublicSource) {
			// Someone else may have typed this address: the owner decides, by the mailed link.
			await repo.proposeChanges(trx, existing.id, {
				pendingChanges: serializePendingChanges({
					name: entry.name,
					organization: entry.organization,
					municipality: entry.municipality,
					ags: entry.ags,
					jobRole: entry.jobRole,
					email: entry.email,
					consentParticipantList: entry.consentParticipantList,
					consentShareEmail: entry.consentShareEmail,
					locale
				}),
				changeTokenHash: hashToken(confirmToken),
				changeExpiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString()
			});
			return {
				registrationId: existing.id,
				status: 'pending' as const,
				isFull,
				proposedTo: existing.person.email ?? data.email
			};
		}
		// An organizer reopens an invited or cancelled row; an active one is a duplicate.
		if (existing && existing.status !== 'cancelled' && existing.status !== 'invited')
			throw conflict('registration.alreadyRegistered', undefined, [
				problem('/email', 'registration.alreadyRegistered')
			]);
		if (existing) {
			await repo.reopenRegistration(trx, existing, { ...entry, at: now.toISOString() });
			return { registrationId: existing.id, status, isFull, proposedTo: null };
		}
		const registrationId = randomUUID();
		await repo.insertRegistration(trx, {
			...entry,
			id: registrationId,
			personId: randomUUID(),
			meetingId: meeting.meetingId,
			personKey: `anmeldung-${randomUUID().slice(0, 8)}`,
			emailNormalized,
			createdAt: now.toISOString(),
			userId: null
		});
		return { registrationId, status, isFull, proposedTo: null };
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

/**
 * Only the hash of a manage link is stored, so a later mail cannot repeat the link of an earlier
 * one: it carries a fresh link, and the older one stops working.
 */
async function rotateManageToken(db: Kysely<Database>, registrationId: string): Promise<string> {
	const token = newToken();
	await repo.setManageTokenHash(db, registrationId, hashToken(token));
	return token;
}

/* ---- confirm ---- */

export interface ConfirmOutcome {
	status: 'confirmed' | 'waiting';
	meeting: { seriesSlug: string; number: number; title: string; seriesTitle: string };
}

/** Sends the "you are registered" mail with the calendar invitation (METHOD:REQUEST). */
async function sendRegisteredMail(
	db: Kysely<Database>,
	mailer: Mailer,
	meeting: repo.RegistrationMeeting,
	registration: repo.RegistrationRecord,
	options: MailOptions & { hasMovedUp: boolean }
): Promise<void> {
	const email = registration.person.email;
	if (!email) return;
	const manageToken = await rotateManageToken(db, registration.id);
	const locale = mailLocaleOf(meeting, isLocale(registration.locale) ? registration.locale : 'de');
	const content = registeredMail(
		locale,
		toMailMeeting(meeting),
		registration.person,
		{
			manage: manageUrl(options.publicOrigin, manageToken),
			meeting: meetingPageUrl(options.publicOrigin, meeting)
		},
		{ hasMovedUp: options.hasMovedUp }
	);
	const calendar = buildCalendar(
		[await calendarInput(db, meeting, options.publicOrigin, { name: registration.person.name, email })],
		{ method: 'REQUEST', organizerEmail: mailAddressOf(options.mailFrom ?? DEFAULT_MAIL_FROM) }
	);
	await sendAndLog(db, mailer, {
		to: email,
		...content,
		calendar: { method: 'REQUEST', content: calendar },
		kind: options.hasMovedUp ? 'moved-up' : 'registered',
		meetingId: meeting.meetingId,
		replyTo: meeting.organizerEmail ?? undefined
	});
}

/** What a confirmation link confirms: the details and consents, shown before the button. */
export interface ConfirmationView {
	/** The link confirms details someone registered with again, not a first registration. */
	isChange: boolean;
	meeting: { title: string; seriesTitle: string };
	details: RegistrationDetails;
}

type ConfirmTarget =
	| { kind: 'registration'; registration: repo.RegistrationRecord }
	| { kind: 'change'; registration: repo.RegistrationRecord; changes: PendingChanges };

/** The registration behind a confirmation link, or why the link does not work (now). */
async function confirmTarget(db: Kysely<Database>, token: string, now: Date): Promise<ConfirmTarget> {
	const tokenHash = hashToken(token);
	const registration = await repo.findRegistrationByConfirmHash(db, tokenHash);
	if (registration) {
		if (registration.status !== 'pending' && registration.status !== 'invited')
			throw notFound('registration.confirmLinkInvalid');
		if (registration.confirmExpiresAt && registration.confirmExpiresAt <= now.toISOString())
			throw conflict('registration.confirmLinkExpired');
		return { kind: 'registration', registration };
	}
	const changed = await repo.findRegistrationByChangeHash(db, tokenHash);
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
	const meeting = await repo.findRegistrationMeetingById(db, target.registration.meetingId);
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
	const meeting = await repo.findRegistrationMeetingById(db, registration.meetingId);
	if (!meeting) throw notFound('registration.confirmLinkInvalid');

	const { status, isNew } = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const confirmedCount = await repo.countConfirmed(trx, meeting.meetingId);
		if (target.kind === 'registration') {
			const next = statusOnConfirm(confirmedCount, meeting.capacity);
			const changed = await repo.setStatus(trx, registration, next, now.toISOString(), [
				'pending',
				'invited'
			]);
			// Two clicks at once: the second finds the link already spent.
			if (!changed) throw notFound('registration.confirmLinkInvalid');
			return { status: next, isNew: true };
		}
		// The status read before the lock may be stale; the one under the lock decides.
		const current = (await repo.findRegistrationById(trx, registration.id))?.status ?? registration.status;
		if (!(await repo.applyProposedChanges(trx, registration, hashToken(token), target.changes)))
			throw notFound('registration.confirmLinkInvalid');
		const next = statusAfterConfirmingChanges(current, confirmedCount, meeting.capacity);
		if (next === current) return { status: next, isNew: false };
		if (current === 'cancelled') await repo.clearReminders(trx, registration.id);
		await repo.setStatus(trx, registration, next, now.toISOString(), [current]);
		return { status: next, isNew: true };
	});

	// The mails speak of the details as they are now (a confirmed change applied them); a confirmed
	// person gets the invitation again, with the details as they now are.
	const current = (await repo.findRegistrationById(db, registration.id)) ?? registration;
	if (status === 'confirmed') {
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

/* ---- the waiting list ---- */

/**
 * Gives free places to the longest-waiting registrations (inside the caller's transaction, with
 * the meeting locked); returns those moved up, for the caller to mail after the commit.
 */
async function moveUpInTransaction(
	trx: Kysely<Database>,
	meeting: repo.RegistrationMeeting,
	at: string
): Promise<repo.RegistrationRecord[]> {
	const confirmedCount = await repo.countConfirmed(trx, meeting.meetingId);
	const waiting = await repo.listWaiting(trx, meeting.meetingId);
	const chosen = chooseToMoveUp(waiting, confirmedCount, meeting.capacity);
	const movedUp: repo.RegistrationRecord[] = [];
	for (const registration of chosen)
		if (await repo.setStatus(trx, registration, 'confirmed', at, ['waiting'])) movedUp.push(registration);
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
	const meeting = await repo.findRegistrationMeetingById(db, meetingId);
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
	status: 'cancelled';
	/** Registrations that moved up from the waiting list into the freed place. */
	movedUp: string[];
}

async function registrationOfTarget(
	db: Kysely<Database>,
	target: CancelTarget
): Promise<repo.RegistrationRecord> {
	if ('manageToken' in target) {
		const found = await repo.findRegistrationByManageHash(db, hashToken(target.manageToken));
		if (!found) throw notFound('registration.manageLinkInvalid');
		return found;
	}
	const found = await repo.findRegistrationById(db, target.registrationId);
	if (!found) throw notFound('registration.notFound');
	const meeting = await repo.findRegistrationMeetingById(db, found.meetingId);
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
	if (registration.status === 'cancelled') return { status: 'cancelled', movedUp: [] };
	const meeting = await repo.findRegistrationMeetingById(db, registration.meetingId);
	if (!meeting) throw notFound('registration.notFound');

	const { changed, movedUp } = await db.transaction().execute(async (trx) => {
		await lockMeeting(trx, meeting.meetingId);
		const wasCancelled = await repo.setStatus(trx, registration, 'cancelled', now.toISOString(), [
			'invited',
			'pending',
			'confirmed',
			'waiting'
		]);
		return {
			changed: wasCancelled,
			movedUp: wasCancelled ? await moveUpInTransaction(trx, meeting, now.toISOString()) : []
		};
	});
	if (!changed) return { status: 'cancelled', movedUp: [] };

	const email = registration.person.email;
	if (email) {
		const locale = mailLocaleOf(meeting, isLocale(registration.locale) ? registration.locale : 'de');
		const heldPlace = registration.status === 'confirmed';
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
							{ method: 'CANCEL', organizerEmail: mailAddressOf(options.mailFrom ?? DEFAULT_MAIL_FROM) }
						)
					}
				: undefined,
			kind: 'cancelled',
			meetingId: meeting.meetingId
		});
	}
	for (const promoted of movedUp)
		await sendRegisteredMail(db, mailer, meeting, promoted, { ...options, hasMovedUp: true });
	return { status: 'cancelled', movedUp: movedUp.map((entry) => entry.id) };
}

/* ---- manage by link ---- */

export interface OwnRegistrationView {
	id: string;
	status: string;
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
	registration: repo.RegistrationRecord,
	meeting: repo.RegistrationMeeting
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
	const registration = await repo.findRegistrationByManageHash(db, hashToken(manageToken));
	if (!registration) throw notFound('registration.manageLinkInvalid');
	const meeting = await repo.findRegistrationMeetingById(db, registration.meetingId);
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
	const registration = await repo.findRegistrationByManageHash(db, hashToken(manageToken));
	if (!registration) throw notFound('registration.manageLinkInvalid');
	await repo.updateConsents(db, registration.personId, consents);
}

/* ---- calendars ---- */

function organizerEmailOf(options: { mailFrom?: string }): string {
	return mailAddressOf(options.mailFrom ?? DEFAULT_MAIL_FROM);
}

/** The .ics of one published meeting (METHOD:PUBLISH). */
export async function meetingCalendar(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	options: { publicOrigin: string; mailFrom?: string }
): Promise<string> {
	const meeting = await visibleMeeting(db, actor, address);
	return buildCalendar([await calendarInput(db, meeting, options.publicOrigin)], {
		method: 'PUBLISH',
		organizerEmail: organizerEmailOf(options),
		name: meeting.seriesTitle
	});
}

/** A series' feed: every published meeting of a published series (METHOD:PUBLISH). */
export async function seriesCalendar(
	db: Kysely<Database>,
	seriesSlug: string,
	options: { publicOrigin: string; mailFrom?: string }
): Promise<string> {
	const meetings = await repo.listPublishedMeetingsOfSeries(db, seriesSlug);
	if (!meetings.length) {
		// An empty feed of a published series is fine; an unknown or draft series is not found.
		const exists = await repo.seriesIsPublished(db, seriesSlug);
		if (!exists) throw notFound('series.notFound');
	}
	const inputs = await Promise.all(
		meetings.map((meeting) => calendarInput(db, meeting, options.publicOrigin))
	);
	return buildCalendar(inputs, {
		method: 'PUBLISH',
		organizerEmail: organizerEmailOf(options),
		name: meetings[0]?.seriesTitle
	});
}

/* ---- the organizers' outbox view ---- */

export async function listOutbox(db: Kysely<Database>, actor: Actor): Promise<repo.MailLogEntry[]> {
	if (!isSignedIn(actor) && actor.kind !== 'system') throw unauthenticated();
	const managed = managedOrganizationIds(actor);
	if (managed !== 'all' && managed.length === 0) throw forbidden();
	return repo.listMailLog(db, managed);
}

/** The raw .eml of an outbox mail, as text; only for those who manage its meeting (admins: all). */
export async function readOutboxMail(
	db: Kysely<Database>,
	actor: Actor,
	mailId: string,
	dataDir: string
): Promise<{ fileName: string; content: string }> {
	if (!isSignedIn(actor) && actor.kind !== 'system') throw unauthenticated();
	const entry = await repo.findMailLogEntry(db, mailId);
	const managed = managedOrganizationIds(actor);
	const mayRead =
		entry !== undefined &&
		(managed === 'all' || (entry.organizationId !== null && managed.includes(entry.organizationId)));
	if (!entry || !mayRead || !entry.fileName) throw notFound('outbox.notFound');
	// The file name comes from our own log, but keep it inside the outbox all the same.
	if (!/^[A-Za-z0-9._-]+\.eml$/.test(entry.fileName)) throw notFound('outbox.notFound');
	const content = await readFile(join(outboxDir(dataDir), entry.fileName), 'utf8').catch(() => {
		throw notFound('outbox.notFound');
	});
	return { fileName: entry.fileName, content };
}
