import { logger } from '../logger';
import type { AppContext } from '../app';
import { sendDueReminders } from './reminders';

const MINUTE = 60 * 1000;

/**
 * Background jobs of the server: the reminders, every minute. Not in the CLI and not in tests
 * (NODE_ENV=test), and off with JOBS=off (e.g. on all but one of several instances — though the
 * claims make running them everywhere safe). The timer is unref'd so it never keeps Node alive.
 */
export function startJobs(context: AppContext): (() => void) | undefined {
	if (process.env.NODE_ENV === 'test' || process.env.JOBS === 'off') return undefined;
	let isRunning = false;
	const tick = async () => {
		// A slow run (many mails) is not overlapped by the next tick.
		if (isRunning) return;
		isRunning = true;
		try {
			const { sent } = await sendDueReminders(context.database.db, context.mailer, new Date(), {
				publicOrigin: context.config.publicOrigin
			});
			if (sent) logger.info({ sent }, 'reminders sent');
		} catch (error) {
			logger.error({ err: error }, 'the reminder job failed');
		} finally {
			isRunning = false;
		}
	};
	const timer = setInterval(() => void tick(), MINUTE);
	timer.unref();
	return () => clearInterval(timer);
}
