import { apiHandler } from '$lib/server/http/api';
import { copyPreviousAgenda } from '$lib/server/services/agenda-order';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(
	({ locals, params }) => copyPreviousAgenda(locals.db, locals.actor, meetingAddressFromParams(params)),
	{ status: 201 }
);
