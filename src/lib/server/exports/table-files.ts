import ExcelJS from 'exceljs';

/**
 * A table written as CSV or XLSX, for the participant lists. Knows nothing of registrations:
 * it takes column headers and rows of text.
 */

export interface ExportTable {
	/** The sheet's name in the XLSX (at most 31 characters, no []:*?/\). */
	sheetName: string;
	columns: { header: string; width: number }[];
	rows: (string | number)[][];
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: a participant who registers as "=HYPERLINK(…)" must not run code in the
 * organizer's spreadsheet (CSV injection, OWASP). Numbers are written by us, never by a
 * participant, and stay numbers (a negative count is no formula).
 */
export function defuse(value: string | number): string {
	if (typeof value === 'number') return String(value);
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV cell: quoted when it holds the separator, a comma (for programs that guess the
 * separator), a quote or a line break; quotes inside are doubled (RFC 4180).
 */
export function csvCell(value: string | number): string {
	const text = defuse(value);
	return /[";,\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV as German Excel opens it with a double click: UTF-8 with a byte order mark (else Excel
 * reads umlauts as Windows-1252), semicolons (Excel's list separator under a German locale,
 * where the comma is the decimal mark), CRLF line ends (RFC 4180). LibreOffice detects all of it.
 */
export function toCsv(table: ExportTable): Buffer {
	const lines = [table.columns.map((column) => column.header), ...table.rows].map((cells) =>
		cells.map(csvCell).join(';')
	);
	return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Text stays a string cell (exceljs writes a formula only for `{ formula }` objects), defused too. */
function defuseForXlsx(cell: string | number): string | number {
	return typeof cell === 'number' ? cell : defuse(cell);
}

/** XLSX with a bold header row that stays in view (frozen) and set column widths. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Netzwerkstatt';
	const sheet = workbook.addWorksheet(table.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }));
	sheet.getRow(1).font = { bold: true };
	for (const row of table.rows) {
		const added = sheet.addRow(row.map(defuseForXlsx));
		// Text cells are formatted as text ("@"): a spreadsheet never reads them as a formula or a
		// number, also when someone edits the cell later.
		row.forEach((cell, index) => {
			if (typeof cell === 'string') added.getCell(index + 1).numFmt = '@';
		});
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
