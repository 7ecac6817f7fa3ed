/**
 * A breakout round as organizers configure it: title, description, guiding questions, board
 * columns, how many rooms (a number of rooms, or a room size from which the number follows),
 * duration, the assignment mode and the dot votes each person may cast in the round.
 */

export const assignmentModes = ['random', 'mixed', 'self', 'manual'] as const;
export type AssignmentMode = (typeof assignmentModes)[number];

export const roundStatuses = ['draft', 'running', 'closed'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

/** The board's columns when the organizer names none (the founding meeting's three). */
export const DEFAULT_COLUMNS: readonly string[] = ['Erfahrungen', 'Ideen', 'Herausforderungen'];
export const DEFAULT_DURATION_MINUTES = 30;
export const DEFAULT_DOTS_PER_PERSON = 3;
export const MAX_ROOMS = 100;
export const MAX_COLUMNS = 8;

/** Either a fixed number of rooms or a target room size; exactly one is set. */
export type RoomSizing = { kind: 'count'; rooms: number } | { kind: 'size'; perRoom: number };

export interface RoundConfig {
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	sizing: RoomSizing;
	durationMinutes: number;
	mode: AssignmentMode;
	dotsPerPerson: number;
}

export function isAssignmentMode(value: string): value is AssignmentMode {
	return (assignmentModes as readonly string[]).includes(value);
}

export function isRoundStatus(value: string): value is RoundStatus {
	return (roundStatuses as readonly string[]).includes(value);
}

/**
 * How many rooms a round needs for `people` participants: the fixed count, or enough rooms that
 * none holds more than the room size (10 people, size 4: three rooms of 4, 3, 3). Never fewer
 * than one room, never more rooms than people (an empty room helps nobody) unless nobody is there.
 */
export function roomCountFor(sizing: RoomSizing, people: number): number {
	if (sizing.kind === 'count') return Math.max(1, Math.min(sizing.rooms, MAX_ROOMS));
	const count = Math.ceil(people / Math.max(1, sizing.perRoom));
	return Math.max(1, Math.min(count, MAX_ROOMS));
}

/** Columns as entered (one per line), trimmed, without blanks or repeats; the defaults when empty. */
export function normalizeColumns(columns: readonly string[]): string[] {
	const seen = new Set<string>();
	const result: string[] = [];
	for (const column of columns) {
		const name = column.trim();
		if (name && !seen.has(name.toLocaleLowerCase('de'))) {
			seen.add(name.toLocaleLowerCase('de'));
			result.push(name);
		}
	}
	return result.length ? result : [...DEFAULT_COLUMNS];
}

/** The default room names: "Raum 1", "Raum 2" … (German first; the organizer may rename). */
export function defaultRoomName(index: number): string {
	return `Raum ${index + 1}`;
}

/** When a round started at `startedAt` for `minutes` ends (ISO-8601 UTC). */
export function endsAt(startedAt: string, minutes: number): string {
	return new Date(Date.parse(startedAt) + minutes * 60_000).toISOString();
}
