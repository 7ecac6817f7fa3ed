import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import { meetingStart } from '../../domain/meeting-time';
import type { Actor } from '../../domain/policy';
import { isLocale, type Locale } from '../../i18n/translate';
import { buildCalendar, mailAddressOf, meetingPageUrl, type CalendarEventInput } from '../calendar/ical';
import type { Database } from '../db/schema';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { registeredMail, type MailMeeting } from '../mail/templates';
import { listAgendaItems } from '../repositories/agenda';
import type { RegistrationWithPerson } from '../repositories/registrations';
import { setManageTokenHash } from '../repositories/registrations-links';
import {
	findRegistrationMeetingById,
	type RegistrationMeeting
} from '../repositories/registrations-meetings';
import { hashToken } from './auth';
import { requireMeeting } from './meeting-access';

/**
 * What the registration services share: the meeting as the public may see it, links and their
 * tokens, the language and calendar of mails, and the "you are registered" mail.
 */

export const DAY = 24 * 60 * 60 * 1000;
export const DEFAULT_MAIL_FROM = 'Netzwerkstatt <netzwerkstatt@localhost>';

/** Where links in mails point, and the sender for calendar ORGANIZER lines. */
export interface MailOptions {
	publicOrigin: string;
	/** MAIL_FROM; its address is the calendar's ORGANIZER. */
	mailFrom?: string;
	now?: Date;
}

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The language of a meeting's mails: the series' own, else the requester's. */
export function mailLocaleOf(meeting: { seriesLanguage: string }, fallback: Locale): Locale {
	return isLocale(meeting.seriesLanguage) ? meeting.seriesLanguage : fallback;
}

export function toMailMeeting(meeting: RegistrationMeeting): MailMeeting {
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

export async function calendarInput(
	db: Kysely<Database>,
	meeting: RegistrationMeeting,
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

export function isPublic(meeting: RegistrationMeeting): boolean {
	return meeting.isMeetingPublished && meeting.isSeriesPublished;
}

/**
 * The meeting at the address with its registration settings, if the actor may see it
 * (requireMeeting's `view`: a draft stays hidden, "not found"). Whether registration is open and
 * the meeting still ahead is the caller's rule (closedReason).
 */
export async function visibleMeeting(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<RegistrationMeeting> {
	const handle = await requireMeeting(db, actor, address, 'view');
	const meeting = await findRegistrationMeetingById(db, handle.meetingId);
	if (!meeting) throw notFound('meeting.notFound');
	return meeting;
}

/**
 * Only the hash of a manage link is stored, so a later mail cannot repeat the link of an earlier
 * one: it carries a fresh link, and the older one stops working.
 */
export async function rotateManageToken(db: Kysely<Database>, registrationId: string): Promise<string> {
	const token = newToken();
	await setManageTokenHash(db, registrationId, hashToken(token));
	return token;
}

/** Sends the "you are registered" mail with the calendar invitation (METHOD:REQUEST). */
export async function sendRegisteredMail(
	db: Kysely<Database>,
	mailer: Mailer,
	meeting: RegistrationMeeting,
	registration: RegistrationWithPerson,
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

export function organizerEmailOf(options: { mailFrom?: string }): string {
	return mailAddressOf(options.mailFrom ?? DEFAULT_MAIL_FROM);
}

/** Why a public registration is refused, or undefined when it is open. */
export function closedReason(meeting: RegistrationMeeting, now: Date) {
	if (!isPublic(meeting)) return 'registration.meetingNotPublished' as const;
	if (!meeting.isRegistrationOpen) return 'registration.closed' as const;
	if (meetingStart(meeting).getTime() <= now.getTime()) return 'registration.meetingOver' as const;
	return undefined;
}
