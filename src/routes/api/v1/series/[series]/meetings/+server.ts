import { apiHandler, readJson } from '$lib/server/http/api';
import { createMeeting } from '$lib/server/services/meetings';

/** POST: create a meeting in the series (201); the number defaults to the next free one. */
export const POST = apiHandler(
	async ({ locals, params, request }) =>
		createMeeting(locals.db, locals.actor, params.series ?? '', await readJson(request)),
	{ status: 201 }
);
