import { apiHandler } from '$lib/server/http/api';
import { castDot, withdrawDot } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(({ locals, params }) =>
	castDot(locals.db, locals.actor, meetingAddressFromParams(params), { cardId: params.card ?? '' })
);

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await withdrawDot(locals.db, locals.actor, meetingAddressFromParams(params), { cardId: params.card ?? '' });
	return new Response(null, { status: 204 });
});
