import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { formatAgendaSlot, formatMeetingTitle } from '../../domain/meeting-display';

/**
 * iCalendar for meetings (ical-generator): an invitation (METHOD:REQUEST) in the confirmation
 * mail, a cancellation (METHOD:CANCEL), and downloads and feeds (METHOD:PUBLISH). Times carry the
 * meeting's own zone (TZID), so a calendar shows 14:00 Berlin time wherever it is opened.
 */
export interface CalendarMeeting {
	meetingId: string;
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	venueMode: string;
	venuePlatform: string | null;
	venueUrl: string | null;
	venueAddress: string | null;
	topicTitle: string | null;
	createdAt: string;
	updatedAt: string;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	organizerName: string;
}

export interface CalendarEventInput {
	meeting: CalendarMeeting;
	agenda: { start: string; end: string; title: string }[];
	/** Where the meeting's public page lives, for the event's description. */
	publicOrigin: string;
	/** The attendee of an invitation, with their name. */
	attendee?: { name: string; email: string };
}

/** "Netzwerkstatt <netzwerkstatt@example.org>" → its address. */
export function mailAddressOf(from: string): string {
	const match = /<([^>]+)>/.exec(from);
	return (match?.[1] ?? from).trim();
}

/** One UID per meeting, the same in every mail and feed, so calendars update instead of duplicating. */
export function meetingUid(meetingId: string, publicOrigin: string): string {
	return `meeting-${meetingId}@${new URL(publicOrigin).hostname}`;
}

/**
 * SEQUENCE must grow with every change of the meeting: the whole seconds between its creation
 * and its last update do, without a column of their own.
 */
export function meetingSequence(meeting: { createdAt: string; updatedAt: string }): number {
	return Math.max(0, Math.floor((Date.parse(meeting.updatedAt) - Date.parse(meeting.createdAt)) / 1000));
}

export function meetingPageUrl(
	publicOrigin: string,
	meeting: { seriesSlug: string; number: number }
): string {
	return `${publicOrigin}/series/${meeting.seriesSlug}/${meeting.number}`;
}

function summaryOf(meeting: CalendarMeeting): string {
	const title = `${formatMeetingTitle(meeting.number, meeting.meetingNoun)}: ${meeting.seriesTitle}`;
	return meeting.topicTitle ? `${title} – ${meeting.topicTitle}` : title;
}

/** The description: the agenda as slots ("14:00-14:05 Title"), the video link, the meeting's page. */
function descriptionOf(input: CalendarEventInput): string {
	const lines: string[] = [];
	if (input.meeting.topicTitle) lines.push(input.meeting.topicTitle, '');
	for (const item of input.agenda) lines.push(`${formatAgendaSlot(item.start, item.end)} ${item.title}`);
	if (input.agenda.length) lines.push('');
	if (input.meeting.venueUrl) lines.push(input.meeting.venueUrl);
	lines.push(meetingPageUrl(input.publicOrigin, input.meeting));
	return lines.join('\n');
}

function locationOf(meeting: CalendarMeeting): string | null {
	// Online meetings are "located" at their video link, which calendar apps turn into a button.
	if (meeting.venueMode === 'online') return meeting.venueUrl ?? meeting.venuePlatform;
	if (meeting.venueMode === 'hybrid')
		return [meeting.venueAddress, meeting.venueUrl].filter(Boolean).join(' / ') || null;
	return meeting.venueAddress;
}

/**
 * VTIMEZONE for Europe/Berlin (the EU rules in force since 1996), so that clients that need the
 * definition in the file (Outlook) get it; other zones are named by TZID only.
 */
function timezoneDefinition(zone: string): string | null {
	if (zone !== 'Europe/Berlin') return null;
	return [
		'BEGIN:VTIMEZONE',
		'TZID:Europe/Berlin',
		'X-LIC-LOCATION:Europe/Berlin',
		'BEGIN:DAYLIGHT',
		'TZOFFSETFROM:+0100',
		'TZOFFSETTO:+0200',
		'TZNAME:CEST',
		'DTSTART:19700329T020000',
		'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
		'END:DAYLIGHT',
		'BEGIN:STANDARD',
		'TZOFFSETFROM:+0200',
		'TZOFFSETTO:+0100',
		'TZNAME:CET',
		'DTSTART:19701025T030000',
		'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
		'END:STANDARD',
		'END:VTIMEZONE'
	].join('\r\n');
}

/**
 * ical-generator writes a Date of an event with a TZID by its *local* getters (the server's zone).
 * So the Date given is the one whose local fields are the meeting's wall-clock time: the file then
 * says `DTSTART;TZID=Europe/Berlin:20241120T140000` whatever zone the server runs in. (Only a
 * wall-clock time inside the server zone's own spring-forward gap, 02:xx, could not be shown.)
 */
function wallClock(date: string, time: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute] = time.split(':').map(Number);
	return new Date(year!, month! - 1, day!, hour!, minute!);
}

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
	REQUEST: ICalCalendarMethod.REQUEST,
	CANCEL: ICalCalendarMethod.CANCEL,
	PUBLISH: ICalCalendarMethod.PUBLISH
};

/** A calendar with one event per meeting. `organizerEmail` is the app's sender address (MAIL_FROM). */
export function buildCalendar(
	events: CalendarEventInput[],
	options: { method: CalendarMethod; organizerEmail: string; name?: string }
): string {
	const calendar = ical({
		prodId: { company: 'Netzwerkstatt', product: 'Netzwerkstatt', language: 'DE' },
		method: methods[options.method],
		name: options.name
	});
	for (const input of events) {
		const { meeting } = input;
		const isCancel = options.method === 'CANCEL';
		const event = calendar.createEvent({
			id: meetingUid(meeting.meetingId, input.publicOrigin),
			sequence: meetingSequence(meeting) + (isCancel ? 1 : 0),
			start: wallClock(meeting.date, meeting.start),
			end: wallClock(meeting.date, meeting.end),
			timezone: meeting.timeZone,
			stamp: new Date(),
			summary: summaryOf(meeting),
			description: descriptionOf(input),
			location: locationOf(meeting),
			url: meeting.venueUrl ?? meetingPageUrl(input.publicOrigin, meeting),
			organizer: { name: meeting.organizerName, email: options.organizerEmail },
			status: isCancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
		if (input.attendee && options.method !== 'PUBLISH') {
			event.createAttendee({ name: input.attendee.name, email: input.attendee.email, rsvp: false });
		}
		if (!isCancel) event.createAlarm({ type: ICalAlarmType.display, triggerBefore: 30 * 60 });
	}
	calendar.timezone({ name: events[0]?.meeting.timeZone ?? 'Europe/Berlin', generator: timezoneDefinition });
	return calendar.toString();
}
