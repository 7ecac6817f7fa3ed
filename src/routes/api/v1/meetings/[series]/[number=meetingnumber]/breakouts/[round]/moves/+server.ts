import { apiHandler, readJson } from '$lib/server/http/api';
import { getRound, movePerson } from '$lib/server/services/breakouts';
import { meetingRef, withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const ref = meetingRef(params);
	await movePerson(locals.db, locals.actor, ref, withPath(await readJson(request), { round: params.round }));
	return getRound(locals.db, locals.actor, ref, params.round ?? '');
});
