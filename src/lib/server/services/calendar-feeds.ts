import type { Kysely } from 'kysely';
import { notFound } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { buildCalendar } from '../calendar/ical';
import type { Database } from '../db/schema';
import { listPublishedMeetingsOfSeries, seriesIsPublished } from '../repositories/registrations-meetings';
import { calendarInput, organizerEmailOf, visibleMeeting } from './registration-support';

/** Calendar feeds (METHOD:PUBLISH): one meeting's .ics and a series' feed. */

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
	const meetings = await listPublishedMeetingsOfSeries(db, seriesSlug);
	if (!meetings.length) {
		// An empty feed of a published series is fine; an unknown or draft series is not found.
		const exists = await seriesIsPublished(db, seriesSlug);
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
