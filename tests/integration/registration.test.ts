import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { Kysely } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { createMailer, type Mailer } from '../../src/lib/server/mail/mailer';
import { addAgendaItem } from '../../src/lib/server/services/agenda';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { listOutbox, readOutboxMail } from '../../src/lib/server/services/outbox';
import { createRegistration } from '../../src/lib/server/services/registration';
import { confirmRegistration } from '../../src/lib/server/services/registration-confirm';
import {
	getRegistrationByManageToken,
	updateConsentsByManageToken
} from '../../src/lib/server/services/registration-manage';
import { cancelRegistration } from '../../src/lib/server/services/registration-status';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { buildParticipants } from '../../src/lib/domain/documentation/model';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** A real SMTP server on 127.0.0.1 that keeps every message it receives, parsed. */
async function startSmtp(): Promise<{ url: string; mails: ParsedMail[]; close(): Promise<void> }> {
	const mails: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((mail) => {
					mails.push(mail);
					callback();
				})
				.catch((error: Error) => callback(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
		mails,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

const ORIGIN = 'http://netzwerkstatt.test';
const MAIL_FROM = 'Netzwerkstatt <anmeldung@netzwerkstatt.test>';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		return error as AppError;
	}
	throw new Error('expected a rejection');
}

/** A published meeting of a published series, a month ahead, with an agenda and a video link. */
async function publishedMeeting(
	db: Kysely<Database>,
	options: { capacity?: number; publish?: boolean } = {}
) {
	const organizer = await factories(db).organizer();
	const series = await createSeries(db, organizer.actor, {
		title: `Austausch ${randomUUID().slice(0, 8)}`,
		organizer: { name: 'LWL-Kulturabteilung' }
	});
	const date = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
	const meeting = await createMeeting(db, organizer.actor, series.id, {
		date,
		start: '14:00',
		end: '16:00',
		venue: { mode: 'online', platform: 'Zoom', url: 'https://zoom.example.org/j/123' },
		topic: { title: 'Lokale Netzwerke' }
	});
	await addAgendaItem(
		db,
		organizer.actor,
		{ seriesId: series.id, number: meeting.number },
		{
			kind: 'welcome',
			title: 'Begrüßung',
			start: '14:00',
			end: '14:05'
		}
	);
	if (options.publish !== false) {
		await publishSeries(db, organizer.actor, series.id);
		await publishMeeting(db, organizer.actor, series.id, meeting.number);
	}
	if (options.capacity !== undefined)
		await db
			.updateTable('meetings')
			.set({ capacity: options.capacity })
			.where(
				'series_id',
				'=',
				(await db.selectFrom('series').select('id').where('slug', '=', series.id).executeTakeFirstOrThrow())
					.id
			)
			.execute();
	return { organizer, address: { seriesId: series.id, number: meeting.number }, date };
}

function linkIn(mail: ParsedMail, path: string): string {
	const match = new RegExp(`${ORIGIN}${path}/([A-Za-z0-9_-]+)`).exec(mail.text ?? '');
	if (!match) throw new Error(`No ${path} link in: ${mail.text}`);
	return match[1]!;
}

function person(email: string, consent = { participantList: false, shareEmail: false }) {
	return {
		name: `Person ${email.split('@')[0]}`,
		email,
		organization: 'Kulturbüro',
		municipality: 'Bielefeld',
		role: 'Leitung',
		consent
	};
}

for (const database of testDatabases()) {
	describe(`${database.name}: registration`, () => {
		let smtp: Awaited<ReturnType<typeof startSmtp>>;
		let mailer: Mailer;
		const dataDir = mkdtempSync(join(tmpdir(), 'nws-registration-'));
		const mailOptions = { publicOrigin: ORIGIN, mailFrom: MAIL_FROM };
		const self = (clientAddress: string = randomUUID()) => ({
			...mailOptions,
			source: 'self' as const,
			locale: 'de' as const,
			clientAddress
		});

		beforeAll(async () => {
			smtp = await startSmtp();
			mailer = createMailer({ smtpUrl: smtp.url, from: MAIL_FROM, dataDir });
		});
		afterAll(async () => {
			await smtp.close();
			rmSync(dataDir, { recursive: true, force: true });
			await database.close();
		});

		const mailsTo = (email: string) =>
			smtp.mails.filter((mail) =>
				JSON.stringify(mail.to ?? '')
					.toLowerCase()
					.includes(email.toLowerCase())
			);

		it('registers, confirms by the mailed link, and sends the invitation ical.js reads', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db);
			const email = `anna-${randomUUID().slice(0, 6)}@example.org`;
			const outcome = await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				person(email.toUpperCase()),
				self()
			);
			expect(outcome).toMatchObject({ status: 'pending', isFull: false });

			const stored = await db
				.selectFrom('people')
				.innerJoin('registrations', 'registrations.person_id', 'people.id')
				.select([
					'people.status as personStatus',
					'people.is_registered',
					'people.ags',
					'registrations.status',
					'registrations.confirm_token_hash'
				])
				.where('registrations.id', '=', outcome.registrationId!)
				.executeTakeFirstOrThrow();
			expect(stored).toMatchObject({
				personStatus: 'pending',
				status: 'pending',
				is_registered: 0,
				ags: '05711000'
			});

			const [request] = mailsTo(email);
			expect(request?.subject).toMatch(/^Bitte bestätigen Sie Ihre Anmeldung/);
			expect(request?.html).toContain('<a href=');
			const token = linkIn(request!, '/registrations/confirm');
			// Only the hash is stored.
			expect(stored.confirm_token_hash).not.toContain(token);

			const confirmed = await confirmRegistration(db, mailer, token, mailOptions);
			expect(confirmed.status).toBe('confirmed');
			const person2 = await db
				.selectFrom('people')
				.innerJoin('registrations', 'registrations.person_id', 'people.id')
				.select(['people.status', 'people.is_registered'])
				.where('registrations.id', '=', outcome.registrationId!)
				.executeTakeFirstOrThrow();
			expect(person2).toEqual({ status: 'confirmed', is_registered: 1 });

			const registered = mailsTo(email).find((mail) => mail.subject?.startsWith('Anmeldung bestätigt'));
			expect(registered?.text).toContain('https://zoom.example.org/j/123');
			const ics = registered?.attachments.find((attachment) =>
				attachment.contentType.startsWith('text/calendar')
			);
			expect(ics).toBeDefined();
			const component = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
			expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
			const event = component.getFirstSubcomponent('vevent')!;
			expect(String(event.getFirstPropertyValue('organizer'))).toBe('mailto:anmeldung@netzwerkstatt.test');
			expect(event.getFirstProperty('organizer')?.getParameter('cn')).toBe('LWL-Kulturabteilung');
			const start = event.getFirstProperty('dtstart')!;
			expect(start.getParameter('tzid')).toBe('Europe/Berlin');
			expect(String(start.getFirstValue())).toMatch(/T14:00:00$/);
			expect(String(event.getFirstPropertyValue('url'))).toBe('https://zoom.example.org/j/123');
			expect(String(event.getFirstPropertyValue('location'))).toBe('https://zoom.example.org/j/123');
			expect(String(event.getFirstPropertyValue('description'))).toContain('14:00-14:05 Begrüßung');
			expect(event.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString()).toBe(
				'-PT30M'
			);
			expect(component.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
				'Europe/Berlin'
			);

			// The link is spent.
			expect((await rejection(confirmRegistration(db, mailer, token, mailOptions))).summary.key).toBe(
				'registration.confirmLinkInvalid'
			);
		});

		it('a second registration with the same email, whatever its case, adds no row and only asks the owner', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db);
			const email = `bert-${randomUUID().slice(0, 6)}@example.org`;
			await createRegistration(db, mailer, anonymous, address, person(email), self());
			const before = mailsTo(email).length;
			// The same answer as a first registration: it does not tell whether the address is known.
			const again = await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				person(` ${email.toUpperCase()} `),
				self()
			);
			expect(again).toMatchObject({ status: 'pending', isFull: false });
			const asked = mailsTo(email).slice(before);
			expect(asked.map((mail) => mail.subject)).toEqual([
				expect.stringMatching(/^Bitte bestätigen Sie Ihre Angaben/)
			]);
			const count = await db
				.selectFrom('registrations')
				.select('id')
				.where('email_normalized', '=', email)
				.execute();
			expect(count).toHaveLength(1);
		});

		it('an invited person who registers by the form stays invited until they confirm from the mail', async () => {
			const db = await database.open();
			const { address, organizer } = await publishedMeeting(db);
			const email = `eingeladen-${randomUUID().slice(0, 6)}@example.org`;
			const invited = await createRegistration(db, mailer, organizer.actor, address, person(email), {
				...mailOptions,
				source: 'invitation',
				locale: 'de'
			});
			expect(invited.status).toBe('invited');
			const registered = await createRegistration(db, mailer, anonymous, address, person(email), self());
			expect(registered).toMatchObject({ registrationId: invited.registrationId, status: 'pending' });
			const rows = await db
				.selectFrom('registrations')
				.select('status')
				.where('email_normalized', '=', email)
				.execute();
			expect(rows).toEqual([{ status: 'invited' }]);
			const asked = mailsTo(email).find((mail) =>
				mail.subject?.startsWith('Bitte bestätigen Sie Ihre Angaben')
			);
			const confirmed = await confirmRegistration(
				db,
				mailer,
				linkIn(asked!, '/registrations/confirm'),
				mailOptions
			);
			expect(confirmed.status).toBe('confirmed');
		});

		it('refuses invalid input, unpublished meetings and closed registration, writing nothing', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db);
			const invalid = await rejection(
				createRegistration(
					db,
					mailer,
					anonymous,
					address,
					{ ...person('x@example.org'), email: 'kein-mail', name: '' },
					self()
				)
			);
			expect(invalid.kind).toBe('validation');
			expect(invalid.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/name', 'validation.required'],
				['/email', 'validation.invalidEmail']
			]);

			const draft = await publishedMeeting(db, { publish: false });
			const hidden = await rejection(
				createRegistration(db, mailer, anonymous, draft.address, person('d@example.org'), self())
			);
			expect(hidden.kind).toBe('not-found');
			// Its organizer sees the draft, but public registration stays closed.
			const asOrganizer = await rejection(
				createRegistration(db, mailer, draft.organizer.actor, draft.address, person('d@example.org'), self())
			);
			expect(asOrganizer.summary.key).toBe('registration.meetingNotPublished');

			await db
				.updateTable('meetings')
				.set({ is_registration_open: 0 })
				.where('number', '=', address.number)
				.where('series_id', 'in', db.selectFrom('series').select('id').where('slug', '=', address.seriesId))
				.execute();
			const closed = await rejection(
				createRegistration(db, mailer, anonymous, address, person('c@example.org'), self())
			);
			expect(closed.summary.key).toBe('registration.closed');
			const rows = await db
				.selectFrom('registrations')
				.select('id')
				.where('email_normalized', 'in', ['x@example.org', 'd@example.org', 'c@example.org'])
				.execute();
			expect(rows).toEqual([]);
		});

		it('answers a filled honeypot like success but stores and sends nothing', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db);
			const email = `bot-${randomUUID().slice(0, 6)}@example.org`;
			const outcome = await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				{ ...person(email), website: 'http://spam' },
				self()
			);
			expect(outcome).toEqual({ registrationId: null, status: 'pending', isFull: false });
			expect(
				await db.selectFrom('registrations').select('id').where('email_normalized', '=', email).execute()
			).toEqual([]);
			expect(mailsTo(email)).toEqual([]);
		});

		it('limits registrations per client address', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db);
			const client = `client-${randomUUID()}`;
			for (let index = 0; index < 10; index++)
				await createRegistration(
					db,
					mailer,
					anonymous,
					address,
					person(`rl${index}-${randomUUID().slice(0, 4)}@example.org`),
					self(client)
				);
			const limited = await rejection(
				createRegistration(db, mailer, anonymous, address, person(`rl-over@example.org`), self(client))
			);
			expect(limited.kind).toBe('rate-limited');
			expect(
				await db
					.selectFrom('registrations')
					.select('id')
					.where('email_normalized', '=', 'rl-over@example.org')
					.execute()
			).toEqual([]);
		});

		it('puts people on the waiting list when full and moves the first up when someone cancels', async () => {
			const db = await database.open();
			const { address } = await publishedMeeting(db, { capacity: 1 });
			const suffix = randomUUID().slice(0, 6);
			const [first, second, third] = [
				`eins-${suffix}@example.org`,
				`zwei-${suffix}@example.org`,
				`drei-${suffix}@example.org`
			];
			for (const email of [first, second, third]) {
				await createRegistration(db, mailer, anonymous, address, person(email), self());
				const outcome = await confirmRegistration(
					db,
					mailer,
					linkIn(mailsTo(email)[0]!, '/registrations/confirm'),
					mailOptions
				);
				expect(outcome.status).toBe(email === first ? 'confirmed' : 'waiting');
			}
			// A fourth sees "full" right away.
			const fourth = await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				person(`vier-${suffix}@example.org`),
				self()
			);
			expect(fourth.isFull).toBe(true);

			const manageToken = linkIn(
				mailsTo(first).find((mail) => mail.subject?.startsWith('Anmeldung bestätigt'))!,
				'/registrations/manage'
			);
			expect((await getRegistrationByManageToken(db, manageToken)).status).toBe('confirmed');
			const cancelled = await cancelRegistration(db, mailer, { manageToken }, mailOptions);
			expect(cancelled.movedUp).toHaveLength(1);

			const statuses = await db
				.selectFrom('registrations')
				.innerJoin('people', 'people.id', 'registrations.person_id')
				.select([
					'registrations.email_normalized',
					'registrations.status',
					'people.status as personStatus',
					'people.is_registered'
				])
				.where('registrations.email_normalized', 'in', [first, second, third])
				.orderBy('registrations.email_normalized')
				.execute();
			expect(statuses).toEqual([
				{ email_normalized: third, status: 'waiting', personStatus: 'waiting', is_registered: 0 },
				{ email_normalized: first, status: 'cancelled', personStatus: 'cancelled', is_registered: 0 },
				{ email_normalized: second, status: 'confirmed', personStatus: 'confirmed', is_registered: 1 }
			]);
			const movedUpMail = mailsTo(second).find((mail) => mail.text?.includes('Warteliste nachgerückt'));
			expect(movedUpMail?.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
			const cancelMail = mailsTo(first).find((mail) => mail.subject?.startsWith('Abmeldung bestätigt'));
			const cancelIcs = cancelMail?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
			expect(
				new ICAL.Component(ICAL.parse(cancelIcs!.content.toString('utf8'))).getFirstPropertyValue('method')
			).toBe('CANCEL');

			// Cancelling again changes nothing.
			expect((await cancelRegistration(db, mailer, { manageToken }, mailOptions)).movedUp).toEqual([]);
		});

		it('names a person on the publishable list only with consent, and consents can change', async () => {
			const db = await database.open();
			const { address, organizer } = await publishedMeeting(db);
			const suffix = randomUUID().slice(0, 6);
			const shy = `shy-${suffix}@example.org`;
			const open = `open-${suffix}@example.org`;
			await createRegistration(db, mailer, anonymous, address, person(shy), self());
			await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				person(open, { participantList: true, shareEmail: false }),
				self()
			);
			for (const email of [shy, open])
				await confirmRegistration(
					db,
					mailer,
					linkIn(mailsTo(email)[0]!, '/registrations/confirm'),
					mailOptions
				);

			const listed = async () =>
				buildParticipants(await exportMeeting(db, organizer.actor, address.seriesId, address.number));
			expect(await listed()).toEqual([
				{ name: `Person open-${suffix}`, organization: 'Kulturbüro', municipality: 'Bielefeld', email: '' }
			]);
			const document = await exportMeeting(db, organizer.actor, address.seriesId, address.number);
			expect(document.meeting.people?.find((p) => p.email === open)).toMatchObject({
				registered: true,
				status: 'confirmed',
				ags: '05711000'
			});

			const manageToken = linkIn(
				mailsTo(shy).find((mail) => mail.subject?.startsWith('Anmeldung bestätigt'))!,
				'/registrations/manage'
			);
			await updateConsentsByManageToken(db, manageToken, { participantList: true, shareEmail: true });
			expect((await listed()).map((row) => row.email).sort()).toEqual(['', shy]);
		});

		it('confirms organizer-added people at once without a mail, and only for organizers', async () => {
			const db = await database.open();
			const { address, organizer } = await publishedMeeting(db);
			const email = `manual-${randomUUID().slice(0, 6)}@example.org`;
			const options = {
				...mailOptions,
				source: 'organizer' as const,
				locale: 'de' as const,
				sendConfirmation: false
			};
			const outcome = await createRegistration(db, mailer, organizer.actor, address, person(email), options);
			expect(outcome.status).toBe('confirmed');
			expect(mailsTo(email)).toEqual([]);
			const stranger: Actor = (await factories(db).organizer()).actor;
			const refused = await rejection(
				createRegistration(db, mailer, stranger, address, person(`x-${email}`), options)
			);
			expect(refused.kind).toBe('forbidden');
		});

		it('writes .eml files to the outbox without SMTP, and shows them to the meeting organizers only', async () => {
			const db = await database.open();
			const outboxData = mkdtempSync(join(tmpdir(), 'nws-outbox-'));
			try {
				const outboxMailer = createMailer({ smtpUrl: undefined, from: MAIL_FROM, dataDir: outboxData });
				const { address, organizer } = await publishedMeeting(db);
				const email = `outbox-${randomUUID().slice(0, 6)}@example.org`;
				await createRegistration(db, outboxMailer, anonymous, address, person(email), self());
				const files = readdirSync(join(outboxData, 'outbox'));
				expect(files).toHaveLength(1);
				expect(readFileSync(join(outboxData, 'outbox', files[0]!), 'utf8')).toContain(`To: ${email}`);

				const entries = await listOutbox(db, organizer.actor);
				const entry = entries.find((mail) => mail.recipient === email);
				expect(entry).toMatchObject({ kind: 'confirmation-request', transport: 'outbox' });
				const content = await readOutboxMail(db, organizer.actor, entry!.id, outboxData);
				expect(content.content).toContain('/registrations/confirm/');

				const other = await factories(db).organizer();
				expect((await listOutbox(db, other.actor)).some((mail) => mail.recipient === email)).toBe(false);
				expect((await rejection(readOutboxMail(db, other.actor, entry!.id, outboxData))).kind).toBe(
					'not-found'
				);
				expect((await rejection(listOutbox(db, anonymous))).kind).toBe('unauthenticated');
			} finally {
				rmSync(outboxData, { recursive: true, force: true });
			}
		});
	});
}
