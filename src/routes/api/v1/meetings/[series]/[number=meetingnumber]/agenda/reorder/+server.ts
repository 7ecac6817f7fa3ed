import { apiHandler, readJson } from '$lib/server/http/api';
import { reorderAgenda } from '$lib/server/services/agenda-order';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	reorderAgenda(locals.db, locals.actor, meetingAddressFromParams(params), await readJson(request))
);
