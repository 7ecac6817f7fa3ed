import { isAppError, statusOf } from '$lib/domain/errors';
import { translateMessage } from '$lib/i18n/translate';
import { getAppContext } from '$lib/server/app';
import { getLiveBus } from '$lib/server/live/runtime';
import { openLiveStream } from '$lib/server/services/live-streams';
import type { RequestHandler } from './$types';

/**
 * The session's server-sent event stream, for its participants and moderators only. Refusals
 * (not joined, too many streams: 429, too many unknown codes: 429) are a plain-text sentence.
 * A reconnecting client names the last event it saw (Last-Event-ID, or `?after=`) and gets what it
 * missed replayed.
 */
export const GET: RequestHandler = async ({ locals, params, cookies, request, url, getClientAddress }) => {
	// EventSource's own reconnect sends Last-Event-ID; a page that opens the stream again itself
	// (after being offline, live-stream.ts) names the last event it saw as `?after=`.
	const header = request.headers.get('last-event-id') ?? url.searchParams.get('after');
	const lastEventId = header && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
	const { config } = await getAppContext();
	let stream;
	try {
		stream = await openLiveStream(
			locals.db,
			await getLiveBus(),
			{ actor: locals.actor, cookies },
			params.code,
			{
				clientAddress: getClientAddress(),
				lastEventId,
				signal: request.signal,
				totalStreams: config.liveStreamLimit
			}
		);
	} catch (caught) {
		if (!isAppError(caught)) throw caught;
		return new Response(translateMessage(locals.locale, caught.summary), {
			status: statusOf[caught.kind],
			headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
		});
	}
	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache, no-transform',
			'X-Accel-Buffering': 'no'
		}
	});
};
