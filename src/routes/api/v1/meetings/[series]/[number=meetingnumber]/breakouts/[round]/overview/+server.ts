import { apiHandler } from '$lib/server/http/api';
import { getRoundOverview } from '$lib/server/services/breakouts-overview';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getRoundOverview(locals.db, locals.actor, meetingAddressFromParams(params), params.round ?? '')
);
