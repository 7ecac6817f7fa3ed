import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { isSignedIn, type Actor, type MeetingRole } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import { translate, type Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { logger } from '../logger';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { moderatorGrantedMail } from '../mail/moderator-mail';
import type { MeetingHandle } from '../repositories/meeting-lookup';
import * as roles from '../repositories/meeting-roles';
import { requireMeeting } from './meeting-access';
import { findRegistrationMeetingById } from '../repositories/registrations-meetings';
import { EmailAddress } from './accounts';
import { findOrCreatePasswordlessAccount } from './participant-accounts';

/**
 * The per-meeting moderator role: a meeting's organizers (and admins) grant it by email and
 * revoke it. A moderator runs that meeting's live session (services/meeting-access
 * `requireMeeting(…, 'moderate')`, i.e. `canModerateMeeting`) and nothing else. Someone without an account gets one without a
 * password and signs in by a link in a mail.
 */

const MODERATOR: MeetingRole = 'moderator';

export const GrantModerator = z.strictObject({
	email: EmailAddress,
	/** Used only when a new account is made; empty means the email's local part. */
	displayName: z.string().trim().max(200).optional()
});
export type GrantModerator = z.infer<typeof GrantModerator>;

export const RevokeModerator = z.strictObject({ userId: z.string().trim().min(1).max(100) });
export type RevokeModerator = z.infer<typeof RevokeModerator>;

export interface ModeratedMeetingView {
	seriesSlug: string;
	seriesTitle: string;
	number: number;
	title: string;
}

export interface ModeratorsView {
	meeting: ModeratedMeetingView;
	moderators: roles.ModeratorRow[];
}

async function meetingView(db: Kysely<Database>, handle: MeetingHandle): Promise<ModeratedMeetingView> {
	const meeting = await findRegistrationMeetingById(db, handle.meetingId);
	if (!meeting) throw notFound('meeting.notFound');
	return {
		seriesSlug: meeting.seriesSlug,
		seriesTitle: meeting.seriesTitle,
		number: meeting.number,
		title: formatMeetingTitle(meeting.number, meeting.meetingNoun)
	};
}

/** The meeting's moderators, for its organizers. */
export async function listModerators(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number
): Promise<ModeratorsView> {
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'manage');
	return {
		meeting: await meetingView(db, handle),
		moderators: await roles.listMeetingRoleHolders(db, handle.meetingId, MODERATOR)
	};
}

export interface ModeratorGranted {
	userId: string;
	email: string;
	/** Whether an account (without password) was made for the email. */
	isNewAccount: boolean;
	/** False when the mail could not be sent: the grant stands, the organizer tells the person. */
	isMailSent: boolean;
}

/** The cockpit of a meeting, as a path of the app. */
export function cockpitPath(seriesSlug: string, number: number): string {
	return `/manage/series/${encodeURIComponent(seriesSlug)}/meetings/${number}/live`;
}

/**
 * Makes the person with the email a moderator of the meeting (their account is made when there is
 * none) and mails them the cockpit's address. Granting the same person twice is a validation
 * problem on the email field.
 */
export async function grantModerator(
	db: Kysely<Database>,
	mail: { mailer: Mailer; origin: string },
	actor: Actor,
	seriesSlug: string,
	number: number,
	input: unknown,
	options: { locale: Locale; now?: Date }
): Promise<ModeratorGranted> {
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'manage');
	const data = parseOrThrow(GrantModerator, input);
	const now = options.now ?? new Date();
	const alreadyGranted = () => validationFailed([problem('email', 'moderators.alreadyGranted')]);
	let granted: ModeratorGranted;
	try {
		granted = await db.transaction().execute(async (trx) => {
			const { account, isNew } = await findOrCreatePasswordlessAccount(trx, data.email, {
				displayName: data.displayName,
				now
			});
			if (account.isDisabled) throw validationFailed([problem('email', 'moderators.accountDisabled')]);
			const grant = { meetingId: handle.meetingId, userId: account.id, role: MODERATOR };
			if (await roles.hasMeetingRole(trx, grant)) throw alreadyGranted();
			await roles.insertMeetingRole(trx, {
				...grant,
				grantedBy: isSignedIn(actor) ? actor.userId : null,
				createdAt: now.toISOString()
			});
			return { userId: account.id, email: account.email, isNewAccount: isNew, isMailSent: false };
		});
	} catch (error) {
		// Two organizers granting the same person at the same moment: the key decides.
		if (isUniqueViolation(error)) throw alreadyGranted();
		throw error;
	}

	const meeting = await findRegistrationMeetingById(db, handle.meetingId);
	if (!meeting) return granted;
	try {
		await sendAndLog(db, mail.mailer, {
			to: granted.email,
			...moderatorGrantedMail({
				locale: options.locale,
				granterName: isSignedIn(actor) ? actor.displayName : translate(options.locale, 'mail.signatureApp'),
				seriesTitle: meeting.seriesTitle,
				meetingNoun: meeting.meetingNoun,
				number: meeting.number,
				date: meeting.date,
				cockpitUrl: `${mail.origin}${cockpitPath(meeting.seriesSlug, meeting.number)}`,
				signInUrl: `${mail.origin}/login/link`
			}),
			kind: 'moderator-granted',
			meetingId: handle.meetingId,
			...(isSignedIn(actor) ? { replyTo: actor.email } : {})
		});
	} catch (error) {
		// The grant is stored and works without the mail; the page says the mail did not go out.
		logger.warn({ err: error, meetingId: handle.meetingId }, 'moderator mail not sent');
		return granted;
	}
	return { ...granted, isMailSent: true };
}

/** Takes the moderator role of the meeting from the account. */
export async function revokeModerator(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number,
	input: unknown
): Promise<void> {
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'manage');
	const { userId } = parseOrThrow(RevokeModerator, input);
	const removed = await roles.deleteMeetingRole(db, { meetingId: handle.meetingId, userId, role: MODERATOR });
	if (removed === 0) throw notFound('moderators.notGranted');
}
