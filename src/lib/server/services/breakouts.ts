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
 * breakouts-synthesis and breakouts-export; this module gathers them for the routes.
 */
export * from './breakouts-schemas';
export * from './breakouts-access';
export * from './breakouts-rounds';
export * from './breakouts-assignment';
export * from './breakouts-boards';
export * from './breakouts-synthesis';
export * from './breakouts-export';
