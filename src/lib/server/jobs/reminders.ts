import type { Kysely } from 'kysely';
import { isReminderDue, meetingStart, type ReminderKind } from '../../domain/meeting-time';
import { isLocale } from '../../i18n/translate';
import { meetingPageUrl } from '../calendar/ical';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { reminderMail } from '../mail/templates';
import { listMeetingsOnDates } from '../repositories/registrations-meetings';
import * as repo from '../repositories/registrations-reminders';

/**
 * Sends the reminders that are due: the day before (from 24 h before the start) and one hour
 * before, each when the meeting has it switched on, to confirmed registrations. Each reminder
 * is claimed in the database before it is sent (only the caller whose update changed the row
 * sends), so none goes out twice, across restarts and with several instances. A mail that fails
 * after its claim is logged and not retried: a missed reminder is better than a double one.
 */
export async function sendDueReminders(
	db: Kysely<Database>,
	mailer: Mailer,
	now: Date,
	options: { publicOrigin: string }
): Promise<{ sent: number }> {
	// Meetings within the next 24 h lie on today's or tomorrow's date in any zone within ±14 h.
	const dates = [-1, 0, 1, 2].map((days) =>
		new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10)
	);
	const meetings = (await listMeetingsOnDates(db, dates)).filter(
		(meeting) => meeting.isMeetingPublished && meeting.isSeriesPublished
	);
	let sent = 0;
	for (const kind of ['day', 'hour'] as const satisfies readonly ReminderKind[]) {
		const due = meetings.filter(
			(meeting) =>
				(kind === 'day' ? meeting.remindDayBefore : meeting.remindHourBefore) &&
				isReminderDue(kind, meetingStart(meeting), now) &&
				// The day-before reminder is pointless within the last hour: the hour one goes then.
				!(kind === 'day' && meeting.remindHourBefore && isReminderDue('hour', meetingStart(meeting), now))
		);
		const registrations = await repo.listUnremindedConfirmed(
			db,
			due.map((meeting) => meeting.meetingId),
			kind
		);
		for (const registration of registrations) {
			const meeting = due.find((entry) => entry.meetingId === registration.meetingId);
			if (!meeting || !registration.person.email) continue;
			if (!(await repo.claimReminder(db, registration.id, kind, now.toISOString()))) continue;
			const locale = isLocale(meeting.seriesLanguage)
				? meeting.seriesLanguage
				: isLocale(registration.locale)
					? registration.locale
					: 'de';
			try {
				await sendAndLog(db, mailer, {
					to: registration.person.email,
					...reminderMail(locale, meeting, registration.person, kind, {
						meeting: meetingPageUrl(options.publicOrigin, meeting)
					}),
					kind: kind === 'day' ? 'reminder-day' : 'reminder-hour',
					meetingId: meeting.meetingId
				});
				sent += 1;
			} catch (error) {
				logger.error({ err: error, registrationId: registration.id, kind }, 'reminder could not be sent');
			}
		}
	}
	return { sent };
}
