import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';

const root = join(import.meta.dirname, '..', '..');

/** The founding meeting as an exchange document. */
export function foundingDocument(): MeetingDocument {
	return MeetingDocument.parse(
		JSON.parse(readFileSync(join(root, 'spec', 'examples', 'austauschtreffen-2024-11-20.json'), 'utf8'))
	);
}

const FUNDING_LINES = [
	'„Kultur in Westfalen“ wird gefördert vom:',
	'Ministerium für',
	'Kultur und Wissenschaft',
	'des Landes Nordrhein-Westfalen'
];

export const normalizeWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Every non-empty line of the founding document except the funding notice (a page footer in
 * the original, which is why it interrupts the agenda there), whitespace normalized.
 */
export function foundingLines(): string[] {
	return readFileSync(join(root, 'spec', 'seed-dokumentation-2024-11-20.txt'), 'utf8')
		.split('\n')
		.map(normalizeWhitespace)
		.filter((line) => line !== '' && !FUNDING_LINES.includes(line));
}

/** Asserts that each line occurs in the text, in the given order (whitespace normalized). */
export function expectLinesInOrder(text: string, lines: string[]): void {
	const haystack = normalizeWhitespace(text);
	let cursor = 0;
	for (const line of lines) {
		const found = haystack.indexOf(line, cursor);
		expect(
			found,
			`"${line}" after position ${cursor} in: …${haystack.slice(cursor, cursor + 200)}…`
		).toBeGreaterThanOrEqual(0);
		cursor = found + line.length;
	}
}
