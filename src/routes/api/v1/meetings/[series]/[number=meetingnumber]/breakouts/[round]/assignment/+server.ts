import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { runAssignment } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../meeting-ref';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	runAssignment(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		withPath(await readJson(request), { round: params.round }),
		await getLiveBus()
	)
);
