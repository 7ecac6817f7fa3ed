import { notFound } from './errors';

/** A meeting's address: `SERIES-ID/NUMBER`, e.g. `austausch-kulturbueros-engagement/2`. */
export interface MeetingAddress {
	seriesId: string;
	number: number;
}

export const SERIES_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A meeting number from an address segment ("2"), or undefined for anything else ("02", "2a", "0"). */
export function parseMeetingNumber(text: string): number | undefined {
	return /^[1-9][0-9]{0,8}$/.test(text) ? Number(text) : undefined;
}

export function parseMeetingAddress(text: string): MeetingAddress | undefined {
	const match = /^([a-z0-9][a-z0-9-]{0,79})\/([1-9][0-9]{0,8})$/.exec(text.trim());
	if (!match) return undefined;
	return { seriesId: match[1]!, number: Number(match[2]) };
}

export function formatMeetingAddress(address: MeetingAddress): string {
	return `${address.seriesId}/${address.number}`;
}

/**
 * The meeting a route's parameters name (`[series]/[number=meetingnumber]`). The matcher already
 * refuses a number that is none; should a route without it call this, that is a missing meeting.
 */
export function meetingAddressFromParams(params: Partial<Record<string, string>>): MeetingAddress {
	const number = parseMeetingNumber(params.number ?? '');
	if (number === undefined || !params.series) throw notFound('meeting.notFound');
	return { seriesId: params.series, number };
}
