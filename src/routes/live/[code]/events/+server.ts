import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { getLiveBus } from '$lib/server/live/runtime';
import { liveEventStream } from '$lib/server/live/sse';
import { authorizeStream } from '$lib/server/services/live';
import type { RequestHandler } from './$types';

/** The session's server-sent event stream (participants and moderators). */
export const GET: RequestHandler = async ({ locals, params, cookies, request }) => {
	let access;
	try {
		access = await authorizeStream(locals.db, { actor: locals.actor, cookies }, params.code);
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
	const header = request.headers.get('last-event-id');
	const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
	const stream = liveEventStream({
		db: locals.db,
		bus: await getLiveBus(),
		meetingId: access.meetingId,
		isModerator: access.isModerator,
		lastEventId,
		snapshot: access.snapshot,
		signal: request.signal
	});
	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache, no-transform',
			'X-Accel-Buffering': 'no'
		}
	});
};
