import { problem, type Problem } from '../errors';

/** What vote validation needs to know of a question. */
export interface QuestionSpec {
	id: string;
	kind: 'single' | 'multiple' | 'scale' | 'text';
	optionKeys: string[];
	scaleMin: number | null;
	scaleMax: number | null;
	maxChoices: number | null;
}

/** One stored answer: the slot keeps one row per participant per question (per option). */
export interface AnswerRow {
	slot: number;
	answer: string;
}

export const MAX_TEXT_ANSWER = 500;

export type ValidatedVote = { ok: true; rows: AnswerRow[] } | { ok: false; problems: Problem[] };

/**
 * Checks a participant's raw answer to one question and turns it into the rows to store.
 * `values` are the submitted values of the question's field (radio: one, checkboxes: several,
 * scale: one number, text: one string). The field is named `answer` in every message.
 */
export function validateVote(question: QuestionSpec, values: readonly string[]): ValidatedVote {
	const fail = (
		key: Parameters<typeof problem>[1],
		params?: Record<string, string | number>
	): ValidatedVote => ({
		ok: false,
		problems: [problem('answer', key, params)]
	});
	const given = values.map((value) => value.trim()).filter((value) => value !== '');
	switch (question.kind) {
		case 'single': {
			if (given.length === 0) return fail('live.vote.chooseOne');
			if (given.length > 1) return fail('live.vote.onlyOne');
			const index = question.optionKeys.indexOf(given[0]!);
			if (index < 0) return fail('live.vote.unknownOption');
			return { ok: true, rows: [{ slot: 0, answer: given[0]! }] };
		}
		case 'multiple': {
			if (given.length === 0) return fail('live.vote.chooseAtLeastOne');
			const unique = [...new Set(given)];
			if (unique.some((key) => !question.optionKeys.includes(key))) return fail('live.vote.unknownOption');
			if (question.maxChoices !== null && unique.length > question.maxChoices)
				return fail('live.vote.tooManyChoices', { max: question.maxChoices });
			return {
				ok: true,
				rows: unique.map((key) => ({ slot: question.optionKeys.indexOf(key), answer: key }))
			};
		}
		case 'scale': {
			const min = question.scaleMin ?? 1;
			const max = question.scaleMax ?? 5;
			if (given.length !== 1) return fail('live.vote.chooseOne');
			const value = Number(given[0]);
			if (!/^-?\d+$/.test(given[0]!) || value < min || value > max)
				return fail('live.vote.outOfScale', { min, max });
			return { ok: true, rows: [{ slot: 0, answer: String(value) }] };
		}
		case 'text': {
			const text = given.join(' ').replace(/\s+/g, ' ');
			if (text === '') return fail('live.vote.textRequired');
			if (text.length > MAX_TEXT_ANSWER) return fail('live.vote.textTooLong', { max: MAX_TEXT_ANSWER });
			return { ok: true, rows: [{ slot: 0, answer: text }] };
		}
	}
}
