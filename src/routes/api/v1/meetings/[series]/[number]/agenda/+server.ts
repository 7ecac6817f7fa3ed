import { apiHandler, readJson } from '$lib/server/http/api';
import { addAgendaItem, getAgenda } from '$lib/server/services/agenda';
import { meetingRef } from './meeting-ref';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getAgenda(locals.db, locals.actor, meetingRef(params))
);

// The service checks the actor's rights first, then validates the body (as for the form actions).
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request }) =>
		addAgendaItem(locals.db, locals.actor, meetingRef(params), await readJson(request)),
	{ status: 201 }
);
