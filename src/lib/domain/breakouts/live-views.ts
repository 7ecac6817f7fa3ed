/**
 * What the live pages show of a running breakout round, shared by the server (which builds it)
 * and the browser (which receives it in events): plain data, no server code. The contract
 * between the breakout services, the event stream and the live pages.
 */

/** One card on a room's board, as one viewer sees it (authors are never named on a board). */
export interface BoardCardView {
	id: string;
	roomId: string;
	text: string;
	/** The board column the card is in; null when imported without one. */
	column: string | null;
	/** Imported dot votes plus live ones. */
	votes: number;
	/** Optimistic concurrency: an edit names the version it was based on. */
	version: number;
	/** Viewer-specific fields; false in events (the browser keeps its own from the page load). */
	isMine: boolean;
	hasMyVote: boolean;
	canEdit: boolean;
	canDelete: boolean;
	clusterId: string | null;
}

/**
 * The running round as everyone in the session sees it: a field of the live `state` (LiveState
 * `breakout`), null when no round runs.
 */
export interface LiveRoundView {
	key: string;
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	dotsPerPerson: number;
	/** 'running' until the moderator ends it or its time is over, then 'closed'. */
	status: 'running' | 'closed';
	startedAt: string | null;
	/** When the round closes by itself (the agenda item's duration from the start). */
	endsAt: string | null;
	/** True from one minute before `endsAt`: every room is warned. */
	endingSoon: boolean;
	/** The moderator's last message to every room. */
	broadcast: { text: string; at: string } | null;
	/** Grows whenever people are assigned or moved: a page reloads its room when it changes. */
	assignmentRevision: number;
}

/** A participant's own room in the running round: what their live page shows beside the state. */
export interface ParticipantRoomView {
	roundKey: string;
	room: { id: string; name: string; topic: string | null };
	/** Whether the viewer is the room's rapporteur (may edit every card). */
	isRapporteur: boolean;
	/** The other members, only those who consented to be named; the rest counted. */
	namedMembers: string[];
	unnamedMembers: number;
	cards: BoardCardView[];
	dotsLeft: number;
}

/**
 * The payload of a `card` event: a change on one room's board, sent to that room's members and
 * to moderators only (domain/live/visibility.ts).
 */
export interface BoardCardEvent {
	roundKey: string;
	roomId: string;
	action: 'added' | 'edited' | 'deleted' | 'voted';
	cardId: string;
	/** The card after the change; null when deleted. */
	card: BoardCardView | null;
}
