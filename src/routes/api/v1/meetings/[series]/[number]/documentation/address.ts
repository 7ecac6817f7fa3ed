import { notFound } from '$lib/domain/errors';
import type { MeetingAddress } from '$lib/domain/meeting-address';
import { parseMeetingNumber } from '$lib/domain/meeting-display';

/** The meeting named by the path; a number that is no meeting number is simply not found. */
export function meetingAddressOf(params: Partial<Record<string, string>>): MeetingAddress {
	const number = parseMeetingNumber(params.number ?? '');
	if (number === undefined) throw notFound('meeting.notFound');
	return { seriesId: params.series ?? '', number };
}
