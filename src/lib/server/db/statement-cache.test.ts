import { describe, expect, it } from 'vitest';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { withStatementCache } from './statement-cache';

function fakeDatabase() {
	const prepared: string[] = [];
	let isClosed = false;
	const database: SqliteDatabase = {
		close: () => {
			isClosed = true;
		},
		prepare: (sql: string): SqliteStatement => {
			prepared.push(sql);
			return {
				reader: sql.startsWith('select'),
				all: () => [sql],
				run: () => ({ changes: 0, lastInsertRowid: 0 }),
				iterate: () => [][Symbol.iterator]()
			};
		}
	};
	return { database, prepared, isClosed: () => isClosed };
}

describe('withStatementCache', () => {
	it('prepares each SQL text once and hands out the same statement again', () => {
		const fake = fakeDatabase();
		const cached = withStatementCache(fake.database);
		const first = cached.prepare('select 1');
		expect(cached.prepare('select 1')).toBe(first);
		expect(cached.prepare('select 2')).not.toBe(first);
		expect(fake.prepared).toEqual(['select 1', 'select 2']);
	});

	it('drops the least recently used statement when full', () => {
		const fake = fakeDatabase();
		const cached = withStatementCache(fake.database, 2);
		cached.prepare('a');
		cached.prepare('b');
		cached.prepare('a'); // a is now the most recent
		cached.prepare('c'); // evicts b
		cached.prepare('a');
		cached.prepare('b');
		expect(fake.prepared).toEqual(['a', 'b', 'c', 'b']);
	});

	it('closes the database', () => {
		const fake = fakeDatabase();
		withStatementCache(fake.database).close();
		expect(fake.isClosed()).toBe(true);
	});
});
