import type { Kysely } from 'kysely';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import { lastEventSeq } from '../repositories/live-events';
import { findSessionByMeeting } from '../repositories/live-sessions';
import { requireMeeting } from './meeting-access';

/**
 * What the live breakout pages need beside their views to follow the event stream: where the
 * stream stood when the page was loaded (so that the browser applies only the `card` events the
 * load could not have seen) and, for the moderators' overview, the session's join code (its
 * stream's address). Light look-ups, not the whole cockpit.
 */

/**
 * The stream's position of a meeting now. Read before the board, so that every event up to it is
 * in what the page loads; the caller has authorized the viewer already (its meeting id comes from
 * the live view).
 */
export async function streamPosition(db: Kysely<Database>, meetingId: string): Promise<number> {
	return lastEventSeq(db, meetingId);
}

/**
 * For the moderators' overview (`requireMeeting(…, 'moderate')`): the running session's digits
 * (null when no session runs) and the stream's position, read before the overview's cards.
 */
export async function overviewStream(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress
): Promise<{ digits: string | null; position: number }> {
	const handle = await requireMeeting(db, actor, address, 'moderate');
	const session = await findSessionByMeeting(db, handle.meetingId);
	return {
		digits: session?.isActive ? session.joinCode : null,
		position: await lastEventSeq(db, handle.meetingId)
	};
}

/**
 * A moderator's change of a card on the overview (edit, delete): the meeting's organizers and
 * moderators only, checked before the input is read; then the board's own rules (a stale
 * version is a conflict with the current text).
 */
export async function moderatorCardChange<Result>(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	change: () => Promise<Result>
): Promise<Result> {
	await requireMeeting(db, actor, address, 'moderate');
	return change();
}
