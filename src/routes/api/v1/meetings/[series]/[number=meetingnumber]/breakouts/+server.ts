import { apiHandler, readJson } from '$lib/server/http/api';
import { createRound, listRounds } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	listRounds(locals.db, locals.actor, meetingAddressFromParams(params))
);

// The service validates (one schema for the form and the API) and checks the actor's rights.
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request }) =>
		createRound(locals.db, locals.actor, meetingAddressFromParams(params), await readJson(request)),
	{ status: 201 }
);
