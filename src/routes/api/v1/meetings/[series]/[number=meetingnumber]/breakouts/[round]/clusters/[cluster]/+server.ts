import { apiHandler } from '$lib/server/http/api';
import { deleteCluster } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await deleteCluster(locals.db, locals.actor, meetingAddressFromParams(params), {
		round: params.round ?? '',
		clusterId: params.cluster ?? ''
	});
	return new Response(null, { status: 204 });
});
