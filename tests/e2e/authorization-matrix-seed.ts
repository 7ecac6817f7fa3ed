import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connect';
import * as accounts from '../../src/lib/server/repositories/accounts';
import { uploadAttachment } from '../../src/lib/server/services/attachments';
import { hashToken } from '../../src/lib/server/services/auth';
import {
	createDocumentationVersion,
	publishDocumentation
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { createRegistration } from '../../src/lib/server/services/registration';
import { factories } from '../helpers/factories';
import { memoryMailer } from '../helpers/test-doubles';
import { liveMeetingDocument } from '../integration/live-fixtures';
import { send } from './authorization-matrix-probe';

/** The roles of the authorization matrix, in the order of the table's columns. */
export const roles = [
	'anonymous',
	'guest',
	'participant',
	'moderator',
	'otherOrganizer',
	'organizer',
	'admin'
] as const;
export type Role = (typeof roles)[number];

/** Each role sends from its own loopback address (127.3.0.1 …), as from its own machine. */
export function addressOf(role: Role): string {
	return `127.3.0.${roles.indexOf(role) + 1}`;
}

/** What the matrix's requests address: ids and keys of the seeded rows. */
export interface MatrixSeed {
	/** A published series of the organizer's organization. */
	series: string;
	/** Published, registration open, in the future, with a running live session (guests allowed). */
	meeting: number;
	/** A draft meeting of the same series. */
	draft: number;
	/** A published meeting of the same series with a published documentation. */
	documented: number;
	/** Its attachments: one in the published documentation version, one uploaded after it. */
	listedFileId: string;
	unlistedFileId: string;
	/** The other organization's meeting that `moderator` moderates. */
	otherSeries: string;
	otherMeeting: number;
	/** The live session's join code (digits). */
	code: string;
	organizationId: string;
	agendaItemId: string;
	personKey: string;
	pollKey: string;
	registrationId: string;
	/** An attachment of the published meeting (its documentation is not published). */
	fileId: string;
	/** An account to look at on the admin pages (the participant's). */
	accountId: string;
	/** Cookie header per role (empty for anonymous). */
	cookies: Record<Role, string>;
}

const SESSION_COOKIE = 'nws_session';

/** A date some weeks ahead (YYYY-MM-DD), so that registration stays open. */
function futureDate(): string {
	return new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * Seeds the running e2e app's database (its SQLite file) with what the matrix needs: two
 * organizations with their organizers, an admin, a moderator of the other organization's
 * meeting, a participant with a confirmed registration, a published meeting (with an agenda,
 * people, a poll and an attachment) and a draft one; then starts the published meeting's live
 * session and joins a guest through the app, over HTTP. Sessions are written to the database
 * directly (the sign-in form is tested elsewhere and rate-limited per client address).
 */
export async function seedMatrix(baseUrl: string, dataDir: string): Promise<MatrixSeed> {
	const handle = await openDatabase(`sqlite:${join(dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const db = handle.db;
		const make = factories(db);
		const organizer = await make.organizer();
		const otherOrganizer = await make.organizer();
		const admin = await make.admin();
		const participant = await make.user();
		const moderator = await make.user();

		const doc = liveMeetingDocument();
		doc.meeting.date = futureDate();
		await importMeeting(db, organizer.actor, doc, { publish: true });
		const draftDoc = liveMeetingDocument();
		draftDoc.series.id = doc.series.id;
		draftDoc.meeting.number = doc.meeting.number + 1;
		draftDoc.meeting.date = futureDate();
		await importMeeting(db, organizer.actor, draftDoc);
		const documentedDoc = liveMeetingDocument();
		documentedDoc.series.id = doc.series.id;
		documentedDoc.meeting.number = doc.meeting.number + 2;
		await importMeeting(db, organizer.actor, documentedDoc, { publish: true });
		const otherDoc = liveMeetingDocument();
		await importMeeting(db, otherOrganizer.actor, otherDoc);

		const meetingRow = async (series: string, number: number) =>
			db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', series)
				.where('meetings.number', '=', number)
				.executeTakeFirstOrThrow();
		const meeting = await meetingRow(doc.series.id, doc.meeting.number);
		const otherMeeting = await meetingRow(otherDoc.series.id, otherDoc.meeting.number);
		await db
			.insertInto('meeting_roles')
			.values({
				meeting_id: otherMeeting.id,
				user_id: moderator.id,
				role: 'moderator',
				granted_by: otherOrganizer.userId,
				created_at: new Date().toISOString()
			})
			.execute();

		const address = { seriesId: doc.series.id, number: doc.meeting.number };
		const registration = await createRegistration(
			db,
			memoryMailer(),
			organizer.actor,
			address,
			{ name: 'Matrix Teilnehmerin', email: participant.email, consent: { participantList: true } },
			{
				source: 'organizer',
				sendConfirmation: false,
				locale: 'de',
				publicOrigin: baseUrl,
				mailFrom: 'test@example.org'
			}
		);
		if (registration.status !== 'confirmed' || !registration.registrationId)
			throw new Error(`The participant's registration is ${registration.status}, not confirmed`);

		const agendaItem = await db
			.selectFrom('agenda_items')
			.select('id')
			.where('meeting_id', '=', meeting.id)
			.orderBy('position')
			.executeTakeFirstOrThrow();
		const person = await db
			.selectFrom('people')
			.select('person_key')
			.where('meeting_id', '=', meeting.id)
			.orderBy('position')
			.executeTakeFirstOrThrow();
		const upload = (at: { seriesId: string; number: number }, title: string) =>
			uploadAttachment(
				db,
				organizer.actor,
				at,
				{ title },
				{
					name: 'folien.pdf',
					bytes: new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n')
				},
				{ dataDir, limitBytes: 10 * 1024 * 1024 }
			);
		const uploaded = await upload(address, 'Folien der Matrix');

		const documented = { seriesId: doc.series.id, number: documentedDoc.meeting.number };
		const listed = await upload(documented, 'Folien in der Dokumentation');
		const version = await createDocumentationVersion(db, organizer.actor, documented, {});
		await publishDocumentation(db, organizer.actor, documented, { versionId: version.id });
		const unlisted = await upload(documented, 'Folien nach der Veröffentlichung');

		const sessionCookie = async (userId: string) => {
			const token = randomBytes(32).toString('base64url');
			const now = new Date();
			await accounts.insertSession(db, {
				idHash: hashToken(token),
				userId,
				createdAt: now.toISOString(),
				expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString()
			});
			return `${SESSION_COOKIE}=${token}`;
		};
		const cookies: Record<Role, string> = {
			anonymous: '',
			guest: '',
			participant: await sessionCookie(participant.id),
			moderator: await sessionCookie(moderator.id),
			otherOrganizer: await sessionCookie(otherOrganizer.userId),
			organizer: await sessionCookie(organizer.userId),
			admin: await sessionCookie(admin.userId)
		};

		const code = await startLive(baseUrl, cookies.organizer, doc.series.id, doc.meeting.number);
		cookies.guest = await joinAsGuest(baseUrl, code);

		return {
			series: doc.series.id,
			meeting: doc.meeting.number,
			draft: draftDoc.meeting.number,
			documented: documentedDoc.meeting.number,
			listedFileId: listed.fileId,
			unlistedFileId: unlisted.fileId,
			otherSeries: otherDoc.series.id,
			otherMeeting: otherDoc.meeting.number,
			code,
			organizationId: organizer.organizationId,
			agendaItemId: agendaItem.id,
			personKey: person.person_key,
			pollKey: doc.meeting.polls![0]!.id,
			registrationId: registration.registrationId,
			fileId: uploaded.fileId,
			accountId: participant.id,
			cookies
		};
	} finally {
		await handle.close();
	}
}

async function startLive(baseUrl: string, cookie: string, series: string, number: number): Promise<string> {
	const response = await send(`${baseUrl}/api/v1/meetings/${series}/${number}/live/start`, {
		method: 'POST',
		headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
		body: JSON.stringify({ allowsGuests: true }),
		localAddress: addressOf('organizer')
	});
	if (response.status !== 200)
		throw new Error(`Starting the live session failed: ${response.status} ${response.body}`);
	return (JSON.parse(response.body) as { code: string }).code;
}

/** Joins the live session as a guest over the JSON API; returns the guest cookie. */
async function joinAsGuest(baseUrl: string, code: string): Promise<string> {
	const response = await send(`${baseUrl}/api/v1/live/${code}/participants`, {
		method: 'POST',
		headers: { origin: baseUrl, 'content-type': 'application/json' },
		body: JSON.stringify({ displayName: `Gast ${randomUUID().slice(0, 4)}` }),
		localAddress: addressOf('guest')
	});
	const cookie = response.setCookie[0]?.split(';')[0];
	if (response.status !== 200 || !cookie) throw new Error(`Joining as a guest failed: ${response.status}`);
	return cookie;
}
