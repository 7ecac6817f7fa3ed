import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { logger } from '../logger';

/**
 * Checkpoints a SQLite file's write-ahead log on a worker thread, so that no request waits for it.
 *
 * Why: in WAL mode SQLite copies the log back into the database file (a checkpoint, with an
 * fsync of both files) inside the commit that crosses 1,000 logged pages. better-sqlite3 is
 * synchronous, so that commit, and every request behind it on the event loop, waited for the
 * disk: under a live poll's votes, checkpoints were about 40% of SQLite's time (bench:live). A
 * second connection on its own thread may checkpoint while the app's connection reads and writes
 * (a PASSIVE checkpoint never blocks a writer or waits for one). Durability is unchanged: a
 * commit is in the log before it returns, as before.
 *
 * The app's own connection keeps a far higher automatic threshold as a fallback, in case the
 * worker is gone (see openSqlite in connect.ts).
 */
export interface SqliteCheckpointer {
	/** Stops the worker and closes its connection; the app's connection can then close last. */
	stop(): Promise<void>;
}

/** How often the worker checkpoints: a log cannot grow for long, and an idle check costs nothing. */
const INTERVAL_MS = 500;

/**
 * The worker, evaluated from source (no file to find beside a bundle): it loads the same
 * better-sqlite3 the app resolved. Dynamic imports only, as the source runs as a CommonJS script
 * or, where the process was started with --input-type=module, as a module.
 */
const WORKER_SOURCE = `
(async () => {
	const { parentPort, workerData } = await import('node:worker_threads');
	const { default: Database } = await import(workerData.driverUrl);
	const db = new Database(workerData.path, { fileMustExist: true });
	db.pragma('synchronous = NORMAL');
	const checkpoint = () => {
		try {
			db.pragma('wal_checkpoint(PASSIVE)');
		} catch (error) {
			parentPort.postMessage({ failed: String(error) });
		}
	};
	const timer = setInterval(checkpoint, workerData.intervalMs);
	parentPort.on('message', (message) => {
		if (message !== 'stop') return;
		clearInterval(timer);
		checkpoint();
		db.close();
		parentPort.close();
	});
})();
`;

/** Starts the checkpointing worker for the SQLite file at `path` (already in WAL mode). */
export function startSqliteCheckpointer(path: string, intervalMs = INTERVAL_MS): SqliteCheckpointer {
	const driverUrl = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
	const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driverUrl, intervalMs } });
	// The worker never keeps a process (a CLI command, a test) alive.
	worker.unref();
	let isStopped = false;
	worker.on('message', (message: { failed?: string }) => {
		if (message.failed) logger.warn({ error: message.failed, path }, 'a WAL checkpoint failed');
	});
	// Without its worker the app's connection checkpoints on its own (the fallback threshold).
	worker.on('error', (error) => logger.warn({ err: error, path }, 'the WAL checkpoint worker stopped'));
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	return {
		async stop() {
			if (isStopped) return exited;
			isStopped = true;
			// Waiting for it must keep the process alive until it has closed its connection.
			worker.ref();
			worker.postMessage('stop');
			await exited;
		}
	};
}
