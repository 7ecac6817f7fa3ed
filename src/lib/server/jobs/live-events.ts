import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as repo from '../repositories/live-events';

/**
 * Events kept per meeting. A stream replays at most MAX_REPLAY (500, live/sse.ts) missed events;
 * a client that missed more, or whose events are gone, gets a snapshot of the current state. So
 * older events are never read again; twice the replay window leaves room for streams that are
 * replaying while the job runs.
 */
export const KEPT_EVENTS_PER_MEETING = 1000;
/** A stopped session's events go after this long (it may be restarted soon after a break). */
export const STOPPED_SESSION_EVENTS_HOURS = 24;

/**
 * Removes live events nobody will replay: every event of a session stopped more than 24 hours
 * ago (updated_at is when it was stopped, or its last change after that), and, for every
 * meeting, the events older than its newest 1,000 sequence numbers. Sequence numbers keep
 * counting on the session row (live_sessions.last_event_seq), so a client reconnecting with an
 * id whose events are gone sees the gap and gets a snapshot. Each delete is one statement on
 * its own: an interrupted run leaves only fewer rows to delete the next time.
 */
export async function cleanUpLiveEvents(
	db: Kysely<Database>,
	now: Date
): Promise<{ ofStoppedSessions: number; beyondReplay: number }> {
	const stoppedBefore = new Date(now.getTime() - STOPPED_SESSION_EVENTS_HOURS * 3600_000).toISOString();
	const ofStoppedSessions = await repo.deleteEventsOfStoppedSessions(db, stoppedBefore);
	let beyondReplay = 0;
	for (const session of await repo.sessionsBeyond(db, KEPT_EVENTS_PER_MEETING))
		beyondReplay += await repo.deleteEventsUpTo(
			db,
			session.meetingId,
			session.lastSeq - KEPT_EVENTS_PER_MEETING
		);
	return { ofStoppedSessions, beyondReplay };
}
