import { apiHandler, readJson } from '$lib/server/http/api';
import { getLiveBus } from '$lib/server/live/runtime';
import { deleteCard, editCard } from '$lib/server/services/breakouts';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { withPath } from '../../../meeting-ref';
import type { RequestHandler } from './$types';

/** An edit names the version it was based on; a stale one is refused (409) with the current text. */
export const PATCH: RequestHandler = apiHandler(async ({ locals, params, request }) =>
	editCard(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		withPath(await readJson(request), { cardId: params.card }),
		await getLiveBus()
	)
);

export const DELETE: RequestHandler = apiHandler(async ({ locals, params }) => {
	await deleteCard(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		{ cardId: params.card ?? '' },
		await getLiveBus()
	);
	return new Response(null, { status: 204 });
});
