import { apiHandler } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { startRound } from '$lib/server/services/breakouts-live';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params }) =>
	startRound(
		locals.db,
		await getLiveBus(),
		locals.actor,
		meetingAddressFromParams(params),
		params.round ?? ''
	)
);
