/**
 * Polls as organizers prepare them: question kinds, options given one per line, ids derived
 * from titles and labels (unique where the exchange format needs them unique), and the rules a
 * question must follow before anyone can answer it.
 */
import type { MessageKey, MessageParams } from '../i18n/translate';
import { questionKinds } from './exchange-format/schema';
import { slugify } from './slug';

export { questionKinds };
export type QuestionKind = (typeof questionKinds)[number];
export type PollState = 'draft' | 'open' | 'closed';

/** A scale has at most this many steps (0..10 is the widest common one). */
export const MAX_SCALE_STEPS = 11;
/** The widest range a scale end may lie in. */
export const SCALE_LIMIT = 100;
/** The most options one question may have. */
export const MAX_OPTIONS = 50;

/** The label of each question kind, as a message key (messages/polls.ts). */
export const questionKindLabels: Record<QuestionKind, MessageKey> = {
	single: 'polls.kind.single',
	multiple: 'polls.kind.multiple',
	scale: 'polls.kind.scale',
	text: 'polls.kind.text'
};

/** The label of each poll state, as a message key. */
export const pollStateLabels: Record<PollState, MessageKey> = {
	draft: 'polls.state.draft',
	open: 'polls.state.open',
	closed: 'polls.state.closed'
};

export function isQuestionKind(value: string): value is QuestionKind {
	return (questionKinds as readonly string[]).includes(value);
}

export function isPollState(value: string): value is PollState {
	return value === 'draft' || value === 'open' || value === 'closed';
}

export function hasOptions(kind: QuestionKind): boolean {
	return kind === 'single' || kind === 'multiple';
}

/** Options from a textarea: one per line, trimmed, empty lines dropped. */
export function optionLines(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * An id derived from a text that is not among `taken`: the slug of the text (or `fallback`
 * when the text has no letter or digit), then `-2`, `-3` … until it is free.
 */
export function uniqueSlug(text: string, taken: Iterable<string>, fallback: string): string {
	const used = new Set(taken);
	const base = (slugify(text) || fallback).slice(0, 70).replace(/-+$/, '');
	for (let attempt = 1; ; attempt++) {
		const candidate = attempt === 1 ? base : `${base}-${attempt}`;
		if (!used.has(candidate)) return candidate;
	}
}

/** Option keys for labels, in order, unique within the question. */
export function optionKeys(labels: readonly string[]): string[] {
	const keys: string[] = [];
	for (const label of labels) keys.push(uniqueSlug(label, keys, 'option'));
	return keys;
}

export interface QuestionDraft {
	kind: QuestionKind;
	options: readonly string[];
	maxChoices?: number;
	scaleMin?: number;
	scaleMax?: number;
}

export interface QuestionProblem {
	field: 'options' | 'maxChoices' | 'scaleMin' | 'scaleMax';
	key: MessageKey;
	params?: MessageParams;
}

/** Labels compared as a reader would: case and spacing do not make two options different. */
const comparable = (label: string) => label.toLocaleLowerCase('de').replace(/\s+/g, ' ').trim();

/**
 * The rules of a question beyond the shape of its fields: single and multiple choice need at
 * least two different options, a maximum of choices within their number; a scale needs its
 * ends, the lower below the upper, and at most MAX_SCALE_STEPS steps.
 */
export function checkQuestion(draft: QuestionDraft): QuestionProblem[] {
	const problems: QuestionProblem[] = [];
	if (hasOptions(draft.kind)) {
		if (draft.options.length < 2) problems.push({ field: 'options', key: 'polls.tooFewOptions' });
		const seen = new Set<string>();
		for (const label of draft.options) {
			const key = comparable(label);
			if (seen.has(key)) {
				problems.push({ field: 'options', key: 'polls.duplicateOption', params: { label } });
				break;
			}
			seen.add(key);
		}
		if (
			draft.kind === 'multiple' &&
			draft.maxChoices !== undefined &&
			draft.options.length >= 2 &&
			draft.maxChoices > draft.options.length
		) {
			problems.push({
				field: 'maxChoices',
				key: 'polls.maxChoicesOutOfRange',
				params: { count: draft.options.length }
			});
		}
	}
	if (draft.kind === 'scale') {
		if (draft.scaleMin === undefined) problems.push({ field: 'scaleMin', key: 'polls.scaleEndRequired' });
		if (draft.scaleMax === undefined) problems.push({ field: 'scaleMax', key: 'polls.scaleEndRequired' });
		if (draft.scaleMin !== undefined && draft.scaleMax !== undefined) {
			if (draft.scaleMax <= draft.scaleMin) {
				problems.push({
					field: 'scaleMax',
					key: 'polls.scaleMaxNotAboveMin',
					params: { min: draft.scaleMin, max: draft.scaleMax }
				});
			} else if (draft.scaleMax - draft.scaleMin + 1 > MAX_SCALE_STEPS) {
				problems.push({
					field: 'scaleMax',
					key: 'polls.scaleTooManySteps',
					params: { steps: draft.scaleMax - draft.scaleMin + 1, maximum: MAX_SCALE_STEPS }
				});
			}
		}
	}
	return problems;
}
