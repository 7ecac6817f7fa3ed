import type { MeetingRef } from '$lib/server/services/agenda';

/** The meeting named by the path (apiHandler's events carry untyped params). */
export function meetingRef(params: Partial<Record<string, string>>): MeetingRef {
	return { series: params.series ?? '', number: params.number ?? '' };
}
