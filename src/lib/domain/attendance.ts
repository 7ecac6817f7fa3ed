import Papa from 'papaparse';
import { problem, validationFailed } from './errors';
import { normalizeEmail } from './email';

/**
 * The video platform's attendance report (Zoom's participant report, English or German headers)
 * read into rows, and matched to a meeting's registrations: by email first, then by name.
 * Pure: no I/O, so every rule here is unit-tested.
 */

/** Largest report accepted, in bytes (a report of a few hundred people is far below it). */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

/** One line of the participant table. Zoom writes a line per join, so one person may have several. */
export interface AttendanceRow {
	/** 1-based line number in the file, for messages and the unmatched list. */
	line: number;
	/** The cell as written: "Anna Schmidt (Anna S.)" when the display name differs from the original. */
	name: string;
	email: string | null;
	minutes: number | null;
	isGuest: boolean | null;
}

// Header names as Zoom writes them, compared after normalizeHeader (lower case, single spaces).
const NAME_HEADERS = [
	'name (original name)',
	'name (ursprünglicher name)',
	'name',
	'teilnehmer',
	'participant'
];
const EMAIL_HEADERS = ['user email', 'e-mail des benutzers', 'email', 'e-mail', 'benutzer-e-mail'];
const DURATION_HEADERS = ['duration (minutes)', 'dauer (minuten)'];
const GUEST_HEADERS = ['guest', 'gast'];

function normalizeHeader(cell: string): string {
	return cell
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ');
}

function columnOf(header: string[], names: string[]): number {
	const normalized = header.map(normalizeHeader);
	for (const name of names) {
		const index = normalized.indexOf(name);
		if (index >= 0) return index;
	}
	return -1;
}

function parseYesNo(cell: string | undefined): boolean | null {
	const value = (cell ?? '').trim().toLowerCase();
	if (['yes', 'ja', 'true', '1'].includes(value)) return true;
	if (['no', 'nein', 'false', '0'].includes(value)) return false;
	return null;
}

function parseMinutes(cell: string | undefined): number | null {
	const value = Number((cell ?? '').trim().replace(',', '.'));
	return (cell ?? '').trim() !== '' && Number.isFinite(value) ? value : null;
}

/**
 * Reads a participant report. Zoom may put a meeting summary block (meeting id, topic, host …)
 * before the participant table; the table starts at the first line with a name column.
 * Throws a validation AppError for an empty file, a malformed CSV, or missing columns.
 */
export function parseAttendanceReport(text: string): AttendanceRow[] {
	const content = text.replace(/^\uFEFF/, '');
	if (content.trim() === '') throw validationFailed([problem('report', 'registrationsAdmin.reportEmpty')]);
	// A NUL byte means a binary file (a spreadsheet or an image), not a CSV.
	if (content.includes('\u0000'))
		throw validationFailed([problem('report', 'registrationsAdmin.reportMalformed', { line: 1 })]);

	const parsed = Papa.parse<string[]>(content, {
		skipEmptyLines: false,
		delimitersToGuess: [',', ';', '\t']
	});
	const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
	if (quoteError)
		throw validationFailed([
			problem('report', 'registrationsAdmin.reportMalformed', { line: (quoteError.row ?? 0) + 1 })
		]);

	const lines = parsed.data;
	const headerIndex = lines.findIndex((cells) => columnOf(cells, NAME_HEADERS) >= 0);
	if (headerIndex < 0)
		throw validationFailed([
			problem('report', 'registrationsAdmin.reportMissingColumns', {
				columns: '„Name (Original Name)“ / „Name (ursprünglicher Name)“'
			})
		]);
	const header = lines[headerIndex] ?? [];
	const nameColumn = columnOf(header, NAME_HEADERS);
	const emailColumn = columnOf(header, EMAIL_HEADERS);
	const durationColumn = columnOf(header, DURATION_HEADERS);
	const guestColumn = columnOf(header, GUEST_HEADERS);

	const rows: AttendanceRow[] = [];
	lines.slice(headerIndex + 1).forEach((cells, offset) => {
		const name = (cells[nameColumn] ?? '').trim();
		const email = emailColumn >= 0 ? (cells[emailColumn] ?? '').trim() : '';
		if (name === '' && email === '') return;
		rows.push({
			line: headerIndex + offset + 2,
			name,
			email: email === '' ? null : email,
			minutes: durationColumn >= 0 ? parseMinutes(cells[durationColumn]) : null,
			isGuest: guestColumn >= 0 ? parseYesNo(cells[guestColumn]) : null
		});
	});
	return rows;
}

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * A name as compared: lower case, German umlauts written out (Müller = Mueller), other accents
 * dropped (José = Jose), punctuation and runs of white space as one space.
 */
export function normalizeName(name: string): string {
	return name
		.toLowerCase()
		.replace(/[äöüß]/g, (letter) => GERMAN_LETTERS[letter] ?? letter)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/**
 * The names a report cell may mean: "Anna Schmidt (Anna S.)" is the display name with the
 * original name in brackets; either may be the registered name.
 */
export function nameVariants(cell: string): string[] {
	const variants = [cell];
	const bracketed = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(cell);
	if (bracketed) variants.push(bracketed[1] ?? '', bracketed[2] ?? '');
	return [...new Set(variants.map(normalizeName).filter((variant) => variant !== ''))];
}

export interface RegistrationToMatch {
	id: string;
	name: string;
	email: string | null;
}

/** One person of the report: all lines of the same email (or, without email, the same name). */
export interface ReportPerson {
	name: string;
	email: string | null;
	lines: number[];
	minutes: number;
}

export interface AttendanceMatch {
	/** Registrations found in the report, each once however often the person rejoined. */
	matchedIds: string[];
	/** Report people not found among the registrations, for matching by hand. */
	unmatched: ReportPerson[];
}

/** Groups rejoins: the same email (case-insensitive), or the same normalized name without one. */
export function groupReportRows(rows: AttendanceRow[]): ReportPerson[] {
	const groups = new Map<string, ReportPerson>();
	for (const row of rows) {
		const key = row.email ? `email:${normalizeEmail(row.email)}` : `name:${normalizeName(row.name)}`;
		const group = groups.get(key);
		if (group) {
			group.lines.push(row.line);
			group.minutes += row.minutes ?? 0;
		} else {
			groups.set(key, { name: row.name, email: row.email, lines: [row.line], minutes: row.minutes ?? 0 });
		}
	}
	return [...groups.values()];
}

/**
 * Matches the report to registrations: by email (case-insensitive), then by any name variant.
 * A name shared by two registrations is ambiguous and left for the organizer to decide.
 */
export function matchAttendance(
	rows: AttendanceRow[],
	registrations: RegistrationToMatch[]
): AttendanceMatch {
	const byEmail = new Map<string, string>();
	const byName = new Map<string, string[]>();
	for (const registration of registrations) {
		if (registration.email) byEmail.set(normalizeEmail(registration.email), registration.id);
		const key = normalizeName(registration.name);
		byName.set(key, [...(byName.get(key) ?? []), registration.id]);
	}
	const matched = new Set<string>();
	const unmatched: ReportPerson[] = [];
	for (const person of groupReportRows(rows)) {
		const emailMatch = person.email ? byEmail.get(normalizeEmail(person.email)) : undefined;
		const nameMatch = nameVariants(person.name)
			.map((variant) => byName.get(variant))
			.find((ids) => ids?.length === 1)?.[0];
		const id = emailMatch ?? nameMatch;
		if (id) matched.add(id);
		else unmatched.push(person);
	}
	return { matchedIds: [...matched], unmatched };
}
