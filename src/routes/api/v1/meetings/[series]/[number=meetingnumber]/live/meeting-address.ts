import { notFound } from '$lib/domain/errors';
import { parseMeetingNumber } from '$lib/domain/meeting-display';

/** The series and meeting number of the path; a number that is none is a missing meeting. */
export function meetingAddress(params: Partial<Record<string, string>>): { series: string; number: number } {
	const number = parseMeetingNumber(params.number ?? '');
	if (number === undefined) throw notFound('meeting.notFound');
	return { series: params.series ?? '', number };
}
