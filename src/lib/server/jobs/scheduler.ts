import { logger } from '../logger';
import type { AppContext } from '../app';
import { sendDueReminders } from './reminders';
import { applyRetention } from './retention';

const MINUTE = 60 * 1000;

/**
 * Background jobs of the server, every minute: the reminders, and the retention of personal data. Not in the CLI and not in tests
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
			// Cheap when nothing is due: one query finds meetings that still hold personal data.
			const { anonymized } = await applyRetention(context.database.db, new Date());
			if (anonymized) logger.info({ anonymized }, 'registrations anonymized after their retention period');
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
