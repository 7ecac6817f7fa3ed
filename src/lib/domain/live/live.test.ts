import { describe, expect, it } from 'vitest';
import { formatJoinCode, generateJoinCode, normalizeJoinCode } from './join-code';
import { combineResults, resultRows, wordCloud, type TallyQuestion } from './tally';
import { validateVote, type QuestionSpec } from './votes';

describe('join codes', () => {
	it('are six digits, zero-padded', () => {
		expect(generateJoinCode(() => 42)).toBe('000042');
		expect(generateJoinCode(() => 482913)).toBe('482913');
	});
	it('are shown in two groups and read back with spaces or dashes', () => {
		expect(formatJoinCode('482913')).toBe('482 913');
		expect(normalizeJoinCode(' 482 913 ')).toBe('482913');
		expect(normalizeJoinCode('482-913')).toBe('482913');
		expect(normalizeJoinCode('48291')).toBeUndefined();
		expect(normalizeJoinCode('48291a')).toBeUndefined();
	});
});

const single: QuestionSpec = {
	id: 'q',
	kind: 'single',
	optionKeys: ['a', 'b', 'c'],
	scaleMin: null,
	scaleMax: null,
	maxChoices: null
};

describe('vote validation', () => {
	it('accepts one known option of a single-choice question', () => {
		expect(validateVote(single, ['b'])).toEqual({ ok: true, rows: [{ slot: 0, answer: 'b' }] });
	});
	it('rejects an unknown option, none, or two', () => {
		const keyOf = (values: string[]) => {
			const result = validateVote(single, values);
			return result.ok ? 'ok' : result.problems[0]!.message.key;
		};
		expect(keyOf(['x'])).toBe('live.vote.unknownOption');
		expect(keyOf([])).toBe('live.vote.chooseOne');
		expect(keyOf(['a', 'b'])).toBe('live.vote.onlyOne');
	});
	it('keeps multiple choices within maxChoices, one slot per option', () => {
		const multiple: QuestionSpec = { ...single, kind: 'multiple', maxChoices: 2 };
		expect(validateVote(multiple, ['c', 'a', 'c'])).toEqual({
			ok: true,
			rows: [
				{ slot: 2, answer: 'c' },
				{ slot: 0, answer: 'a' }
			]
		});
		const tooMany = validateVote(multiple, ['a', 'b', 'c']);
		expect(tooMany.ok ? undefined : tooMany.problems[0]!.message).toEqual({
			key: 'live.vote.tooManyChoices',
			params: { max: 2 }
		});
		const unknown = validateVote(multiple, ['a', 'z']);
		expect(unknown.ok ? undefined : unknown.problems[0]!.message.key).toBe('live.vote.unknownOption');
	});
	it('keeps scale values within the scale', () => {
		const scale: QuestionSpec = { ...single, kind: 'scale', optionKeys: [], scaleMin: 1, scaleMax: 5 };
		expect(validateVote(scale, ['5'])).toEqual({ ok: true, rows: [{ slot: 0, answer: '5' }] });
		for (const bad of ['0', '6', '2.5', 'x']) expect(validateVote(scale, [bad]).ok).toBe(false);
	});
	it('takes free text up to 500 characters, spaces collapsed', () => {
		const text: QuestionSpec = { ...single, kind: 'text', optionKeys: [] };
		expect(
			validateVote(text, ['  mehr   Austausch ']).ok && validateVote(text, ['  mehr   Austausch '])
		).toEqual({
			ok: true,
			rows: [{ slot: 0, answer: 'mehr Austausch' }]
		});
		expect(validateVote(text, ['   ']).ok).toBe(false);
		expect(validateVote(text, ['x'.repeat(501)]).ok).toBe(false);
	});
});

describe('tallies', () => {
	it('add live votes to imported aggregates', () => {
		expect(
			combineResults(
				{ respondents: 10, counts: { a: 6, b: 4 }, texts: ['alt'] },
				{ respondents: 3, counts: { a: 1, c: 2 }, texts: ['neu'] }
			)
		).toEqual({ respondents: 13, counts: { a: 7, b: 4, c: 2 }, texts: ['alt', 'neu'] });
		expect(combineResults(undefined, { respondents: 0, counts: {}, texts: [] })).toBeUndefined();
		expect(combineResults({ counts: { a: 1 } }, { respondents: 0, counts: {}, texts: [] })).toEqual({
			counts: { a: 1 }
		});
		expect(combineResults(undefined, { respondents: 2, counts: { a: 2 }, texts: [] })).toEqual({
			respondents: 2,
			counts: { a: 2 }
		});
	});

	const question: TallyQuestion = {
		kind: 'multiple',
		options: [
			{ key: 'a', label: 'Alpha' },
			{ key: 'b', label: 'Beta' }
		],
		scaleMin: null,
		scaleMax: null,
		scaleMinLabel: null,
		scaleMaxLabel: null
	};
	it('give rows in option order with percentages of respondents', () => {
		expect(resultRows(question, { respondents: 4, counts: { a: 3, b: 2 } })).toEqual([
			{ key: 'a', label: 'Alpha', count: 3, percent: 75 },
			{ key: 'b', label: 'Beta', count: 2, percent: 50 }
		]);
		expect(resultRows(question, undefined).map((row) => row.percent)).toEqual([0, 0]);
		// Without respondents: percentages of all answers.
		expect(resultRows(question, { counts: { a: 1, b: 3 } }).map((row) => row.percent)).toEqual([25, 75]);
	});
	it('give one row per scale value with the end labels', () => {
		const scale = {
			...question,
			kind: 'scale' as const,
			scaleMin: 1,
			scaleMax: 3,
			scaleMinLabel: 'gar nicht',
			scaleMaxLabel: 'sehr'
		};
		expect(resultRows(scale, { respondents: 2, counts: { '3': 2 } })).toEqual([
			{ key: '1', label: '1 (gar nicht)', count: 0, percent: 0 },
			{ key: '2', label: '2', count: 0, percent: 0 },
			{ key: '3', label: '3 (sehr)', count: 2, percent: 100 }
		]);
	});
	it('make a word cloud of the frequent words, without stop words', () => {
		const cloud = wordCloud([
			'Mehr Austausch und Vernetzung',
			'Austausch!',
			'austausch vor Ort',
			'Vernetzung'
		]);
		expect(cloud[0]).toEqual({ word: 'austausch', count: 3, weight: 5 });
		expect(cloud[1]).toEqual({ word: 'vernetzung', count: 2, weight: 4 });
		expect(cloud.map((word) => word.word)).not.toContain('und');
		expect(cloud.map((word) => word.word)).toContain('ort');
	});
});
