import type { BoardCardEvent } from '$lib/domain/breakouts/live-views';
import type { LiveState, PollResults } from '$lib/domain/live/views';

/** What a page does with the stream's events; `seq` is the event's position (its SSE id). */
export interface LiveHandlers {
	onState: (state: LiveState, seq: number) => void;
	onTally: (results: PollResults) => void;
	/** A change on a breakout board (sent to the room's members and to moderators only). */
	onCard?: (event: BoardCardEvent, seq: number) => void;
}

/** The stream's address; `after` asks the server to replay what came after that position. */
export function streamUrl(digits: string, after: number | undefined): string {
	return after === undefined ? `/live/${digits}/events` : `/live/${digits}/events?after=${after}`;
}

/**
 * Follows a live session's event stream in the browser. EventSource reconnects by itself and
 * sends Last-Event-ID, so the server replays what was missed (or a fresh snapshot). When the
 * device goes offline the stream is closed, and opened again once it is back online, asking for
 * what came after the last event seen: a stream that the browser had given up (closed) comes
 * back the same way, and nothing the room wrote meanwhile is missed.
 */
export function followLive(
	digits: string,
	handlers: LiveHandlers,
	/** The stream's position the page was loaded at: the stream starts there (no gap, no snapshot). */
	options: { after?: number } = {}
): () => void {
	let lastSeq: number | undefined = options.after;
	let source: EventSource | undefined;
	const seqOf = (event: MessageEvent<string>) => {
		const seq = Number(event.lastEventId);
		if (Number.isSafeInteger(seq) && seq > 0) lastSeq = seq;
		return lastSeq ?? 0;
	};
	const onState = (event: MessageEvent<string>) =>
		handlers.onState(JSON.parse(event.data) as LiveState, seqOf(event));
	const onTally = (event: MessageEvent<string>) => {
		seqOf(event);
		handlers.onTally(JSON.parse(event.data) as PollResults);
	};
	const onCard = (event: MessageEvent<string>) => {
		const seq = seqOf(event);
		handlers.onCard?.(JSON.parse(event.data) as BoardCardEvent, seq);
	};
	const open = () => {
		source?.close();
		source = new EventSource(streamUrl(digits, lastSeq));
		source.addEventListener('snapshot', onState);
		source.addEventListener('state', onState);
		source.addEventListener('tally', onTally);
		source.addEventListener('card', onCard);
	};
	const close = () => {
		source?.close();
		source = undefined;
	};
	const reopen = () => {
		if (!source || source.readyState === EventSource.CLOSED) open();
	};
	open();
	window.addEventListener('offline', close);
	window.addEventListener('online', reopen);
	return () => {
		window.removeEventListener('offline', close);
		window.removeEventListener('online', reopen);
		close();
	};
}

/** "4:05" for the time left until an ISO instant; "0:00" once it is over. */
export function timeLeft(endsAt: string, now: number): string {
	const seconds = Math.max(0, Math.round((Date.parse(endsAt) - now) / 1000));
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
