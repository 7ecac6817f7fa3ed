import { error } from '@sveltejs/kit';
import { parseMeetingNumber } from '$lib/domain/meeting-display';
import { orErrorPage } from '$lib/server/http/pages';
import { getMeeting } from '$lib/server/services/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const number = parseMeetingNumber(params.number);
	if (number === undefined) error(404, 'meeting.notFound');
	return orErrorPage(() => getMeeting(locals.db, locals.actor, params.series, number));
};
