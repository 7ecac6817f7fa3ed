import { apiHandler } from '$lib/server/http/api';
import { copyPreviousAgenda } from '$lib/server/services/agenda';
import { meetingRef } from '../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(
	({ locals, params }) => copyPreviousAgenda(locals.db, locals.actor, meetingRef(params)),
	{ status: 201 }
);
