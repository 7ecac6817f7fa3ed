import { apiHandler, readJson } from '$lib/server/http/api';
import { getSynthesis, writeSynthesis } from '$lib/server/services/breakouts';
import { meetingRef, withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

/** All rooms' cards side by side, the clusters and the synthesis: for moderators. */
export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getSynthesis(locals.db, locals.actor, meetingRef(params), params.round ?? '')
);

export const PUT: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const ref = meetingRef(params);
	await writeSynthesis(
		locals.db,
		locals.actor,
		ref,
		withPath(await readJson(request), { round: params.round })
	);
	return getSynthesis(locals.db, locals.actor, ref, params.round ?? '');
});
