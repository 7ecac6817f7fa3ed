import type { Kysely } from 'kysely';
import { normalizeColumns } from '../../domain/breakouts/config';
import type { LiveRoundView } from '../../domain/breakouts/live-views';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';

/** The breakout round as the live state shows it (LiveState `breakout`). */

/** How long a closed round stays in the live state, so that rooms see that it ended. */
export const JUST_CLOSED_MINUTES = 15;

export function liveRoundView(round: repo.RoundRow): LiveRoundView {
	const isRunning = round.status === 'running';
	return {
		key: round.key,
		title: round.title,
		description: round.description,
		questions: round.questions,
		columns: normalizeColumns(round.columns),
		dotsPerPerson: round.dotsPerPerson,
		status: isRunning ? 'running' : 'closed',
		startedAt: round.startedAt,
		endsAt: round.endsAt,
		// Set once by the round timer a minute before the end (whichever instance gets there first).
		endingSoon: isRunning && round.warnedAt !== null,
		broadcast:
			round.broadcastText !== null && round.broadcastAt !== null
				? { text: round.broadcastText, at: round.broadcastAt }
				: null,
		assignmentRevision: round.assignmentRevision
	};
}

/** The meeting's running round, else the one closed in the last JUST_CLOSED_MINUTES. */
export async function findLiveRound(
	db: Kysely<Database>,
	meetingId: string,
	now: Date = new Date()
): Promise<repo.RoundRow | undefined> {
	const closedSince = new Date(now.getTime() - JUST_CLOSED_MINUTES * 60_000).toISOString();
	return repo.findLiveRound(db, meetingId, closedSince);
}

export async function liveRoundOf(
	db: Kysely<Database>,
	meetingId: string,
	now: Date = new Date()
): Promise<LiveRoundView | null> {
	const round = await findLiveRound(db, meetingId, now);
	return round ? liveRoundView(round) : null;
}
