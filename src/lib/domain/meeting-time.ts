/**
 * When a meeting happens, as an instant. A meeting stores a calendar date and wall-clock times
 * (`HH:MM`) in its own time zone; reminders and calendars need the UTC instant. Only `Date.UTC`
 * and `Intl` with an explicit zone are used, so the server's own TZ never shifts the result.
 */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** The zone's offset from UTC (in ms) at an instant: Berlin in winter gives +1 h. */
function zoneOffsetAt(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(instant));
	const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
	const asIfUtc = Date.UTC(
		value('year'),
		value('month') - 1,
		value('day'),
		value('hour'),
		value('minute'),
		value('second')
	);
	return asIfUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall-clock `date time` happens in `timeZone`. A time that does not
 * exist (skipped by the spring DST change, e.g. 02:30) resolves to the instant one hour later,
 * as calendars do; an ambiguous autumn time resolves to its first (summer-time) occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
	const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const timeMatch = /^(\d{2}):(\d{2})$/.exec(time);
	if (!dateMatch || !timeMatch) throw new RangeError(`Not a date and time: ${date} ${time}`);
	const wallClock = Date.UTC(
		Number(dateMatch[1]),
		Number(dateMatch[2]) - 1,
		Number(dateMatch[3]),
		Number(timeMatch[1]),
		Number(timeMatch[2])
	);
	// First guess with the offset at the wall-clock instant, then correct with the offset that
	// holds at the guess: two steps settle every case but the skipped hour.
	const firstOffset = zoneOffsetAt(wallClock - zoneOffsetAt(wallClock, timeZone), timeZone);
	const guess = wallClock - firstOffset;
	const secondOffset = zoneOffsetAt(guess, timeZone);
	if (secondOffset === firstOffset) return new Date(guess);
	const alternative = wallClock - secondOffset;
	return new Date(Math.max(guess, alternative));
}

/** The meeting's start instant. */
export function meetingStart(meeting: { date: string; start: string; timeZone: string }): Date {
	return zonedInstant(meeting.date, meeting.start, meeting.timeZone);
}

/** The meeting's end instant (an end before the start would be the next day; meetings never do that). */
export function meetingEnd(meeting: { date: string; end: string; timeZone: string }): Date {
	return zonedInstant(meeting.date, meeting.end, meeting.timeZone);
}

export type ReminderKind = 'day' | 'hour';

/** How long before the start each reminder becomes due. */
export const reminderLeadTime: Record<ReminderKind, number> = { day: 24 * HOUR, hour: HOUR };

/**
 * A reminder is due from its lead time before the start until the start itself: a job that was
 * down for a while still sends it late, but never after the meeting began.
 */
export function isReminderDue(kind: ReminderKind, start: Date, now: Date): boolean {
	const startMs = start.getTime();
	return now.getTime() >= startMs - reminderLeadTime[kind] && now.getTime() < startMs;
}
