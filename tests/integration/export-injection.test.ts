import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../src/lib/server/services/meetings';
import { exportParticipantList } from '../../src/lib/server/services/participant-exports';
import { addRegistration } from '../../src/lib/server/services/registrations-admin';
import { createSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** Splits RFC 4180 CSV (quoted cells may hold ; , " and line breaks) into rows of raw cells. */
function rawCells(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			cell += char;
			if (char === '"' && text[index + 1] === '"') {
				cell += '"';
				index++;
			} else if (char === '"') quoted = false;
		} else if (char === '"') {
			cell += char;
			quoted = true;
		} else if (char === ';') {
			row.push(cell);
			cell = '';
		} else if (char === '\r' && text[index + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			index++;
		} else cell += char;
	}
	return rows;
}

for (const database of testDatabases()) {
	describe(`${database.name}: participant list exports resist CSV injection`, () => {
		afterAll(() => database.close());

		async function meetingWithHostileNames() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			await createMeeting(db, organizer.actor, series.id, {
				date: '2026-03-05',
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', platform: 'Zoom' }
			});
			const add = (input: Record<string, unknown>) =>
				addRegistration(db, organizer.actor, series.id, 1, { consent: { participantList: true }, ...input });
			await add({ name: 'Müller, Anna', email: 'anna@example.org', organization: '+49 251 1234' });
			await add({ name: '@SUM(1+1)*cmd', email: 'at@example.org', organization: '-2+3' });
			await add({ name: 'Zeile\nZwei', email: 'zeile@example.org', organization: 'Amt "Kultur"; Abt. 2' });
			return { db, organizer, seriesId: series.id };
		}

		it('CSV: dangerous cells begin with an apostrophe; separators, commas, quotes and line breaks are quoted', async () => {
			const { db, organizer, seriesId } = await meetingWithHostileNames();
			for (const kind of ['internal', 'publishable'] as const) {
				const file = await exportParticipantList(
					db,
					organizer.actor,
					seriesId,
					1,
					{ kind, format: 'csv' },
					'de'
				);
				const rows = rawCells(file.body.toString('utf8').slice(1));
				const data = rows.slice(1).map((row) => row.slice(0, 2));
				expect(data).toEqual([
					['"Müller, Anna"', "'+49 251 1234"],
					["'@SUM(1+1)*cmd", "'-2+3"],
					['"Zeile\nZwei"', '"Amt ""Kultur""; Abt. 2"']
				]);
			}
		});

		it('XLSX: the same values as text cells, never formulas', async () => {
			const { db, organizer, seriesId } = await meetingWithHostileNames();
			const file = await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'internal', format: 'xlsx' },
				'de'
			);
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
			const sheet = workbook.worksheets[0];
			if (!sheet) throw new Error('no sheet');
			const cells = [2, 3, 4].flatMap((row) => [sheet.getRow(row).getCell(1), sheet.getRow(row).getCell(2)]);
			expect(cells.map((cell) => cell.value)).toEqual([
				'Müller, Anna',
				"'+49 251 1234",
				"'@SUM(1+1)*cmd",
				"'-2+3",
				'Zeile\nZwei',
				'Amt "Kultur"; Abt. 2'
			]);
			for (const cell of cells) {
				expect(cell.type).toBe(ExcelJS.ValueType.String);
				expect(cell.formula).toBeUndefined();
				expect(cell.numFmt).toBe('@');
			}
		});
	});
}
