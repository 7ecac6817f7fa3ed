import type { LiveState, PollResults } from '$lib/domain/live/views';

/**
 * Follows a live session's event stream in the browser. EventSource reconnects by itself and
 * sends Last-Event-ID, so the server replays what was missed (or a fresh snapshot).
 */
export function followLive(
	digits: string,
	handlers: { onState: (state: LiveState) => void; onTally: (results: PollResults) => void }
): () => void {
	const source = new EventSource(`/live/${digits}/events`);
	const onState = (event: MessageEvent<string>) => handlers.onState(JSON.parse(event.data) as LiveState);
	source.addEventListener('snapshot', onState);
	source.addEventListener('state', onState);
	source.addEventListener('tally', (event: MessageEvent<string>) =>
		handlers.onTally(JSON.parse(event.data) as PollResults)
	);
	return () => source.close();
}

/** "4:05" for the time left until an ISO instant; "0:00" once it is over. */
export function timeLeft(endsAt: string, now: number): string {
	const seconds = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
