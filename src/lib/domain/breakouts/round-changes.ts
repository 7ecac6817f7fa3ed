import type { LiveRoundView } from './live-views';

/**
 * Whether a streamed round differs from the one a page was loaded with in what decides the
 * viewer's room: another round (or none), another status, or people placed or moved (the
 * assignment revision). The page then loads its room again; the clock, the warning and the
 * moderators' message come with the state itself and need no reload.
 */
export function roundChanged(loaded: LiveRoundView | null, streamed: LiveRoundView | null): boolean {
	if (loaded === null || streamed === null) return loaded !== streamed;
	return (
		loaded.key !== streamed.key ||
		loaded.status !== streamed.status ||
		loaded.assignmentRevision !== streamed.assignmentRevision
	);
}
