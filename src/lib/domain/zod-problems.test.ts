import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from './errors';
import { parseOrThrow, toJsonPointer } from './zod-problems';

const Schema = z.strictObject({
	meeting: z.strictObject({
		agenda: z.array(
			z.strictObject({ end: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/), title: z.string().min(1) })
		)
	})
});

function problemsOf(input: unknown) {
	try {
		parseOrThrow(Schema, input);
	} catch (error) {
		if (isAppError(error)) return error.problems.map((p) => [p.path, p.message.key]);
		throw error;
	}
	return [];
}

describe('zod problems', () => {
	it('escapes JSON pointer parts', () => {
		expect(toJsonPointer(['a/b', 'c~d', 3])).toBe('/a~1b/c~0d/3');
	});

	it('escapes an unknown key in its pointer (found by the exchange-format property tests)', () => {
		expect(problemsOf({ meeting: { agenda: [], 'a/b~c': 1 } })).toEqual([
			['/meeting/a~1b~0c', 'validation.unknownKey']
		]);
	});

	it('names the path of a wrong time, a missing title and an unknown key', () => {
		const problems = problemsOf({
			meeting: {
				agenda: [
					{ end: '14:00', title: 'ok' },
					{ end: '25:00', colour: 'red' }
				]
			}
		});
		expect(problems).toEqual(
			expect.arrayContaining([
				['/meeting/agenda/1/end', 'validation.invalidTime'],
				['/meeting/agenda/1/title', 'validation.required'],
				['/meeting/agenda/1/colour', 'validation.unknownKey']
			])
		);
	});

	it('escapes an unknown key in its pointer', () => {
		expect(problemsOf({ meeting: { agenda: [], 'a/b~c': 1 } })).toEqual([
			['/meeting/a~1b~0c', 'validation.unknownKey']
		]);
	});

	it('names a wrong type', () => {
		expect(problemsOf({ meeting: { agenda: 'none' } })).toEqual([
			['/meeting/agenda', 'validation.invalidType']
		]);
	});
});
