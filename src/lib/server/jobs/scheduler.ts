import { logger } from '../logger';
import type { AppContext } from '../app';
import { cleanUpLiveEvents } from './live-events';
import { sendDueReminders } from './reminders';
import { applyRetention } from './retention';
import { startRoundTimer } from './breakout-rounds';
import { getLiveBus } from '../live/runtime';

const MINUTE = 60 * 1000;

/**
 * Runs `job` every `intervalMs`; a slow run is not overlapped by the next tick. The timer is
 * unref'd so it never keeps Node alive.
 */
function every(intervalMs: number, name: string, job: () => Promise<void>): () => void {
	let isRunning = false;
	const tick = async () => {
		if (isRunning) return;
		isRunning = true;
		try {
			await job();
		} catch (error) {
			logger.error({ err: error }, `the ${name} job failed`);
		} finally {
			isRunning = false;
		}
	};
	const timer = setInterval(() => void tick(), intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Background jobs of the server: every minute the reminders and the retention of personal data,
 * every ten minutes the removal of old live events, and the breakout round timer (warnings and ends
 * of running rounds, jobs/breakout-rounds.ts). Not in the CLI and not in tests
 * (NODE_ENV=test), and off with JOBS=off (e.g. on all but one of several instances — though the
 * claims make running them everywhere safe, and deleting old events twice deletes nothing more).
 */
export function startJobs(context: AppContext): (() => void) | undefined {
	if (process.env.NODE_ENV === 'test' || process.env.JOBS === 'off') return undefined;
	const db = context.database.db;
	const stops = [
		every(MINUTE, 'reminder', async () => {
			const { sent } = await sendDueReminders(db, context.mailer, new Date(), {
				publicOrigin: context.config.publicOrigin
			});
			if (sent) logger.info({ sent }, 'reminders sent');
			// Cheap when nothing is due: one query finds meetings that still hold personal data.
			const { anonymized } = await applyRetention(db, new Date(), { dataDir: context.config.dataDir });
			if (anonymized) logger.info({ anonymized }, 'registrations anonymized after their retention period');
		}),
		// Live events grow by a few rows a second during a meeting; only the newest are ever replayed.
		every(10 * MINUTE, 'live events', async () => {
			const deleted = await cleanUpLiveEvents(db, new Date());
			if (deleted.ofStoppedSessions || deleted.beyondReplay) logger.info(deleted, 'old live events deleted');
		}),
		startRoundTimer(db, getLiveBus)
	];
	return () => {
		for (const stop of stops) stop();
	};
}
