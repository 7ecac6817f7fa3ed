/** A meeting's address: `SERIES-ID/NUMBER`, e.g. `austausch-kulturbueros-engagement/2`. */
export interface MeetingAddress {
	seriesId: string;
	number: number;
}

export const SERIES_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function parseMeetingAddress(text: string): MeetingAddress | undefined {
	const match = /^([a-z0-9][a-z0-9-]{0,79})\/([1-9][0-9]{0,8})$/.exec(text.trim());
	if (!match) return undefined;
	return { seriesId: match[1]!, number: Number(match[2]) };
}

export function formatMeetingAddress(address: MeetingAddress): string {
	return `${address.seriesId}/${address.number}`;
}
