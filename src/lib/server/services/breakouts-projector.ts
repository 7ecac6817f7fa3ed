import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as repo from '../repositories/breakouts';
import { getLiveView, type LiveRequest, type LiveView, type Viewer } from './live-participants';

/**
 * The projector's page (/live/[code]/projector): the live view plus what the plenary sees of
 * breakout rounds after a round: the synthesis of the round closed last and the meeting's
 * findings. The running round itself (title, time left, the broadcast) is in the live state
 * (LiveState `breakout`), which the stream keeps current; these texts are not, so the projector
 * loads them again whenever a `state` arrives (writing them publishes one: breakouts-synthesis.ts).
 */

export interface ProjectorBreakouts {
	/** The round closed last, while no round runs (null then, or when none has closed yet). */
	closedRound: { key: string; title: string; synthesis: string[] } | null;
	/** "Zusammenführung der wichtigsten Erkenntnisse"; empty until written. */
	findings: string[];
}

export interface ProjectorView {
	view: LiveView;
	/** Null for a viewer who is not in the session (who sees nothing of it). */
	breakouts: ProjectorBreakouts | null;
}

/** Who may see the projector is who may see the live state: the session's participants and moderators. */
export async function getProjectorView(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<ProjectorView> {
	const view = await getLiveView(db, viewer, code, request);
	if (!view.state) return { view, breakouts: null };
	return { view, breakouts: await projectorBreakouts(db, view.meetingId) };
}

async function projectorBreakouts(db: Kysely<Database>, meetingId: string): Promise<ProjectorBreakouts> {
	// The running round if there is one, else the one closed last (at any time: '' is before every date).
	const latest = await repo.findLiveRound(db, meetingId, '');
	const closedRound =
		latest && latest.status === 'closed'
			? { key: latest.key, title: latest.title, synthesis: latest.synthesis }
			: null;
	return { closedRound, findings: await repo.meetingFindings(db, meetingId) };
}
