import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { notFound, unauthenticated } from '../../domain/errors';
import { isSignedIn, type Actor } from '../../domain/policy';
import { formatJoinCode } from '../../domain/live/join-code';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { normalizeEmail } from '../../domain/email';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import type { Database } from '../db/schema';
import type { Mailer } from '../mail/mailer';
import * as accounts from '../repositories/accounts';
import { listMeetingsWithRole } from '../repositories/meeting-roles';
import { listRunningSessionsOfConfirmedRegistrations } from '../repositories/my-live';
import * as repo from '../repositories/registrations';
import { deleteRegistrationAndPerson } from '../repositories/registrations-changes';
import { findRegistrationByManageHash, setManageTokenHash } from '../repositories/registrations-links';
import { findRegistrationMeetingById } from '../repositories/registrations-meetings';
import { hashToken } from './auth';
import { eraseFromMeetingRecords, removeOutboxFiles } from './erasure';
import { cockpitPath } from './meeting-roles';
import { deleteWishDataFor, listWishDataFor, type WishPersonalData } from './wishes-personal-data';
import { toOwnRegistrationView, type OwnRegistrationView } from './registration-manage';
import { moveUpWaitingList } from './registration-status';
import type { MailOptions } from './registration-support';

/**
 * Each participant's own data (DSGVO): see it, download it as JSON, delete it. Two ways in:
 * the manage link of one registration (no account needed), or signing in (by magic link) and
 * seeing every registration under one's email. Deleting removes the person and registration
 * rows, so lists, exports and documentation generated afterwards no longer know them, and
 * cleans the documentation versions already made, the credits and the mails to them.
 */

async function viewsOf(
	db: Kysely<Database>,
	records: repo.RegistrationWithPerson[]
): Promise<OwnRegistrationView[]> {
	const views: OwnRegistrationView[] = [];
	for (const record of records) {
		const meeting = await findRegistrationMeetingById(db, record.meetingId);
		if (meeting) views.push(toOwnRegistrationView(record, meeting));
	}
	// Newest meeting first.
	return views.sort((a, b) => b.meeting.date.localeCompare(a.meeting.date) || a.id.localeCompare(b.id));
}

function requireUser(actor: Actor): Extract<Actor, { kind: 'user' }> {
	if (!isSignedIn(actor)) throw unauthenticated();
	return actor;
}

/** "Meine Treffen": the signed-in user's registrations, matched by email. */
export async function listMyRegistrations(
	db: Kysely<Database>,
	actor: Actor
): Promise<OwnRegistrationView[]> {
	const user = requireUser(actor);
	return viewsOf(db, await repo.listRegistrationsByEmail(db, normalizeEmail(user.email)));
}

/** A meeting the signed-in person moderates, with the way to its cockpit. */
export interface MyModeratedMeeting {
	seriesSlug: string;
	seriesTitle: string;
	number: number;
	title: string;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	cockpitPath: string;
}

/** "Meine Treffen": the meetings the signed-in person moderates, newest first. */
export async function listMyModeratedMeetings(
	db: Kysely<Database>,
	actor: Actor
): Promise<MyModeratedMeeting[]> {
	const user = requireUser(actor);
	const rows = await listMeetingsWithRole(db, user.userId, 'moderator');
	return rows.map((row) => ({
		seriesSlug: row.seriesSlug,
		seriesTitle: row.seriesTitle,
		number: row.number,
		title: formatMeetingTitle(row.number, row.meetingNoun),
		date: row.date,
		start: row.start,
		end: row.end,
		timeZone: row.timeZone,
		cockpitPath: cockpitPath(row.seriesSlug, row.number)
	}));
}

/** A running live session of a meeting the person is confirmed for. */
export interface MyLiveSession {
	registrationId: string;
	seriesTitle: string;
	title: string;
	/** "482 913", as the moderation says it. */
	code: string;
	livePath: string;
}

/**
 * "Meine Treffen": the meetings whose live session runs now and that the signed-in person holds a
 * confirmed registration for (matched by email, like the registrations).
 */
export async function listMyLiveSessions(db: Kysely<Database>, actor: Actor): Promise<MyLiveSession[]> {
	const user = requireUser(actor);
	const rows = await listRunningSessionsOfConfirmedRegistrations(db, normalizeEmail(user.email));
	return rows.map((row) => ({
		registrationId: row.registrationId,
		seriesTitle: row.seriesTitle,
		title: formatMeetingTitle(row.number, row.meetingNoun),
		code: formatJoinCode(row.joinCode),
		livePath: `/live/${row.joinCode}`
	}));
}

/** The JSON a participant downloads: everything stored about them, in plain names. */
export interface OwnDataExport {
	exportedAt: string;
	account?: { email: string; displayName: string };
	registrations: OwnRegistrationView[];
	/** Topic wishes, votes, follows, comments and good-practice contacts (signed in only). */
	wishes?: WishPersonalData;
}

export async function exportMyData(
	db: Kysely<Database>,
	actor: Actor,
	now = new Date()
): Promise<OwnDataExport> {
	const user = requireUser(actor);
	return {
		exportedAt: now.toISOString(),
		account: { email: user.email, displayName: user.displayName },
		registrations: await listMyRegistrations(db, actor),
		wishes: await listWishDataFor(db, user.email)
	};
}

export async function exportOwnDataByManageToken(
	db: Kysely<Database>,
	manageToken: string,
	now = new Date()
): Promise<OwnDataExport> {
	const record = await findRegistrationByManageHash(db, hashToken(manageToken));
	if (!record) throw notFound('registration.manageLinkInvalid');
	return { exportedAt: now.toISOString(), registrations: await viewsOf(db, [record]) };
}

/** Where erasure finds the mail outbox: DATA_DIR from the configuration. */
export interface ErasureOptions extends MailOptions {
	dataDir: string;
}

/**
 * Deletes registrations and their people, with every trace in the meeting's documentation
 * versions, credits and mails to them (services/erasure), then gives freed places to the
 * waiting lists.
 */
async function deleteRecords(
	db: Kysely<Database>,
	mailer: Mailer,
	records: repo.RegistrationWithPerson[],
	options: ErasureOptions,
	/** The signed-in person's email: their topic wishes' data goes with the rest. */
	wishEmail?: string
): Promise<void> {
	const outboxFiles = await db.transaction().execute(async (trx) => {
		const files: string[] = [];
		if (wishEmail) await deleteWishDataFor(trx, wishEmail);
		for (const record of records) {
			await deleteRegistrationAndPerson(trx, record);
			const person = { personKey: record.person.personKey, email: record.emailNormalized };
			files.push(...(await eraseFromMeetingRecords(trx, record.meetingId, [person], { kind: 'delete' })));
		}
		return files;
	});
	await removeOutboxFiles(options.dataDir, outboxFiles);
	const freedMeetings = new Set(
		records.filter((r) => r.status === REGISTRATION_STATUS.confirmed).map((r) => r.meetingId)
	);
	for (const meetingId of freedMeetings) await moveUpWaitingList(db, mailer, meetingId, options);
}

export async function deleteOwnDataByManageToken(
	db: Kysely<Database>,
	mailer: Mailer,
	manageToken: string,
	options: ErasureOptions
): Promise<void> {
	const record = await findRegistrationByManageHash(db, hashToken(manageToken));
	if (!record) throw notFound('registration.manageLinkInvalid');
	await deleteRecords(db, mailer, [record], options);
}

/**
 * Deletes every registration under the signed-in user's email, and their topic wishes' data
 * (services/wishes-personal-data); the account itself stays.
 */
export async function deleteMyRegistrations(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	options: ErasureOptions
): Promise<number> {
	const user = requireUser(actor);
	const email = normalizeEmail(user.email);
	const records = await repo.listRegistrationsByEmail(db, email);
	await deleteRecords(db, mailer, records, options, email);
	return records.length;
}

/**
 * Opens the manage page of one of the signed-in user's registrations: a fresh manage link is
 * made (only hashes are stored, so the mailed one cannot be shown), which replaces the old one.
 */
export async function openManageLink(
	db: Kysely<Database>,
	actor: Actor,
	registrationId: string
): Promise<string> {
	const user = requireUser(actor);
	const record = await repo.findRegistrationById(db, registrationId);
	if (!record || record.emailNormalized !== normalizeEmail(user.email))
		throw notFound('registration.notFound');
	const token = randomBytes(32).toString('base64url');
	await setManageTokenHash(db, record.id, hashToken(token));
	return token;
}

/** The account part of "Meine Daten". */
export async function getMyAccount(
	db: Kysely<Database>,
	actor: Actor
): Promise<{ email: string; displayName: string }> {
	const user = requireUser(actor);
	const account = await accounts.findAccountById(db, user.userId);
	if (!account) throw unauthenticated();
	return { email: account.email, displayName: account.displayName };
}
