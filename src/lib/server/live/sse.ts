import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import { admit, newListener, scopeOf, type ListenerView } from '../../domain/live/visibility';
import * as live from '../repositories/live-events';
import { eventFromRow, type LiveBus, type LiveEvent } from './bus';

const encoder = new TextEncoder();
/** More missed events than this, or events no longer stored: a fresh snapshot instead of a replay. */
export const MAX_REPLAY = 500;
const HEARTBEAT_MS = 20_000;
/** The stream's queue is measured in bytes; below this mark it counts as keeping up. */
const HIGH_WATER_MARK = 64 * 1024;
/**
 * Bytes a listener may leave unread (a stalled or very slow client: the HTTP layer stops reading
 * the stream while the socket is full). Beyond this the stream is ended, so the server never
 * buffers without bound; the browser's EventSource reconnects with Last-Event-ID and gets the
 * replay or a snapshot. A replay larger than this is a snapshot too, so a reconnect cannot overflow.
 */
export const MAX_UNREAD_BYTES = 1024 * 1024;

/** One `text/event-stream` frame. */
function frame(seq: number, type: string, json: string): Uint8Array {
	return encoder.encode(`id: ${seq}\nevent: ${type}\ndata: ${json}\n\n`);
}

const encoded = new WeakMap<LiveEvent, Uint8Array>();
/** Each event is encoded once, however many listeners it goes to. */
function frameOf(event: LiveEvent): Uint8Array {
	let bytes = encoded.get(event);
	if (!bytes) {
		bytes = frame(event.seq, event.type, event.json);
		encoded.set(event, bytes);
	}
	return bytes;
}

/** Every open stream's closer, so that a shutting-down instance can end them (clients reconnect elsewhere). */
const openStreams = new Set<() => void>();

/** Ends every open stream: the HTTP server can then close without waiting for them. */
export function closeAllStreams(): void {
	for (const close of [...openStreams]) close();
}

export interface StreamOptions {
	db: Kysely<Database>;
	bus: LiveBus;
	meetingId: string;
	/** Moderators see every tally; participants only those of the poll whose results are shown (domain/live/visibility.ts). */
	isModerator: boolean;
	lastEventId: number | undefined;
	snapshot: () => Promise<{ resultsVisiblePollId: string | null; breakout?: unknown }>;
	/**
	 * The listener's breakout room in the running round (participants; moderators see every room).
	 * Read when the stream starts and again whenever a state names another round or assignment.
	 */
	listenerRoom?: () => Promise<string | null>;
	signal?: AbortSignal;
	/** Unread bytes after which the stream is ended (tests use a smaller limit). */
	maxUnreadBytes?: number;
	/** Called once when the stream ends, however it ends (gives back its slot: live/stream-slots.ts). */
	onClose?: () => void;
}

/**
 * A meeting's server-sent event stream: subscribes first (buffering; once the bus is `ready` it
 * delivers every later event in sequence order), then replays what the client missed since
 * Last-Event-ID — or sends a `snapshot` when there is no id, the gap is too large or the events
 * are gone — then passes on live events, with a heartbeat comment every 20 s so that proxies
 * keep the connection open. A listener that leaves more than
 * MAX_UNREAD_BYTES unread is disconnected (its EventSource reconnects with Last-Event-ID).
 */
export function liveEventStream(options: StreamOptions): ReadableStream<Uint8Array> {
	const { db, bus, meetingId, isModerator } = options;
	const maxUnread = options.maxUnreadBytes ?? MAX_UNREAD_BYTES;
	let cleanup = (_overflow?: Error) => {};
	return new ReadableStream<Uint8Array>(
		{
			async start(controller) {
				/** What this listener has been shown, for the visibility rule. */
				let listener: ListenerView = newListener(isModerator);
				let lastSent = 0;
				/**
				 * Events held back while the stream catches up (replay or snapshot) or reads the listener's
				 * room again: they pass, in order, once it is done. Undefined: events pass as they come.
				 */
				let held: LiveEvent[] | undefined = [];
				let isOpen = true;
				/** What the listener has not read yet: the queue beyond its high-water mark's desired size. */
				const unread = () => HIGH_WATER_MARK - (controller.desiredSize ?? HIGH_WATER_MARK);
				const send = (bytes: Uint8Array) => {
					if (!isOpen) return;
					// Checked before adding, so that one frame larger than the limit (a big snapshot)
					// still goes to a listener that reads; only a listener that left the limit unread is ended.
					if (unread() >= maxUnread) {
						logger.info({ meetingId, unread: unread() }, 'a live listener fell behind: its stream is ended');
						cleanup(new Error('the listener did not read its live events'));
						return;
					}
					try {
						controller.enqueue(bytes);
					} catch {
						cleanup();
					}
				};
				/** Sends the event if the listener may see it; true when their room must be read first. */
				const pass = (event: LiveEvent): boolean => {
					if (event.seq <= lastSent) return false;
					lastSent = event.seq;
					const decision = admit(listener, event.scope);
					listener = decision.listener;
					if (decision.send) send(frameOf(event));
					return decision.rereadRoom && options.listenerRoom !== undefined;
				};
				/** Passes the held events; stops (holding the rest) where the room must be read again. */
				const release = () => {
					const pending = held ?? [];
					held = undefined;
					while (pending.length && isOpen) {
						if (pass(pending.shift()!)) {
							held = pending;
							rereadRoom();
							return;
						}
					}
				};
				const rereadRoom = () => {
					options.listenerRoom!().then(
						(roomId) => {
							listener = { ...listener, roomId };
							release();
						},
						(error: unknown) => {
							logger.warn({ err: error, meetingId }, 'the room of a live listener could not be read');
							cleanup(error instanceof Error ? error : new Error(String(error)));
						}
					);
				};
				const receive = (event: LiveEvent) => {
					if (held) held.push(event);
					else if (pass(event)) {
						held = [];
						rereadRoom();
					}
				};
				/** The listener as of a snapshot: its visible poll, its round and the room they are in. */
				const startFrom = async (state: { resultsVisiblePollId: string | null; breakout?: unknown }) => {
					const scope = scopeOf('snapshot', state);
					const round = scope.type === 'state' ? scope.round : null;
					const roomId = round && !isModerator && options.listenerRoom ? await options.listenerRoom() : null;
					listener = { isModerator, resultsVisiblePollId: state.resultsVisiblePollId, round, roomId };
				};
				const unsubscribe = bus.subscribe(meetingId, receive);
				const heartbeat = setInterval(() => send(encoder.encode(': heartbeat\n\n')), HEARTBEAT_MS);
				cleanup = (overflow?: Error) => {
					if (!isOpen) return;
					isOpen = false;
					openStreams.delete(cleanup);
					options.onClose?.();
					unsubscribe();
					clearInterval(heartbeat);
					try {
						// An overflowing stream is errored, not closed: that drops its unread queue at
						// once and ends the HTTP response, where closing would wait for the queue to be read.
						if (overflow) controller.error(overflow);
						else controller.close();
					} catch {
						// already closed by the client
					}
				};
				openStreams.add(cleanup);
				options.signal?.addEventListener('abort', () => cleanup());
				send(encoder.encode('retry: 3000\n\n'));

				// A failure while catching up (the database gone) ends the stream, and so gives its slot back.
				try {
					// The bus gives this stream every event after `delivered`, in order (LiveBus.ready): a
					// snapshot is numbered so (it is read later, so it holds at least those events), and a
					// replay is read only now, from a counter at least as high.
					const delivered = await bus.ready(meetingId);
					const sendSnapshot = async () => {
						const state = await options.snapshot();
						await startFrom(state);
						lastSent = delivered;
						send(frame(delivered, 'snapshot', JSON.stringify(state)));
					};
					const from = options.lastEventId;
					if (from === undefined) await sendSnapshot();
					else {
						const missed = await live.eventsAfter(db, meetingId, from, MAX_REPLAY + 1);
						const current = await live.lastEventSeq(db, meetingId);
						// The replay is queued at once: more bytes than a listener may leave unread would
						// end the stream before it could read them, and again on every reconnect. Half the
						// limit leaves room for the live events that come while a slow client reads it.
						const replayBytes = missed.reduce((sum, row) => sum + Buffer.byteLength(row.payload) + 40, 0);
						const isReplayable =
							missed.length <= MAX_REPLAY &&
							replayBytes < maxUnread / 2 &&
							from <= current &&
							(missed.length === 0 || missed[0]!.seq === from + 1);
						if (!isReplayable) await sendSnapshot();
						else {
							// Participants need the visibility as it was; the snapshot's is the current one.
							await startFrom(await options.snapshot());
							lastSent = from;
							held = [...missed.map(eventFromRow), ...(held ?? [])];
						}
					}
					release();
				} catch (error) {
					logger.warn({ err: error, meetingId }, 'a live stream could not catch up');
					cleanup(error instanceof Error ? error : new Error(String(error)));
				}
			},
			cancel() {
				cleanup();
			}
		},
		// Measured in bytes, so that `desiredSize` tells how much the listener has left unread.
		new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_MARK })
	);
}
