/**
 * Who sees which live event. Everyone in the session gets every `state` (and `snapshot`);
 * a `tally` (a poll's running results) goes to moderators always, to participants only while
 * the moderator shows that poll's results. What a participant may see follows the last state
 * they were sent, so a replay after a reconnect keeps the visibility as it was at the time.
 */

/** What an event tells about visibility, read once when the event is made. */
export type EventScope =
	{ type: 'state'; resultsVisiblePollId: string | null } | { type: 'tally'; pollId: string };

/** A listener of the stream: whether they moderate, and the poll whose results they were last shown. */
export interface ListenerView {
	isModerator: boolean;
	resultsVisiblePollId: string | null;
}

/** The scope of an event from its type and payload (a `state`/`snapshot` LiveState or a `tally` PollResults). */
export function scopeOf(type: string, payload: unknown): EventScope {
	const fields = (payload ?? {}) as { pollId?: unknown; resultsVisiblePollId?: unknown };
	if (type === 'tally') return { type: 'tally', pollId: String(fields.pollId ?? '') };
	const visible = fields.resultsVisiblePollId;
	return { type: 'state', resultsVisiblePollId: typeof visible === 'string' ? visible : null };
}

/**
 * Whether the listener gets the event, and what they have been shown afterwards: a state
 * updates the visible poll; a tally passes for moderators and for the visible poll only.
 */
export function admit(listener: ListenerView, scope: EventScope): { send: boolean; listener: ListenerView } {
	if (scope.type === 'state')
		return { send: true, listener: { ...listener, resultsVisiblePollId: scope.resultsVisiblePollId } };
	return {
		send: listener.isModerator || scope.pollId === listener.resultsVisiblePollId,
		listener
	};
}
