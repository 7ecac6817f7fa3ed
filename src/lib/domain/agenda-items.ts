/**
 * Agenda items apart from timing: the kinds an item can have, details as paragraphs, and how a
 * slot is given (start and end, or a start and a duration).
 */
import type { MessageKey, MessageParams } from '../i18n/translate';
import { fromMinutes, toMinutes } from './agenda-timing';

export const agendaKinds = [
	'arrival',
	'welcome',
	'poll',
	'input',
	'discussion',
	'breakout',
	'plenary',
	'break',
	'closing',
	'other'
] as const;
export type AgendaKind = (typeof agendaKinds)[number];

/** The label of each kind, as a message key (German and English in messages/agenda.ts). */
export const agendaKindLabels: Record<AgendaKind, MessageKey> = {
	arrival: 'agenda.kind.arrival',
	welcome: 'agenda.kind.welcome',
	poll: 'agenda.kind.poll',
	input: 'agenda.kind.input',
	discussion: 'agenda.kind.discussion',
	breakout: 'agenda.kind.breakout',
	plenary: 'agenda.kind.plenary',
	break: 'agenda.kind.break',
	closing: 'agenda.kind.closing',
	other: 'agenda.kind.other'
};

export function isAgendaKind(value: string): value is AgendaKind {
	return (agendaKinds as readonly string[]).includes(value);
}

/** Paragraphs from a text: separated by blank lines, trimmed, empty ones dropped. */
export function paragraphsFrom(text: string): string[] {
	return text
		.replaceAll('\r\n', '\n')
		.split(/\n[ \t]*\n/)
		.map((paragraph) => paragraph.trim())
		.filter((paragraph) => paragraph !== '');
}

/** The text form of paragraphs, for a textarea: one blank line between them. */
export function paragraphsToText(paragraphs: readonly string[]): string {
	return paragraphs.join('\n\n');
}

export interface SlotInput {
	start: string;
	end?: string;
	durationMinutes?: number;
}

export type SlotResult =
	| { ok: true; start: string; end: string }
	| { ok: false; field: 'end' | 'duration'; key: MessageKey; params: MessageParams };

/**
 * The slot of an item from a start and either an end or a duration in minutes. Both may be
 * given only when they agree; a duration that runs past midnight is refused (a meeting does not
 * cross midnight).
 */
export function resolveSlot(input: SlotInput): SlotResult {
	const start = toMinutes(input.start);
	if (input.durationMinutes !== undefined) {
		const end = start + input.durationMinutes;
		if (end >= 24 * 60) {
			return { ok: false, field: 'duration', key: 'agenda.pastMidnight', params: { start: input.start } };
		}
		if (input.end !== undefined && toMinutes(input.end) !== end) {
			return {
				ok: false,
				field: 'duration',
				key: 'agenda.endAndDurationDiffer',
				params: { end: input.end, duration: input.durationMinutes }
			};
		}
		return { ok: true, start: input.start, end: fromMinutes(end) };
	}
	if (input.end !== undefined) return { ok: true, start: input.start, end: input.end };
	return { ok: false, field: 'end', key: 'agenda.endOrDurationRequired', params: {} };
}

/** The item ids in a new order after moving one item a step up (-1) or down (+1); unchanged at the edges. */
export function moveStep(ids: readonly string[], id: string, step: -1 | 1): string[] {
	const from = ids.indexOf(id);
	const to = from + step;
	if (from < 0 || to < 0 || to >= ids.length) return [...ids];
	const moved = [...ids];
	moved.splice(from, 1);
	moved.splice(to, 0, id);
	return moved;
}

/** Sorts items by start, keeping the current order among equal starts (what positions follow). */
export function sortByStart<T extends { start: string }>(items: readonly T[]): T[] {
	return items
		.map((item, index) => ({ item, index }))
		.sort((a, b) => toMinutes(a.item.start) - toMinutes(b.item.start) || a.index - b.index)
		.map((entry) => entry.item);
}
