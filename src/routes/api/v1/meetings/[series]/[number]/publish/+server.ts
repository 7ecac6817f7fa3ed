import { notFound } from '$lib/domain/errors';
import { parseMeetingNumber } from '$lib/domain/meeting-display';
import { apiHandler } from '$lib/server/http/api';
import { publishMeeting } from '$lib/server/services/meetings';

export const POST = apiHandler(async ({ locals, params }) => {
	const number = parseMeetingNumber(params.number ?? '');
	if (number === undefined) throw notFound('meeting.notFound');
	return publishMeeting(locals.db, locals.actor, params.series ?? '', number);
});
