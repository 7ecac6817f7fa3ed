import { apiHandler, readJson } from '$lib/server/http/api';
import { deleteRound, getRound, updateRound } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../meeting-ref';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getRound(locals.db, locals.actor, meetingAddressFromParams(params), params.round ?? '')
);

export const PATCH: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await updateRound(
		locals.db,
		locals.actor,
		address,
		withPath(await readJson(request), { round: params.round })
	);
	return getRound(locals.db, locals.actor, address, params.round ?? '');
});

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await deleteRound(locals.db, locals.actor, meetingAddressFromParams(params), { round: params.round ?? '' });
	return new Response(null, { status: 204 });
});
