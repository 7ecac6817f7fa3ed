import pg from 'pg';
import { logger } from '../logger';
import type { LiveBus, LiveNotifier } from './bus';

const CHANNEL = 'nws_live_events';

/**
 * Shares live events between instances on one PostgreSQL database: a dedicated client LISTENs;
 * NOTIFY carries only meeting id, sequence number and the sending instance (payloads are limited
 * to 8 kB), and each receiving instance reads the stored event row. A lost connection is
 * reopened; clients that missed events meanwhile catch up through Last-Event-ID replay.
 */
export async function connectPostgresNotifier(url: string, bus: LiveBus): Promise<LiveNotifier> {
	let client: pg.Client | undefined;
	let isClosed = false;

	async function open(): Promise<void> {
		const next = new pg.Client({ connectionString: url });
		next.on('notification', (message) => {
			if (message.channel !== CHANNEL || !message.payload) return;
			const [meetingId, seq, origin] = message.payload.split(' ');
			if (!meetingId || !seq || !origin) return;
			bus
				.receiveRemote(meetingId, Number(seq), origin)
				.catch((error: unknown) => logger.error({ err: error }, 'live event from another instance failed'));
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

	await open();
	return {
		async notify(meetingId, seq, origin) {
			if (!client) return; // reconnecting: the others replay from live_events
			await client.query('select pg_notify($1, $2)', [CHANNEL, `${meetingId} ${seq} ${origin}`]);
		},
		async close() {
			isClosed = true;
			await client?.end();
			client = undefined;
		}
	};
}
