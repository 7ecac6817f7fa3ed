import { apiHandler, readJson } from '$lib/server/http/api';
import { deleteAgendaItem, updateAgendaItem } from '$lib/server/services/agenda';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	updateAgendaItem(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		params.itemId ?? '',
		await readJson(request)
	)
);

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await deleteAgendaItem(locals.db, locals.actor, meetingAddressFromParams(params), params.itemId ?? '');
	return new Response(null, { status: 204 });
});
