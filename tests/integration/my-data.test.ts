import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import { anonymous } from '../../src/lib/domain/policy';
import type { Mailer, OutgoingMail } from '../../src/lib/server/mail/mailer';
import { actorFromSession } from '../../src/lib/server/services/auth';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { requestMagicLink, signInWithMagicLink } from '../../src/lib/server/services/magic-link';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import {
	deleteMyRegistrations,
	deleteOwnDataByManageToken,
	exportMyData,
	exportOwnDataByManageToken,
	listMyRegistrations
} from '../../src/lib/server/services/my-data';
import { meetingCalendar, seriesCalendar } from '../../src/lib/server/services/calendar-feeds';
import { createRegistration } from '../../src/lib/server/services/registration';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { submitWish } from '../../src/lib/server/services/wishes-contributions';
import { confirmWishLink, followWish, voteForWish } from '../../src/lib/server/services/wishes-votes';
import { listWishDataFor } from '../../src/lib/server/services/wishes-personal-data';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return {
		sent,
		async send(mail) {
			sent.push(mail);
			return { messageId: randomUUID(), transport: 'outbox', fileName: null };
		}
	};
}

const ORIGIN = 'http://netzwerkstatt.test';
const options = { publicOrigin: ORIGIN };
/** No mail reaches the outbox here (the mailer is in memory); erasure only needs the folder's name. */
const dataDir = '/nonexistent/netzwerkstatt-test-data';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		return error as AppError;
	}
	throw new Error('expected a rejection');
}

for (const database of testDatabases()) {
	describe(`${database.name}: own data and calendars`, () => {
		afterAll(() => database.close());

		async function setup() {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await createSeries(db, organizer.actor, { title: `Daten ${randomUUID().slice(0, 8)}` });
			const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
			const venue = { mode: 'online', url: 'https://zoom.example.org/j/7' };
			const one = await createMeeting(db, organizer.actor, series.id, {
				date,
				start: '14:00',
				end: '16:00',
				venue
			});
			const two = await createMeeting(db, organizer.actor, series.id, {
				date,
				start: '17:00',
				end: '18:00',
				venue
			});
			await publishSeries(db, organizer.actor, series.id);
			await publishMeeting(db, organizer.actor, series.id, one.number);
			await publishMeeting(db, organizer.actor, series.id, two.number);
			const mailer = recordingMailer();
			const email = `daten-${randomUUID().slice(0, 6)}@example.org`;
			for (const number of [one.number, two.number])
				await createRegistration(
					db,
					mailer,
					anonymous,
					{ seriesId: series.id, number },
					{ name: 'Dora Daten', email, consent: { participantList: true, shareEmail: true } },
					{ ...options, source: 'self', locale: 'de', clientAddress: randomUUID() }
				);
			await requestMagicLink(
				db,
				mailer,
				{ email },
				{ ...options, locale: 'de', clientAddress: randomUUID() }
			);
			const magicToken = /\/login\/link\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
			const actor = await actorFromSession(
				db,
				(await signInWithMagicLink(db, magicToken, { sessionDays: 1 })).token
			);
			const manageTokens = mailer.sent
				.filter((mail) => mail.kind === 'confirmation-request')
				.map((mail) => /\/registrations\/manage\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!);
			return {
				db,
				organizer,
				series: series.id,
				numbers: [one.number, two.number],
				mailer,
				email,
				actor,
				manageTokens
			};
		}

		it('shows and exports the signed-in person their registrations, and deletes them everywhere', async () => {
			const { db, organizer, series, numbers, mailer, email, actor } = await setup();
			expect((await listMyRegistrations(db, actor)).map((r) => r.meeting.number).sort()).toEqual(
				[...numbers].sort()
			);
			const exported = await exportMyData(db, actor);
			expect(exported.account?.email).toBe(email);
			expect(exported.registrations[0]?.person).toMatchObject({ name: 'Dora Daten', email });

			expect(await deleteMyRegistrations(db, mailer, actor, { ...options, dataDir })).toBe(2);
			expect(await listMyRegistrations(db, actor)).toEqual([]);
			for (const number of numbers) {
				const document = await exportMeeting(db, organizer.actor, series, number);
				expect(JSON.stringify(document)).not.toContain('Dora Daten');
			}
			expect((await rejection(listMyRegistrations(db, anonymous))).kind).toBe('unauthenticated');
		});

		it('exports the signed-in person their topic wishes and votes, and deletes them with the rest', async () => {
			const { db, series, mailer, email, actor } = await setup();
			const wishOptions = () => ({
				locale: 'de' as const,
				publicOrigin: ORIGIN,
				clientAddress: randomUUID()
			});
			const confirmLast = async () => {
				const token = /\/wuensche\/bestaetigen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)?.text ?? '')?.[1];
				if (!token) throw new Error('no confirmation link');
				await confirmWishLink(db, token);
			};
			const own = await submitWish(
				db,
				mailer,
				anonymous,
				series,
				{ title: 'Daten teilen', body: 'Wie?', name: 'Dora Daten', showName: 'on', email },
				wishOptions()
			);
			await confirmLast();
			const other = await submitWish(
				db,
				mailer,
				anonymous,
				series,
				{
					title: 'Archive öffnen',
					body: 'Wie?',
					name: 'Otto Anders',
					email: `otto-${randomUUID()}@example.org`
				},
				wishOptions()
			);
			await confirmLast();
			if (!own.wishId || !other.wishId) throw new Error('no wish');
			await voteForWish(db, mailer, anonymous, series, other.wishId, { email }, wishOptions());
			await confirmLast();
			await followWish(db, mailer, anonymous, series, other.wishId, { email }, wishOptions());

			const exported = await exportMyData(db, actor);
			expect(exported.wishes?.wishes.map((wish) => [wish.title, wish.authorEmail])).toEqual([
				['Daten teilen', email]
			]);
			expect(exported.wishes?.votes.map((vote) => vote.wishId)).toEqual([other.wishId]);

			await deleteMyRegistrations(db, mailer, actor, { ...options, dataDir });
			expect(await listWishDataFor(db, email)).toMatchObject({ wishes: [], votes: [], follows: [] });
			const stored = JSON.stringify([
				await db
					.selectFrom('topic_wishes')
					.selectAll()
					.where('id', 'in', [own.wishId, other.wishId])
					.execute(),
				await db.selectFrom('topic_wish_votes').selectAll().execute(),
				await db.selectFrom('topic_wish_followers').selectAll().execute()
			]);
			expect(stored).toContain('Daten teilen');
			expect(stored).not.toContain(email);
		});

		it('exports and deletes one registration by its manage link', async () => {
			const { db, mailer, manageTokens, actor } = await setup();
			const exported = await exportOwnDataByManageToken(db, manageTokens[0]!);
			expect(exported.registrations).toHaveLength(1);
			await deleteOwnDataByManageToken(db, mailer, manageTokens[0]!, { ...options, dataDir });
			expect(await listMyRegistrations(db, actor)).toHaveLength(1);
			expect((await rejection(exportOwnDataByManageToken(db, manageTokens[0]!))).kind).toBe('not-found');
		});

		it('publishes a meeting .ics and a series feed that ical.js reads', async () => {
			const { db, series, numbers } = await setup();
			const single = new ICAL.Component(
				ICAL.parse(await meetingCalendar(db, anonymous, { seriesId: series, number: numbers[0]! }, options))
			);
			expect(single.getFirstPropertyValue('method')).toBe('PUBLISH');
			expect(single.getAllSubcomponents('vevent')).toHaveLength(1);
			const feed = new ICAL.Component(ICAL.parse(await seriesCalendar(db, series, options)));
			const events = feed.getAllSubcomponents('vevent');
			expect(events).toHaveLength(2);
			expect(new Set(events.map((event) => String(event.getFirstPropertyValue('uid')))).size).toBe(2);
			expect(events[0]?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
			expect((await rejection(seriesCalendar(db, `unbekannt-${randomUUID()}`, options))).kind).toBe(
				'not-found'
			);
		});
	});
}
