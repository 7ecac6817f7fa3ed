import { apiHandler, readJson } from '$lib/server/http/api';
import { deleteRound, getRound, updateRound } from '$lib/server/services/breakouts';
import { meetingRef, withPath } from '../meeting-ref';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getRound(locals.db, locals.actor, meetingRef(params), params.round ?? '')
);

export const PATCH: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const ref = meetingRef(params);
	await updateRound(locals.db, locals.actor, ref, withPath(await readJson(request), { round: params.round }));
	return getRound(locals.db, locals.actor, ref, params.round ?? '');
});

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await deleteRound(locals.db, locals.actor, meetingRef(params), { round: params.round ?? '' });
	return new Response(null, { status: 204 });
});
