import { apiHandler } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { castDot, withdrawDot } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params }) =>
	castDot(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		{ cardId: params.card ?? '' },
		await getLiveBus()
	)
);

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await withdrawDot(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		{ cardId: params.card ?? '' },
		await getLiveBus()
	);
	return new Response(null, { status: 204 });
});
