import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import {
	fictionalDocument,
	foundingDocument,
	type Doc
} from '../../src/lib/domain/exchange-format/test-documents';
import type { Database } from '../../src/lib/server/db/schema';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { countImportedRows } from '../helpers/import-tables';

/**
 * Property tests of the exchange-format import (issue 9): documents made from the two examples
 * by random mutations (a value replaced, retyped or removed, an unknown key added, a hostile
 * string put in), and wholly random JSON, never crash the import, never leave half a meeting
 * behind, and are either imported or refused with problems whose JSON pointers lead into the
 * document. 100 runs per database keep CI fast.
 */
const RUNS = 100;

type Path = (string | number)[];

/** Every place in a JSON value (the root too), as paths of keys and indexes. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
	const paths: Path[] = [prefix];
	if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
	else if (value !== null && typeof value === 'object')
		for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
	return paths;
}

/** Follows a JSON pointer; undefined when it leads nowhere. */
function resolvePointer(document: unknown, pointer: string): { found: boolean } {
	if (pointer === '') return { found: true };
	let current: unknown = document;
	for (const raw of pointer.slice(1).split('/')) {
		const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
		if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key))
			return { found: false };
		current = (current as Record<string, unknown>)[key];
	}
	return { found: true };
}

const HOSTILE_STRINGS = [
	'',
	' ',
	'javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'../../etc/passwd',
	'a\u0000b',
	'<script>alert(1)</script>',
	'25:99',
	'2024-02-30',
	'x'.repeat(25_000),
	'🙂',
	'__proto__'
];

type Mutation =
	| { kind: 'replace'; at: number; value: unknown }
	| { kind: 'remove'; at: number }
	| { kind: 'addKey'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({
		kind: fc.constant('replace' as const),
		at: fc.nat(),
		value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE_STRINGS), fc.integer())
	}),
	fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
	fc.record({
		kind: fc.constant('addKey' as const),
		at: fc.nat(),
		key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'id')),
		value: fc.jsonValue({ maxDepth: 1 })
	})
);

/** Applies mutations to a copy; the root itself may be replaced. */
function mutate(base: Doc, mutations: Mutation[]): unknown {
	let document: unknown = structuredClone(base);
	for (const change of mutations) {
		const paths = pathsOf(document);
		const path = paths[change.at % paths.length]!;
		if (path.length === 0) {
			if (change.kind === 'replace') document = structuredClone(change.value);
			continue;
		}
		const parent = path
			.slice(0, -1)
			.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
		const key = path[path.length - 1]!;
		const container = parent as Record<string | number, unknown>;
		if (change.kind === 'replace') container[key] = structuredClone(change.value);
		else if (change.kind === 'remove') {
			if (Array.isArray(parent)) parent.splice(key as number, 1);
			else delete container[key];
		} else {
			const target = container[key];
			if (target !== null && typeof target === 'object' && !Array.isArray(target))
				Object.defineProperty(target, change.key, {
					value: structuredClone(change.value),
					enumerable: true,
					writable: true,
					configurable: true
				});
		}
	}
	return document;
}

/** Imports; the answer is either the result or the AppError (any other throw fails the property). */
async function tryImport(db: Kysely<Database>, actor: Parameters<typeof importMeeting>[1], input: unknown) {
	try {
		return { result: await importMeeting(db, actor, input) };
	} catch (error) {
		if (!isAppError(error)) throw error;
		return { error };
	}
}

for (const database of testDatabases()) {
	describe(`${database.name}: exchange import properties`, () => {
		afterAll(() => database.close());

		it('mutated examples: imported, or refused with problems pointing into the document, never half written', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			let expected = await countImportedRows(db);
			let refused = 0;
			await fc.assert(
				fc.asyncProperty(
					fc.constantFrom(foundingDocument(), fictionalDocument()),
					fc.array(mutation, { minLength: 1, maxLength: 3 }),
					async (base, mutations) => {
						const start = structuredClone(base);
						// A fresh series per run, so that an accepted document never meets an earlier one.
						start.series.id = `prop-${randomUUID().slice(0, 8)}`;
						const input = mutate(start, mutations);
						const answer = await tryImport(db, actor, input);
						if (answer.result) {
							expected = await countImportedRows(db);
							return;
						}
						refused += 1;
						const error = answer.error!;
						expect(await countImportedRows(db)).toEqual(expected);
						// A mutated series id may name an existing series: a conflict, not a problem in the document.
						if (error.kind === 'conflict') return;
						expect(error.kind).toBe('validation');
						expect(error.problems.length).toBeGreaterThan(0);
						for (const problem of error.problems) {
							expect(problem.path).toMatch(/^(\/[^/]*)*$/);
							// The problem's place exists in the document, or (a missing key) its parent does.
							const parent = problem.path.replace(/\/[^/]*$/, '');
							expect(
								resolvePointer(input, problem.path).found || resolvePointer(input, parent).found,
								`${problem.path} in ${JSON.stringify(input).slice(0, 300)}`
							).toBe(true);
						}
					}
				),
				{ numRuns: RUNS }
			);
			// Most random mutations break the document; the property must have been tested on refusals.
			expect(refused).toBeGreaterThan(RUNS / 2);
		});

		it('wholly random JSON is refused with problems, and writes nothing', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const before = await countImportedRows(db);
			await fc.assert(
				fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (input) => {
					const answer = await tryImport(db, actor, input);
					expect(answer.error?.kind).toBe('validation');
					expect(answer.error!.problems.length).toBeGreaterThan(0);
					for (const problem of answer.error!.problems) expect(problem.path).toMatch(/^(\/[^/]*)*$/);
				}),
				{ numRuns: RUNS }
			);
			expect(await countImportedRows(db)).toEqual(before);
		});
	});
}
