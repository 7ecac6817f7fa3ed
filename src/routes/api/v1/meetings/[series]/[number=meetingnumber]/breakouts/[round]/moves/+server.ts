import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { getRound, movePerson } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await movePerson(
		locals.db,
		locals.actor,
		address,
		withPath(await readJson(request), { round: params.round }),
		await getLiveBus()
	);
	return getRound(locals.db, locals.actor, address, params.round ?? '');
});
