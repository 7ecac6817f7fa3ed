import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { getLiveBus } from '../live/runtime';
import type { Viewer } from '../services/live-participants';
import { castVote } from '../services/live-votes';

/**
 * POST /api/v1/live/{code}/votes once the request is recognized and its origin checked: the
 * route (through SvelteKit) and the fast path (vote-fast-path.ts, ahead of it) both answer with
 * this, so the body is read, and the service called, in the same order on either way in.
 */
export async function castVoteFromRequest(
	db: Kysely<Database>,
	request: { viewer: Viewer; code: string; readBody: () => Promise<unknown>; clientAddress: string }
): Promise<{ questionId: string }> {
	return castVote(db, await getLiveBus(), request.viewer, request.code, await request.readBody(), {
		clientAddress: request.clientAddress
	});
}
