import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { AddAgendaItem, addAgendaItem, getAgenda } from '$lib/server/services/agenda';
import { meetingRef } from './meeting-ref';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getAgenda(locals.db, locals.actor, meetingRef(params))
);

// The service checks the actor's rights and validates again: the form actions call it too.
export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request }) =>
		addAgendaItem(locals.db, locals.actor, meetingRef(params), await readJsonAs(request, AddAgendaItem)),
	{ status: 201 }
);
