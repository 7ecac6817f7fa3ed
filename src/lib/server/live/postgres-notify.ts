import pg from 'pg';
import { logger } from '../logger';
import type { LiveBus, LiveNotifier } from './bus';

const CHANNEL = 'nws_live_events';

/**
 * Shares live events between instances on one PostgreSQL database: a dedicated client LISTENs;
 * NOTIFY carries only meeting id, sequence number and the sending instance (payloads are limited
 * to 8 kB), and each receiving instance reads the stored event row in its turn (the bus's
 * meeting feeds put notices in sequence order and read gaps, so a notice that is late or lost
 * costs a little delay, not an event). A lost connection is reopened; what it missed meanwhile
 * is read with the next notice of the meeting, and clients that reconnect catch up through
 * Last-Event-ID replay.
 */
export async function connectPostgresNotifier(url: string, bus: LiveBus): Promise<LiveNotifier> {
	let client: pg.Client | undefined;
	let isClosed = false;
	/**
	 * The NOTIFY queries, one after another on the one client: each waits for the one before, so
	 * they go out in the order of the publishes' calls and never pile up on the connection.
	 */
	let sending: Promise<void> = Promise.resolve();

	async function open(): Promise<void> {
		const next = new pg.Client({ connectionString: url });
		next.on('notification', (message) => {
			if (message.channel !== CHANNEL || !message.payload) return;
			const [meetingId, seq, origin] = message.payload.split(' ');
			if (!meetingId || !seq || !origin) return;
			// Synchronous: the bus takes notices in the order they arrive (it reads the rows itself).
			bus.receiveRemote(meetingId, Number(seq), origin);
		});
		next.on('error', (error) => {
			logger.warn({ err: error }, 'live LISTEN connection lost; reconnecting');
			client = undefined;
			next.end().catch(() => undefined);
			if (!isClosed) setTimeout(() => void open().catch(reportReconnect), 1000);
		});
		await next.connect();
		await next.query(`listen ${CHANNEL}`);
		client = next;
	}

	function reportReconnect(error: unknown): void {
		logger.error({ err: error }, 'live LISTEN reconnect failed');
		if (!isClosed) setTimeout(() => void open().catch(reportReconnect), 5000);
	}

	/**
	 * One NOTIFY. A failure is logged, not thrown: the event is stored and delivered here, and the
	 * other instances read it with their next notice of the meeting (or their clients' replay).
	 */
	async function send(meetingId: string, seq: number, origin: string): Promise<void> {
		if (!client) return; // reconnecting: see above
		try {
			await client.query('select pg_notify($1, $2)', [CHANNEL, `${meetingId} ${seq} ${origin}`]);
		} catch (error) {
			logger.warn(
				{ err: error, meetingId, seq },
				'a live event could not be announced to the other instances'
			);
		}
	}

	await open();
	return {
		notify(meetingId, seq, origin) {
			sending = sending.then(() => send(meetingId, seq, origin));
			return sending;
		},
		async close() {
			isClosed = true;
			await sending;
			await client?.end();
			client = undefined;
		}
	};
}
