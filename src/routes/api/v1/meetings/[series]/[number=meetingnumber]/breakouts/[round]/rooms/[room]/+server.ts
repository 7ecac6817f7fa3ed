import { apiHandler, readJson } from '$lib/server/http/api';
import { getRound, updateRoom } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../../meeting-ref';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	const address = meetingAddressFromParams(params);
	await updateRoom(
		locals.db,
		locals.actor,
		address,
		withPath(await readJson(request), { round: params.round, roomId: params.room })
	);
	return getRound(locals.db, locals.actor, address, params.round ?? '');
});
