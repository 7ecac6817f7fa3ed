/**
 * When the personal data of a meeting's registrations is due for anonymization: the meeting's
 * date plus the series' retention period (months). Pure date arithmetic on `YYYY-MM-DD`.
 */

export const DEFAULT_RETENTION_MONTHS = 12;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

/**
 * The last day the data is kept: the meeting's date plus `months` calendar months. A day that
 * the target month lacks falls back to its last day (31 January + 1 month = 28/29 February).
 */
export function retentionEndDate(meetingDate: string, months: number): string {
	const [year, month, day] = meetingDate.split('-').map(Number) as [number, number, number];
	const monthIndex = month - 1 + months;
	const targetYear = year + Math.floor(monthIndex / 12);
	const targetMonth = ((monthIndex % 12) + 12) % 12;
	const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
	const date = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
	return date.toISOString().slice(0, 10);
}

/** Due once the end date lies in the past, i.e. from the day after it (UTC calendar days). */
export function isRetentionDue(meetingDate: string, months: number, now: Date): boolean {
	return retentionEndDate(meetingDate, months) < now.toISOString().slice(0, 10);
}

/** The meetings whose registrations are due, from a list of candidates. */
export function dueMeetings<M extends { date: string; retentionMonths: number }>(
	meetings: M[],
	now: Date
): M[] {
	return meetings.filter((meeting) => isRetentionDue(meeting.date, meeting.retentionMonths, now));
}
