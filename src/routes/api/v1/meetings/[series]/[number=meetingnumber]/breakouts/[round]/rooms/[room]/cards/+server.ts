import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { addCard, getBoard } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../../../meeting-ref';
import type { RequestHandler } from './$types';

/** The room's board: for its members and the meeting's moderators. */
export const GET: RequestHandler = apiHandler(({ locals, params }) =>
	getBoard(locals.db, locals.actor, meetingAddressFromParams(params), params.round ?? '', params.room ?? '')
);

export const POST: RequestHandler = apiHandler(
	async ({ locals, params, request }) =>
		addCard(
			locals.db,
			locals.actor,
			meetingAddressFromParams(params),
			withPath(await readJson(request), { round: params.round, roomId: params.room }),
			await getLiveBus()
		),
	{ status: 201 }
);
