/**
 * Breakout rounds (issue 11): organizers and the meeting's moderators configure rounds, assign
 * people to rooms (random, mixed, self-chosen, by hand), export the assignment (Zoom CSV, CSV,
 * XLSX), group cards into clusters and write the synthesis and the meeting's findings. Room
 * members and moderators use the room's board: cards with optimistic concurrency (a stale edit
 * is refused with the current text) and dot votes within a per-person limit per round, both
 * checked inside the transaction under a row lock.
 *
 * Authors are never named on a board; the moderators' overview names the author of a card only
 * when that person consented to the participant list (guests are never named).
 *
 * The use cases live in files by concern: breakouts-access (the meeting and who may act on it;
 * views), breakouts-schemas, breakouts-rounds, breakouts-assignment, breakouts-boards,
 * breakouts-synthesis and breakouts-export; the live round in breakouts-live (start, end, message,
 * timer), breakouts-live-view (LiveState `breakout`), breakouts-live-board (a participant's room
 * on the live page), breakouts-overview (every room for moderators), breakouts-placement (people
 * and live guests in rooms) and breakouts-board-access; this module gathers them for the routes.
 */
export * from './breakouts-schemas';
export * from './breakouts-access';
export * from './breakouts-rounds';
export * from './breakouts-assignment';
export * from './breakouts-board-access';
export * from './breakouts-boards';
export * from './breakouts-synthesis';
export * from './breakouts-export';
export * from './breakouts-placement';
export * from './breakouts-live-view';
export * from './breakouts-live';
export * from './breakouts-live-board';
export * from './breakouts-arrivals';
export * from './breakouts-overview';
