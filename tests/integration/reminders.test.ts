import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src/lib/domain/meeting-time';
import { sendDueReminders } from '../../src/lib/server/jobs/reminders';
import type { Mailer, OutgoingMail } from '../../src/lib/server/mail/mailer';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createRegistration } from '../../src/lib/server/services/registration';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** A mailer that records what it is asked to send (the SMTP path is tested in registration.test.ts). */
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

for (const database of testDatabases()) {
	describe(`${database.name}: reminders`, () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'nws-reminders-'));
		afterAll(async () => {
			rmSync(dataDir, { recursive: true, force: true });
			await database.close();
		});

		/** A meeting on a far-future date (so other tests' meetings never fall in its window) with confirmed people. */
		async function meetingWithPeople(date: string, settings: { day: boolean; hour: boolean }) {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await createSeries(db, organizer.actor, {
				title: `Erinnerung ${randomUUID().slice(0, 8)}`
			});
			const meeting = await createMeeting(db, organizer.actor, series.id, {
				date,
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', url: 'https://zoom.example.org/j/9' }
			});
			await publishSeries(db, organizer.actor, series.id);
			await publishMeeting(db, organizer.actor, series.id, meeting.number);
			await db
				.updateTable('meetings')
				.set({ remind_day_before: settings.day ? 1 : 0, remind_hour_before: settings.hour ? 1 : 0 })
				.where('series_id', 'in', db.selectFrom('series').select('id').where('slug', '=', series.id))
				.execute();
			const mailer = recordingMailer();
			const emails = [
				`a-${randomUUID().slice(0, 6)}@example.org`,
				`b-${randomUUID().slice(0, 6)}@example.org`
			];
			for (const email of emails)
				await createRegistration(
					db,
					mailer,
					organizer.actor,
					{ seriesId: series.id, number: meeting.number },
					{ name: email, email },
					{ source: 'organizer', sendConfirmation: false, locale: 'de', publicOrigin: ORIGIN }
				);
			return { db, emails };
		}

		it('sends the day-before and the hour-before reminder once each, also when run twice at once', async () => {
			const date = `2${String(Math.floor(Math.random() * 900) + 100)}-03-30`; // a DST change day in some year
			const { db, emails } = await meetingWithPeople(date, { day: true, hour: true });
			const start = zonedInstant(date, '14:00', 'Europe/Berlin');
			const mailer = recordingMailer();

			const early = new Date(start.getTime() - 25 * 3_600_000);
			expect((await sendDueReminders(db, mailer, early, { publicOrigin: ORIGIN })).sent).toBe(0);

			const dayBefore = new Date(start.getTime() - 23 * 3_600_000);
			// Two instances at the same minute: the claims let only one send each reminder.
			const [one, two] = await Promise.all([
				sendDueReminders(db, mailer, dayBefore, { publicOrigin: ORIGIN }),
				sendDueReminders(db, mailer, dayBefore, { publicOrigin: ORIGIN })
			]);
			expect(one.sent + two.sent).toBe(2);
			expect(mailer.sent.map((mail) => [mail.to, mail.kind]).sort()).toEqual(
				emails.map((email) => [email, 'reminder-day']).sort()
			);
			expect(mailer.sent[0]?.subject).toMatch(/^Morgen:/);

			// A restart later in the day sends nothing new.
			expect(
				(await sendDueReminders(db, mailer, new Date(dayBefore.getTime() + 60_000), { publicOrigin: ORIGIN }))
					.sent
			).toBe(0);

			const hourBefore = new Date(start.getTime() - 30 * 60_000);
			expect((await sendDueReminders(db, mailer, hourBefore, { publicOrigin: ORIGIN })).sent).toBe(2);
			expect(mailer.sent.filter((mail) => mail.kind === 'reminder-hour')).toHaveLength(2);
			expect((await sendDueReminders(db, mailer, hourBefore, { publicOrigin: ORIGIN })).sent).toBe(0);

			// After the start nothing more goes out.
			expect(
				(await sendDueReminders(db, mailer, new Date(start.getTime() + 60_000), { publicOrigin: ORIGIN }))
					.sent
			).toBe(0);
		});

		it('respects the meeting settings: no reminders when switched off', async () => {
			const date = `2${String(Math.floor(Math.random() * 900) + 100)}-07-01`;
			const { db } = await meetingWithPeople(date, { day: false, hour: false });
			const start = zonedInstant(date, '14:00', 'Europe/Berlin');
			const mailer = recordingMailer();
			expect(
				(
					await sendDueReminders(db, mailer, new Date(start.getTime() - 20 * 3_600_000), {
						publicOrigin: ORIGIN
					})
				).sent
			).toBe(0);
			expect(
				(
					await sendDueReminders(db, mailer, new Date(start.getTime() - 30 * 60_000), {
						publicOrigin: ORIGIN
					})
				).sent
			).toBe(0);
			expect(mailer.sent).toEqual([]);
		});
	});
}
