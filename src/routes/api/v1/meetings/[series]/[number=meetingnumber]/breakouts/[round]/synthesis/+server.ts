import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { getSynthesis, writeSynthesis } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

/** All rooms' cards side by side, the clusters and the synthesis: for moderators. */
export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getSynthesis(locals.db, locals.actor, meetingAddressFromParams(params), params.round ?? '')
);

export const PUT: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await writeSynthesis(
		locals.db,
		locals.actor,
		address,
		withPath(await readJson(request), { round: params.round }),
		await getLiveBus()
	);
	return getSynthesis(locals.db, locals.actor, address, params.round ?? '');
});
