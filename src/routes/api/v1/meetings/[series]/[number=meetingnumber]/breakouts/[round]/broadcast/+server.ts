import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { broadcastToRooms } from '$lib/server/services/breakouts-live';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const body = (await readJson(request)) as { text?: unknown } | null;
	await broadcastToRooms(
		locals.db,
		await getLiveBus(),
		locals.actor,
		meetingAddressFromParams(params),
		params.round ?? '',
		typeof body?.text === 'string' ? body.text : ''
	);
	return new Response(null, { status: 204 });
});
