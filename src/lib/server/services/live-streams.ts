import type { Kysely } from 'kysely';
import { forbidden, rateLimited } from '../../domain/errors';
import { canModerateMeeting, isSignedIn } from '../../domain/policy';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import { liveEventStream } from '../live/sse';
import { StreamSlots, type StreamLimits } from '../live/stream-slots';
import * as sessions from '../repositories/live-sessions';
import {
	activeSession,
	findParticipant,
	refuseIfBlocked,
	type LiveRequest,
	type Viewer
} from './live-participants';
import { buildState } from './live-state';
import type { LiveState } from '../../domain/live/views';
import { listenerRoom } from './breakouts-arrivals';

/** A live session's event stream: who may follow it, and how many streams one listener may keep open. */

/** Who may follow a session's event stream: participants and moderators. */
export async function authorizeStream(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<{
	meetingId: string;
	isModerator: boolean;
	/** Whose stream it is, for the per-listener cap: the participant, else the moderating account. */
	listener: string;
	snapshot: () => Promise<LiveState>;
	/** The participant's breakout room in the running round (card events of that room reach them). */
	listenerRoom: (() => Promise<string | null>) | undefined;
}> {
	const session = await activeSession(db, code, request.clientAddress);
	const moderator = canModerateMeeting(viewer.actor, session);
	const participant = await findParticipant(db, session, viewer);
	if (!moderator && !participant) {
		refuseIfBlocked(request.clientAddress);
		throw forbidden('live.notParticipant');
	}
	return {
		meetingId: session.meetingId,
		isModerator: moderator,
		listener: participant
			? `participant:${participant.id}`
			: `account:${isSignedIn(viewer.actor) ? viewer.actor.userId : viewer.actor.kind}`,
		snapshot: async () =>
			buildState(db, (await sessions.findSessionByMeeting(db, session.meetingId)) ?? session),
		listenerRoom: participant ? () => listenerRoom(db, session.meetingId, participant) : undefined
	};
}

/** The open event streams of this process (live/stream-slots.ts). */
const streamSlots = new StreamSlots();

/** Open event streams of one participant (their tabs and devices): a few are normal. */
export const STREAMS_PER_LISTENER = 5;

export interface StreamRequest extends LiveRequest {
	/** The stream's Last-Event-ID, for the replay. */
	lastEventId?: number;
	signal?: AbortSignal;
	/** Open streams in all of this process (LIVE_STREAM_LIMIT); per listener STREAMS_PER_LISTENER. */
	totalStreams: number;
	/** Overrides for tests. */
	limits?: Partial<StreamLimits>;
}

/**
 * A participant's or moderator's event stream of the session (live/sse.ts), refused with 429
 * when the listener already has STREAMS_PER_LISTENER open or the process has `totalStreams`.
 * The slot is given back when the stream ends (closed, cancelled or aborted).
 */
export async function openLiveStream(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	request: StreamRequest
): Promise<ReadableStream<Uint8Array>> {
	const access = await authorizeStream(db, viewer, code, request);
	const limits: StreamLimits = {
		perListener: request.limits?.perListener ?? STREAMS_PER_LISTENER,
		total: request.limits?.total ?? request.totalStreams
	};
	const slot = streamSlots.acquire(access.listener, limits);
	if (!slot.ok)
		throw slot.reason === 'listener'
			? rateLimited('live.stream.tooManyOfYours', { max: limits.perListener })
			: rateLimited('live.stream.full');
	request.signal?.addEventListener('abort', slot.release);
	return liveEventStream({
		db,
		bus,
		meetingId: access.meetingId,
		isModerator: access.isModerator,
		lastEventId: request.lastEventId,
		snapshot: access.snapshot,
		listenerRoom: access.listenerRoom,
		signal: request.signal,
		onClose: slot.release
	});
}
