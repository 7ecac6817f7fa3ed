import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew, and preparing (parsing and planning the SQL)
 * costs more than running most of our queries: on the live vote path it was the largest single
 * cost. This keeps the most recently used prepared statements per SQL text. Safe because the
 * driver runs one query at a time on its one connection, and we never stream (an iterating
 * statement would be busy).
 */
export function withStatementCache(database: SqliteDatabase, capacity = 500): SqliteDatabase {
	const statements = new Map<string, SqliteStatement>();
	return {
		close: () => {
			statements.clear();
			database.close();
		},
		prepare(sql: string): SqliteStatement {
			const cached = statements.get(sql);
			if (cached) {
				// Map keeps insertion order: re-inserting marks the statement as recently used.
				statements.delete(sql);
				statements.set(sql, cached);
				return cached;
			}
			const statement = database.prepare(sql);
			if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
			statements.set(sql, statement);
			return statement;
		}
	};
}
