import { apiHandler, readJson } from '$lib/server/http/api';
import { reorderAgenda } from '$lib/server/services/agenda';
import { meetingRef } from '../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	reorderAgenda(locals.db, locals.actor, meetingRef(params), await readJson(request))
);
