import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { chooseRoom } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

/** A participant (signed in, registered for the meeting) picks a room of a self-chosen round. */
export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	await chooseRoom(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		withPath(await readJson(request), { round: params.round }),
		await getLiveBus()
	);
	return new Response(null, { status: 204 });
});
