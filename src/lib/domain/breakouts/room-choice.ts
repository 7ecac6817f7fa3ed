/**
 * A room of a self-chosen round as the live page offers it to a participant without a room
 * (services/breakouts-live-choice.ts builds it): plain data, shared with the browser.
 */
export interface RoomChoice {
	id: string;
	name: string;
	topic: string | null;
	/** At its cap: shown, but it cannot be chosen. */
	isFull: boolean;
}
