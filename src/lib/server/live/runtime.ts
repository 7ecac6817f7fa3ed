import { getAppContext } from '../app';
import { LiveBus } from './bus';
import { connectPostgresNotifier } from './postgres-notify';
import { closeAllStreams } from './sse';

let starting: Promise<LiveBus> | undefined;

/**
 * The app's one live bus, on the app's database. On PostgreSQL it listens for the other
 * instances' events; on SQLite (one process owns the file) it stays in process.
 */
export function getLiveBus(): Promise<LiveBus> {
	starting ??= (async () => {
		const { config, database } = await getAppContext();
		const bus = new LiveBus(database.db);
		// On shutdown the open event streams end at once (their clients reconnect, to another
		// instance or to this one restarted, with Last-Event-ID) instead of holding the server open.
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, closeAllStreams);
		if (database.kind === 'postgres' && /^postgres(ql)?:\/\//.test(config.databaseUrl))
			bus.useNotifier(await connectPostgresNotifier(config.databaseUrl, bus));
		return bus;
	})();
	return starting;
}

/** Closes the live bus on shutdown, before the database: no tally is then built on a closed one. */
export async function stopLiveBus(): Promise<void> {
	if (!starting) return;
	const bus = await starting;
	starting = undefined;
	await bus.close();
}
