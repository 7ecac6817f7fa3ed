import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { logger } from '../logger';
import type { LiveBus } from '../live/bus';
import { advanceRounds } from '../services/breakouts-live';

/** How often running rounds are looked at, at the latest: a missed moment is caught up then. */
export const ROUND_SWEEP_MS = 15_000;

/**
 * The breakout round timer: warns every room a minute before a round ends and closes it at its
 * end (services/breakouts-live.ts `advanceRounds`). It reads the running rounds from the database
 * on every step, so a restarted instance picks up rounds started before, and it runs on every
 * instance: the guarded UPDATEs make a second close or warning change nothing. Between sweeps, a
 * timer is set for the next moment that is due, so warnings and ends come on time.
 */
export function startRoundTimer(
	db: Kysely<Database>,
	bus: () => Promise<LiveBus>,
	sweepMs = ROUND_SWEEP_MS
): () => void {
	let isRunning = false;
	let next: ReturnType<typeof setTimeout> | undefined;
	let isStopped = false;
	const step = async () => {
		if (isRunning || isStopped) return;
		isRunning = true;
		try {
			const now = new Date();
			const { warned, closed, nextDueAt } = await advanceRounds(db, await bus(), now);
			if (warned || closed) logger.info({ warned, closed }, 'breakout rounds warned or closed');
			if (next) clearTimeout(next);
			next = undefined;
			const wait = nextDueAt ? nextDueAt.getTime() - Date.now() : Infinity;
			if (wait < sweepMs && !isStopped) {
				next = setTimeout(() => void step(), Math.max(0, wait) + 10);
				next.unref();
			}
		} catch (error) {
			logger.error({ err: error }, 'the breakout round timer failed');
		} finally {
			isRunning = false;
		}
	};
	const sweep = setInterval(() => void step(), sweepMs);
	sweep.unref();
	// Soon after start: rounds that ended while no instance was up are closed without waiting a sweep.
	const first = setTimeout(() => void step(), 1000);
	first.unref();
	return () => {
		isStopped = true;
		clearInterval(sweep);
		clearTimeout(first);
		if (next) clearTimeout(next);
	};
}
