import { apiHandler, readJson } from '$lib/server/http/api';
import { setCardCluster } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../../../meeting-ref';
import type { RequestHandler } from './$types';

/** Puts the card into a cluster (`clusterId`), or out of every cluster (empty). */
export const PUT: RequestHandler = apiHandler(async ({ locals, params, request }) => {
	await setCardCluster(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		withPath(await readJson(request), { cardId: params.card })
	);
	return new Response(null, { status: 204 });
});
