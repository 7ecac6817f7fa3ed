import { describe, expect, it } from 'vitest';
import { isAppError } from './errors';
import {
	groupReportRows,
	matchAttendance,
	nameVariants,
	normalizeName,
	parseAttendanceReport
} from './attendance';

const englishReport = [
	'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
	'812 3456 7890,Austauschtreffen,11/20/2024 01:55:00 PM,11/20/2024 04:02:00 PM,host@lwl.example,127,3',
	'',
	'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
	'Anna Schmidt,ANNA@example.org,11/20/2024 01:58:00 PM,11/20/2024 02:30:00 PM,32,No',
	'Anna Schmidt,anna@example.org,11/20/2024 02:35:00 PM,11/20/2024 04:00:00 PM,85,No',
	'"Kulturbüro Hamm (Jörg Müller)",,11/20/2024 02:00:00 PM,11/20/2024 04:00:00 PM,120,Yes',
	'Unbekannt Gast,,11/20/2024 02:00:00 PM,11/20/2024 02:10:00 PM,10,Yes'
].join('\r\n');

const germanReport = [
	'\uFEFFName (ursprünglicher Name);E-Mail des Benutzers;Beitrittszeit;Austrittszeit;Dauer (Minuten);Gast',
	'José Pérez;jose@example.org;20.11.2024 14:00:00;20.11.2024 16:00:00;120;Nein',
	'Maria  Weiß;;20.11.2024 14:05:00;20.11.2024 15:00:00;55;Ja'
].join('\n');

function problemsOf(work: () => unknown): { path: string; key: string; params?: unknown }[] {
	try {
		work();
	} catch (error) {
		if (!isAppError(error)) throw error;
		return error.problems.map((p) => ({ path: p.path, key: p.message.key, params: p.message.params }));
	}
	throw new Error('expected a validation error');
}

describe('parseAttendanceReport', () => {
	it('skips the summary block and reads the English participant table', () => {
		const rows = parseAttendanceReport(englishReport);
		expect(rows).toHaveLength(4);
		expect(rows[0]).toEqual({
			line: 5,
			name: 'Anna Schmidt',
			email: 'ANNA@example.org',
			minutes: 32,
			isGuest: false
		});
		expect(rows[2]).toMatchObject({
			line: 7,
			name: 'Kulturbüro Hamm (Jörg Müller)',
			email: null,
			isGuest: true
		});
	});

	it('reads German headers, a byte order mark and semicolons', () => {
		const rows = parseAttendanceReport(germanReport);
		expect(rows).toEqual([
			{ line: 2, name: 'José Pérez', email: 'jose@example.org', minutes: 120, isGuest: false },
			{ line: 3, name: 'Maria  Weiß', email: null, minutes: 55, isGuest: true }
		]);
	});

	it('refuses an empty file', () => {
		expect(problemsOf(() => parseAttendanceReport(' \n\n'))).toEqual([
			{ path: 'report', key: 'registrationsAdmin.reportEmpty', params: undefined }
		]);
	});

	it('names the missing column', () => {
		const [found] = problemsOf(() => parseAttendanceReport('Vorname,Mail\nAnna,anna@example.org\n'));
		expect(found?.key).toBe('registrationsAdmin.reportMissingColumns');
		expect(String((found?.params as { columns: string }).columns)).toContain('Name (Original Name)');
	});

	it('refuses a malformed CSV (an unclosed quote) and binary content', () => {
		expect(
			problemsOf(() => parseAttendanceReport('Name (Original Name),User Email\n"Anna,anna@x.org\n'))[0]?.key
		).toBe('registrationsAdmin.reportMalformed');
		expect(problemsOf(() => parseAttendanceReport('PK\u0003\u0004\u0000\u0000'))[0]?.key).toBe(
			'registrationsAdmin.reportMalformed'
		);
	});
});

describe('names', () => {
	it('normalizes case, accents, umlauts and white space', () => {
		expect(normalizeName('  José   PÉREZ ')).toBe('jose perez');
		expect(normalizeName('Jörg Müller')).toBe(normalizeName('joerg mueller'));
		expect(normalizeName('Maria  Weiß')).toBe('maria weiss');
	});

	it('splits "Name (Original Name)" into both variants', () => {
		expect(nameVariants('Kulturbüro Hamm (Jörg Müller)')).toEqual([
			'kulturbuero hamm joerg mueller',
			'kulturbuero hamm',
			'joerg mueller'
		]);
		expect(nameVariants('Anna Schmidt')).toEqual(['anna schmidt']);
	});
});

describe('matchAttendance', () => {
	const registrations = [
		{ id: 'r-anna', name: 'Anna Schmidt', email: 'anna@example.org' },
		{ id: 'r-joerg', name: 'Jörg Müller', email: 'j.mueller@hamm.example' },
		{ id: 'r-maria', name: 'Maria Weiss', email: null },
		{ id: 'r-jose', name: 'Someone Else', email: 'JOSE@example.org' },
		{ id: 'r-twin-1', name: 'Kim Lee', email: 'kim1@example.org' },
		{ id: 'r-twin-2', name: 'Kim Lee', email: 'kim2@example.org' }
	];

	it('matches by email first, then by name, counting rejoins once', () => {
		const result = matchAttendance(
			[...parseAttendanceReport(englishReport), ...parseAttendanceReport(germanReport)],
			registrations
		);
		expect(result.matchedIds.sort()).toEqual(['r-anna', 'r-joerg', 'r-jose', 'r-maria']);
		expect(result.unmatched).toEqual([{ name: 'Unbekannt Gast', email: null, lines: [8], minutes: 10 }]);
	});

	it('leaves an ambiguous name for the organizer', () => {
		const rows = parseAttendanceReport('Name (Original Name),User Email\nKim Lee,\n');
		expect(matchAttendance(rows, registrations)).toEqual({
			matchedIds: [],
			unmatched: [{ name: 'Kim Lee', email: null, lines: [2], minutes: 0 }]
		});
	});

	it('groups rejoins by email regardless of case, and by name without an email', () => {
		const groups = groupReportRows(parseAttendanceReport(englishReport));
		expect(groups[0]).toEqual({
			name: 'Anna Schmidt',
			email: 'ANNA@example.org',
			lines: [5, 6],
			minutes: 117
		});
		expect(groups).toHaveLength(3);
	});
});
