import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import type { Database } from './schema';
import { startSqliteCheckpointer } from './sqlite-checkpointer';
import { withStatementCache } from './statement-cache';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface DatabaseHandle {
	db: Kysely<Database>;
	kind: DatabaseKind;
	/** A description without credentials, for logs. */
	description: string;
	close(): Promise<void>;
}

/**
 * Opens a database from a URL:
 * - `sqlite:/path/to/file.sqlite`, `sqlite:relative/file.sqlite` or `sqlite::memory:`;
 * - `postgres://…` or `postgresql://…`.
 * (Tests also run on PGlite, PostgreSQL in process: see tests/helpers/databases.ts.)
 */
export async function openDatabase(url: string): Promise<DatabaseHandle> {
	if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
	if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
	throw new Error(
		`DATABASE_URL "${redact(url)}" is not understood: use sqlite:/path/file.sqlite or postgres://user@host/db`
	);
}

async function openSqlite(path: string): Promise<DatabaseHandle> {
	const { default: SqliteDatabase } = await import('better-sqlite3');
	const sqlite = new SqliteDatabase(path === '' ? ':memory:' : path);
	// WAL lets readers go on while one writer commits; foreign keys are off by default in SQLite.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const handle = wrapDialect(
		new SqliteDialect({ database: withStatementCache(sqlite) }),
		'sqlite',
		`sqlite:${path}`
	);
	if (sqlite.memory) return handle;
	// A worker thread checkpoints the log (sqlite-checkpointer.ts); this connection does so itself
	// only past 16,000 pages (64 MB at 4 KB a page), should the worker be gone.
	sqlite.pragma('wal_autocheckpoint = 16000');
	const checkpointer = startSqliteCheckpointer(path);
	return {
		...handle,
		async close() {
			// The app's connection closes last: SQLite then checkpoints the rest and removes the log.
			await checkpointer.stop();
			await handle.close();
		}
	};
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
	const { default: pg } = await import('pg');
	const pool = new pg.Pool({ connectionString: url, max: 10 });
	return wrapDialect(new PostgresDialect({ pool }), 'postgres', redact(url));
}

export function wrapDialect(dialect: Dialect, kind: DatabaseKind, description: string): DatabaseHandle {
	const db = new Kysely<Database>({ dialect });
	return { db, kind, description, close: () => db.destroy() };
}

/** Hides a password in a connection URL. */
export function redact(url: string): string {
	return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
