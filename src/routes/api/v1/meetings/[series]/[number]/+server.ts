import { notFound } from '$lib/domain/errors';
import { parseMeetingNumber } from '$lib/domain/meeting-display';
import { apiHandler, readJson } from '$lib/server/http/api';
import { getMeeting, updateMeeting } from '$lib/server/services/meetings';

function numberOf(text: string): number {
	const number = parseMeetingNumber(text);
	if (number === undefined) throw notFound('meeting.notFound');
	return number;
}

/** GET: a meeting with its topic, credits and agenda. PATCH: change some of its fields. */
export const GET = apiHandler(async ({ locals, params }) => {
	const { meeting, agenda } = await getMeeting(
		locals.db,
		locals.actor,
		params.series ?? '',
		numberOf(params.number ?? '')
	);
	return { ...meeting, agenda };
});

export const PATCH = apiHandler(async ({ locals, params, request }) =>
	updateMeeting(
		locals.db,
		locals.actor,
		params.series ?? '',
		numberOf(params.number ?? ''),
		await readJson(request)
	)
);
