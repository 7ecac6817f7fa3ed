import { apiHandler } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { endRound } from '$lib/server/services/breakouts-live';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params }) => {
	await endRound(
		locals.db,
		await getLiveBus(),
		locals.actor,
		meetingAddressFromParams(params),
		params.round ?? ''
	);
	return new Response(null, { status: 204 });
});
