import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, defuse, toCsv, toXlsx, type ExportTable } from './table-files';

const table: ExportTable = {
	sheetName: 'Liste',
	columns: [
		{ header: 'Name', width: 20 },
		{ header: 'Wert', width: 10 }
	],
	rows: [
		['=1+1', -5],
		['+49 251 1234', 3],
		['-Rabatt', 0],
		['@SUM(A1:A2)', 1],
		['\tTab', 2],
		['\rZeilenanfang', 4],
		['Müller, Anna', 5],
		['Sie sagte "ja"', 6],
		['Zeile 1\nZeile 2', 7],
		['A;B', 8],
		['Ganz normal', 9]
	]
};

describe('defuse (CSV injection, OWASP)', () => {
	it('prefixes text that starts with =, +, -, @, tab or carriage return with an apostrophe', () => {
		for (const text of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(defuse(text)).toBe(`'${text}`);
	});

	it('leaves other text and every number as it is', () => {
		expect(defuse('Anna = Bert')).toBe('Anna = Bert');
		expect(defuse(' =1')).toBe(' =1');
		expect(defuse(-5)).toBe('-5');
		expect(defuse(12)).toBe('12');
	});
});

describe('csvCell', () => {
	it('quotes cells with the separator, a comma, a quote or a line break, doubling quotes', () => {
		expect(csvCell('A;B')).toBe('"A;B"');
		expect(csvCell('Müller, Anna')).toBe('"Müller, Anna"');
		expect(csvCell('Sie sagte "ja"')).toBe('"Sie sagte ""ja"""');
		expect(csvCell('a\nb')).toBe('"a\nb"');
		expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
		expect(csvCell('schlicht')).toBe('schlicht');
	});

	it('defuses first, then quotes what needs it', () => {
		expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
		expect(csvCell('\rx')).toBe(`"'\rx"`);
	});
});

describe('toCsv', () => {
	it('writes every row with a BOM, semicolons and CRLF, every dangerous cell defused and quoted', () => {
		const text = toCsv(table).toString('utf8');
		expect(text).toBe(
			'\uFEFF' +
				[
					'Name;Wert',
					"'=1+1;-5",
					"'+49 251 1234;3",
					"'-Rabatt;0",
					"'@SUM(A1:A2);1",
					"'\tTab;2",
					`"'\rZeilenanfang";4`,
					'"Müller, Anna";5',
					'"Sie sagte ""ja""";6',
					'"Zeile 1\nZeile 2";7',
					'"A;B";8',
					'Ganz normal;9'
				].join('\r\n') +
				'\r\n'
		);
	});
});

describe('toXlsx', () => {
	it('writes text as text cells (formatted "@", never a formula), numbers as numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(table)) as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		if (!sheet) throw new Error('no sheet');
		for (let rowNumber = 2; rowNumber <= table.rows.length + 1; rowNumber++) {
			const text = sheet.getRow(rowNumber).getCell(1);
			expect(text.type).toBe(ExcelJS.ValueType.String);
			expect(text.formula).toBeUndefined();
			expect(text.numFmt).toBe('@');
			expect(sheet.getRow(rowNumber).getCell(2).type).toBe(ExcelJS.ValueType.Number);
		}
		expect(sheet.getRow(2).getCell(1).value).toBe("'=1+1");
		expect(sheet.getRow(2).getCell(2).value).toBe(-5);
		expect(sheet.getRow(8).getCell(1).value).toBe('Müller, Anna');
		expect(sheet.getRow(12).getCell(1).value).toBe('Ganz normal');
	});
});
