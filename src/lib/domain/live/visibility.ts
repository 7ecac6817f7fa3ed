/**
 * Who sees which live event. Everyone in the session gets every `state` (and `snapshot`);
 * a `tally` (a poll's running results) goes to moderators always, to participants only while
 * the moderator shows that poll's results; a `card` (a change on a breakout room's board) goes to
 * moderators and to the members of that room only. What a participant may see follows the last
 * state they were sent, so a replay after a reconnect keeps the visibility as it was at the time;
 * their room is read again whenever a state tells that people were placed or moved.
 */

/** The running round as a state names it: a new key or revision means rooms may have changed. */
export interface RoundMark {
	key: string;
	assignmentRevision: number;
}

/** What an event tells about visibility, read once when the event is made. */
export type EventScope =
	| { type: 'state'; resultsVisiblePollId: string | null; round: RoundMark | null }
	| { type: 'tally'; pollId: string }
	| { type: 'card'; roomId: string };

/** A listener of the stream: whether they moderate, the poll whose results they were last shown, their room. */
export interface ListenerView {
	isModerator: boolean;
	resultsVisiblePollId: string | null;
	/** The listener's breakout room in the running round, as last read (null: none). */
	roomId: string | null;
	/** The round (and its assignment revision) that `roomId` was read for. */
	round: RoundMark | null;
}

/** A listener before anything was sent to them. */
export function newListener(isModerator: boolean): ListenerView {
	return { isModerator, resultsVisiblePollId: null, roomId: null, round: null };
}

function roundMarkOf(value: unknown): RoundMark | null {
	if (value === null || typeof value !== 'object') return null;
	const { key, assignmentRevision } = value as { key?: unknown; assignmentRevision?: unknown };
	if (typeof key !== 'string') return null;
	return { key, assignmentRevision: typeof assignmentRevision === 'number' ? assignmentRevision : 0 };
}

/**
 * The scope of an event from its type and payload (a `state`/`snapshot` LiveState, a `tally`
 * PollResults or a `card` BoardCardEvent).
 */
export function scopeOf(type: string, payload: unknown): EventScope {
	const fields = (payload ?? {}) as {
		pollId?: unknown;
		resultsVisiblePollId?: unknown;
		roomId?: unknown;
		breakout?: unknown;
	};
	if (type === 'tally') return { type: 'tally', pollId: String(fields.pollId ?? '') };
	if (type === 'card') return { type: 'card', roomId: String(fields.roomId ?? '') };
	const visible = fields.resultsVisiblePollId;
	return {
		type: 'state',
		resultsVisiblePollId: typeof visible === 'string' ? visible : null,
		round: roundMarkOf(fields.breakout)
	};
}

const sameRound = (a: RoundMark | null, b: RoundMark | null) =>
	a === b || (a !== null && b !== null && a.key === b.key && a.assignmentRevision === b.assignmentRevision);

/**
 * Whether the listener gets the event, and what they have been shown afterwards: a state
 * updates the visible poll and the round; a tally passes for moderators and for the visible poll
 * only; a card for moderators and the card's room only. `rereadRoom`: the state names another
 * round or assignment than the listener's room was read for, so the stream reads it again before
 * it passes on the next events (participants only: moderators see every room).
 */
export function admit(
	listener: ListenerView,
	scope: EventScope
): { send: boolean; listener: ListenerView; rereadRoom: boolean } {
	switch (scope.type) {
		case 'state': {
			const rereadRoom = !listener.isModerator && !sameRound(listener.round, scope.round);
			return {
				send: true,
				listener: {
					...listener,
					resultsVisiblePollId: scope.resultsVisiblePollId,
					round: scope.round,
					// Without a round there is no room; otherwise the room is what the re-read finds.
					roomId: scope.round === null ? null : listener.roomId
				},
				rereadRoom: rereadRoom && scope.round !== null
			};
		}
		case 'tally':
			return {
				send: listener.isModerator || scope.pollId === listener.resultsVisiblePollId,
				listener,
				rereadRoom: false
			};
		case 'card':
			return {
				send: listener.isModerator || (listener.roomId !== null && scope.roomId === listener.roomId),
				listener,
				rereadRoom: false
			};
		default: {
			const exhaustive: never = scope;
			throw new Error(`unknown scope ${JSON.stringify(exhaustive)}`);
		}
	}
}
