/**
 * How a meeting's date and times read, per locale. A meeting's date is a calendar date and its
 * times are wall-clock `HH:MM` in the meeting's time zone, so nothing here converts between
 * zones: the reader sees the times the organizer planned ("14:00–16:00 Uhr").
 */
export type DisplayLocale = 'de' | 'en';

const INTL_LOCALE: Record<DisplayLocale, string> = { de: 'de-DE', en: 'en-GB' };

/** `2024-11-20` → "20. November 2024" (de) or "20 November 2024" (en). */
export function formatMeetingDate(date: string, locale: DisplayLocale): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return date;
	// Formatted in UTC at UTC midnight, so the server's own time zone can never shift the day.
	const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(instant);
}

/** `2024-11-20` → "Mittwoch" / "Wednesday". */
export function formatWeekday(date: string, locale: DisplayLocale): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return '';
	const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'long', timeZone: 'UTC' }).format(instant);
}

/** "14:00–16:00 Uhr" (de) or "14:00–16:00" (en), with an en dash as in running text. */
export function formatTimeRange(start: string, end: string, locale: DisplayLocale): string {
	return locale === 'de' ? `${start}–${end} Uhr` : `${start}–${end}`;
}

/** An agenda slot as the founding document prints it: "14:00-14:05". */
export function formatAgendaSlot(start: string, end: string): string {
	return `${start}-${end}`;
}

/** "2. Austauschtreffen": the number, then the series' own noun (in the series' language). */
export function formatMeetingTitle(number: number, meetingNoun: string): string {
	return `${number}. ${meetingNoun}`;
}

/** Whether the text names an IANA time zone (e.g. `Europe/Berlin`) that this runtime knows. */
export function isTimeZone(zone: string): boolean {
	// Offsets such as "+01:00" are accepted by Intl but are no zone: summer time would be lost.
	if (!/^[A-Za-z]+(?:[/_-][A-Za-z0-9_+-]+)*$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** Paragraphs from a text area: separated by blank lines, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((paragraph) => paragraph.trim())
		.filter((paragraph) => paragraph.length > 0);
}

/** One entry per line (guiding questions, funder lines), trimmed, empty lines dropped. */
export function splitLines(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
}

export function joinParagraphs(paragraphs: readonly string[]): string {
	return paragraphs.join('\n\n');
}

export function joinLines(lines: readonly string[]): string {
	return lines.join('\n');
}
