import { apiHandler, readJsonAs } from '$lib/server/http/api';
import { ReorderAgenda, reorderAgenda } from '$lib/server/services/agenda';
import { meetingRef } from '../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	reorderAgenda(locals.db, locals.actor, meetingRef(params), await readJsonAs(request, ReorderAgenda))
);
