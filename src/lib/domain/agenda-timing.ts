/**
 * Agenda timing: local wall-clock times as `HH:MM` in the meeting's time zone, minutes since
 * midnight inside. A meeting does not cross midnight.
 */
import type { MessageKey, MessageParams } from '../i18n/translate';

export const TIME_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function isTime(value: string): boolean {
	return TIME_PATTERN.test(value);
}

/** Minutes since midnight for `HH:MM`; throws on anything else (validate first). */
export function toMinutes(time: string): number {
	if (!isTime(time)) throw new Error(`Not a time (HH:MM): ${time}`);
	const [hours, minutes] = time.split(':').map(Number) as [number, number];
	return hours * 60 + minutes;
}

export function fromMinutes(total: number): string {
	if (!Number.isInteger(total) || total < 0 || total >= 24 * 60)
		throw new Error(`Out of the day: ${total} minutes`);
	const hours = Math.floor(total / 60);
	const minutes = total % 60;
	return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function durationOf(item: { start: string; end: string }): number {
	return toMinutes(item.end) - toMinutes(item.start);
}

export interface TimedItem {
	start: string;
	end: string;
	title: string;
}

export interface TimingProblem {
	/** Index of the item in the list given, or -1 for the meeting's own times. */
	index: number;
	field: 'start' | 'end';
	key: MessageKey;
	params: MessageParams;
}

/** The meeting's own times: the end must come after the start. */
export function checkMeetingTimes(meeting: { start: string; end: string }): TimingProblem[] {
	if (toMinutes(meeting.end) <= toMinutes(meeting.start)) {
		return [{ index: -1, field: 'end', key: 'agenda.meetingEndNotAfterStart', params: meeting }];
	}
	return [];
}

/**
 * Checks an agenda against its meeting: every item ends after it starts, lies within the
 * meeting's time, and overlaps no other item. Each problem names the item by its title.
 */
export function checkAgenda(
	meeting: { start: string; end: string },
	items: readonly TimedItem[]
): TimingProblem[] {
	const problems: TimingProblem[] = [];
	const meetingStart = toMinutes(meeting.start);
	const meetingEnd = toMinutes(meeting.end);
	items.forEach((item, index) => {
		const start = toMinutes(item.start);
		const end = toMinutes(item.end);
		if (end <= start) {
			problems.push({
				index,
				field: 'end',
				key: 'agenda.endNotAfterStart',
				params: { title: item.title, start: item.start, end: item.end }
			});
		}
		if (start < meetingStart || start >= meetingEnd) {
			problems.push({
				index,
				field: 'start',
				key: 'agenda.outsideMeeting',
				params: { title: item.title, start: meeting.start, end: meeting.end }
			});
		} else if (end > meetingEnd) {
			problems.push({
				index,
				field: 'end',
				key: 'agenda.outsideMeeting',
				params: { title: item.title, start: meeting.start, end: meeting.end }
			});
		}
	});
	// Overlaps: sort by start, then each item must start at or after the latest end before it.
	const byStart = items
		.map((item, index) => ({ index, item, start: toMinutes(item.start), end: toMinutes(item.end) }))
		.filter((entry) => entry.end > entry.start)
		.sort((a, b) => a.start - b.start || a.index - b.index);
	let latest: (typeof byStart)[number] | undefined;
	for (const entry of byStart) {
		if (latest && entry.start < latest.end) {
			const later = entry.index > latest.index ? entry : latest;
			const other = later === entry ? latest : entry;
			problems.push({
				index: later.index,
				field: 'start',
				key: 'agenda.overlaps',
				params: { title: later.item.title, other: other.item.title }
			});
		}
		if (!latest || entry.end > latest.end) latest = entry;
	}
	return problems.sort((a, b) => a.index - b.index);
}

/** True when the items are in time order (each starts no earlier than the one before). */
export function isInTimeOrder(items: readonly { start: string }[]): boolean {
	return items.every(
		(item, index) => index === 0 || toMinutes(item.start) >= toMinutes(items[index - 1]!.start)
	);
}

/**
 * Lays items out one after another from `startAt`, keeping each item's duration: what
 * reordering does. Gaps between items are not kept.
 */
export function layOutSequentially<T extends { start: string; end: string }>(
	items: readonly T[],
	startAt: string
): T[] {
	let cursor = toMinutes(startAt);
	return items.map((item) => {
		const duration = durationOf(item);
		const start = cursor;
		cursor += duration;
		return { ...item, start: fromMinutes(start), end: fromMinutes(Math.min(cursor, 24 * 60 - 1)) };
	});
}

/** Moves the item at `from` to `to` and recomputes the times from the first item's start. */
export function reorder<T extends { start: string; end: string }>(
	items: readonly T[],
	from: number,
	to: number
): T[] {
	if (from < 0 || from >= items.length || to < 0 || to >= items.length)
		throw new RangeError(`Cannot move ${from} to ${to}`);
	const startAt = items.length ? earliestStart(items) : '00:00';
	const moved = [...items];
	const [item] = moved.splice(from, 1);
	moved.splice(to, 0, item!);
	return layOutSequentially(moved, startAt);
}

/** The earliest start among the items (reordering lays the agenda out from there). */
export function earliestStart(items: readonly { start: string }[]): string {
	return fromMinutes(Math.min(...items.map((item) => toMinutes(item.start))));
}

/** Shifts every item by the same amount, so that the agenda starts at `newStart` (copying an agenda). */
export function shiftAgenda<T extends { start: string; end: string }>(
	items: readonly T[],
	fromStart: string,
	newStart: string
): T[] {
	const offset = toMinutes(newStart) - toMinutes(fromStart);
	return items.map((item) => ({
		...item,
		start: fromMinutes(clampToDay(toMinutes(item.start) + offset)),
		end: fromMinutes(clampToDay(toMinutes(item.end) + offset))
	}));
}

function clampToDay(minutes: number): number {
	return Math.max(0, Math.min(24 * 60 - 1, minutes));
}

/** Where a new item goes by default: right after the last one, or at the meeting's start. */
export function nextFreeStart(meeting: { start: string }, items: readonly { end: string }[]): string {
	if (!items.length) return meeting.start;
	return fromMinutes(Math.max(...items.map((item) => toMinutes(item.end))));
}

/** A timing problem of one item checked against the rest of its agenda. */
export type ItemTimingProblem = Omit<TimingProblem, 'index'>;

/**
 * Checks one new or changed item against the meeting and the other items: it must end after it
 * starts, lie within the meeting's time and overlap none of the others. Every message names the
 * item; an overlap also names the other item, e.g. „Kurze Umfrage“ überschneidet sich mit „Begrüßung“.
 */
export function checkItemInAgenda(
	meeting: { start: string; end: string },
	others: readonly TimedItem[],
	item: TimedItem
): ItemTimingProblem[] {
	const problems: ItemTimingProblem[] = checkAgenda(meeting, [item]).map(
		({ index: _index, ...rest }) => rest
	);
	const start = toMinutes(item.start);
	const end = toMinutes(item.end);
	if (end <= start) return problems;
	for (const other of others) {
		const otherStart = toMinutes(other.start);
		const otherEnd = toMinutes(other.end);
		if (start < otherEnd && otherStart < end) {
			// Point at the field that lies inside the other item: its start, else its end.
			const field = start >= otherStart ? 'start' : 'end';
			problems.push({ field, key: 'agenda.overlaps', params: { title: item.title, other: other.title } });
		}
	}
	return problems;
}
