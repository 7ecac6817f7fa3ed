import { apiHandler, readJson } from '$lib/server/http/api';
import { addAgendaItem, getAgenda } from '$lib/server/services/agenda';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getAgenda(locals.db, locals.actor, meetingAddressFromParams(params))
);

// The service checks the actor's rights first, then validates the body (as for the form actions).
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request }) =>
		addAgendaItem(locals.db, locals.actor, meetingAddressFromParams(params), await readJson(request)),
	{ status: 201 }
);
