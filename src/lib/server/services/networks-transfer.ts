import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import {
	AppError,
	forbidden,
	problem,
	unauthenticated,
	validationFailed,
	type Problem
} from '../../domain/errors';
import { canManageDirectory, DIRECTORY_LICENCE, directoryKinds } from '../../domain/networks/entry';
import { isSignedIn, type Actor } from '../../domain/policy';
import { translate, type MessageKey } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { toCsv, toXlsx, type ExportTable } from '../exports/table-files';
import * as repo from '../repositories/networks';
import { exportDirectory, type DirectoryQuery, type PublicEntry } from './networks';
import { parseEntryInput } from './networks-entries';

/**
 * The directory as open data (CSV with semicolons and a BOM, XLSX, JSON) and the organizers'
 * import of the same columns: every problem is named by row and column, and nothing is written
 * unless every row is right (one transaction).
 */

/** The columns of the export, which the import reads back. */
export const COLUMNS = [
	'id',
	'slug',
	'name',
	'kind',
	'description',
	'topics',
	'municipality',
	'district',
	'ags',
	'district_ags',
	'address',
	'website',
	'contact_name',
	'contact_name_consent',
	'contact_email',
	'contact_phone',
	'founded',
	'last_checked',
	'updated_at',
	'url'
] as const;

function cells(entry: PublicEntry, origin: string): (string | number)[] {
	return [
		entry.id,
		entry.slug,
		entry.name,
		entry.kind,
		entry.description ?? '',
		entry.topics.join(', '),
		entry.municipality ?? '',
		entry.district ?? '',
		entry.ags ?? '',
		entry.districtAgs ?? '',
		entry.address ?? '',
		entry.website ?? '',
		entry.contact?.name ?? '',
		entry.contact?.name ? 'ja' : '',
		entry.contact?.email ?? '',
		entry.contact?.phone ?? '',
		entry.founded ?? '',
		entry.lastChecked ?? '',
		entry.updatedAt,
		`${origin}/netzwerke/${entry.slug}`
	];
}

export type ExportFormat = 'csv' | 'xlsx' | 'json';

export interface ExportFile {
	body: Buffer | string;
	contentType: string;
	fileName: string;
}

/** The published entries under the query, as a file; contact names only with consent. */
export async function exportDirectoryFile(
	db: Kysely<Database>,
	query: DirectoryQuery,
	format: ExportFormat,
	origin: string
): Promise<ExportFile> {
	const entries = await exportDirectory(db, query);
	if (format === 'json')
		return {
			body: JSON.stringify({ licence: DIRECTORY_LICENCE, count: entries.length, entries }, null, 2),
			contentType: 'application/json; charset=utf-8',
			fileName: 'netzwerke-westfalen-lippe.json'
		};
	const table: ExportTable = {
		sheetName: 'Netzwerke',
		columns: COLUMNS.map((header) => ({ header, width: header === 'description' ? 60 : 20 })),
		rows: entries.map((entry) => cells(entry, origin))
	};
	return format === 'csv'
		? {
				body: toCsv(table),
				contentType: 'text/csv; charset=utf-8',
				fileName: 'netzwerke-westfalen-lippe.csv'
			}
		: {
				body: await toXlsx(table),
				contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				fileName: 'netzwerke-westfalen-lippe.xlsx'
			};
}

/* ---- import ---- */

export const MAX_IMPORT_ROWS = 20_000;

type Row = Record<string, string>;

/** A leading apostrophe the export put before =, +, -, @ (formula defusing) is taken off again. */
function undefuse(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value).trim();
	return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

function normalizeRow(raw: Record<string, unknown>): Row {
	const row: Row = {};
	for (const [key, value] of Object.entries(raw)) row[key.trim().toLowerCase()] = undefuse(value);
	return row;
}

async function readRows(bytes: Uint8Array, fileName: string): Promise<Row[]> {
	const lower = fileName.toLowerCase();
	const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (lower.endsWith('.xlsx') || isZip) {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		if (!sheet) return [];
		const headers: string[] = [];
		sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
			headers[column] = String(cell.text ?? '');
		});
		const rows: Row[] = [];
		for (let index = 2; index <= sheet.rowCount; index++) {
			const raw: Record<string, unknown> = {};
			sheet.getRow(index).eachCell({ includeEmpty: true }, (cell, column) => {
				const header = headers[column];
				if (header) raw[header] = cell.text;
			});
			rows.push(normalizeRow(raw));
		}
		return rows;
	}
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	if (lower.endsWith('.json') || /^\s*[[{]/.test(text)) {
		const parsed: unknown = JSON.parse(text);
		const list = Array.isArray(parsed)
			? parsed
			: parsed && typeof parsed === 'object' && Array.isArray((parsed as { entries?: unknown }).entries)
				? (parsed as { entries: unknown[] }).entries
				: null;
		if (!list) throw new Error('no list');
		return list.map((item) => {
			if (!item || typeof item !== 'object') return {};
			const entry = item as Record<string, unknown>;
			// The JSON export's shape (camelCase, topics as a list, contact as an object) is read too.
			const contact = (entry.contact ?? {}) as Record<string, unknown>;
			return normalizeRow({
				...entry,
				topics: Array.isArray(entry.topics) ? entry.topics.join(', ') : entry.topics,
				contact_name: entry.contact_name ?? contact.name,
				contact_name_consent: entry.contact_name_consent ?? (contact.name ? 'ja' : ''),
				contact_email: entry.contact_email ?? contact.email,
				contact_phone: entry.contact_phone ?? contact.phone,
				last_checked: entry.last_checked ?? entry.lastChecked,
				contact: undefined
			});
		});
	}
	const parsed = Papa.parse<Record<string, unknown>>(text, { header: true, skipEmptyLines: 'greedy' });
	return parsed.data.map(normalizeRow);
}

/** Which column a field of EntryInput came from, for the problem report. */
const FIELD_COLUMNS: Record<string, string> = {
	name: 'name',
	kind: 'kind',
	description: 'description',
	topics: 'topics',
	place: 'ags',
	address: 'address',
	website: 'website',
	contactEmail: 'contact_email',
	contactName: 'contact_name',
	contactNameConsent: 'contact_name_consent',
	contactPhone: 'contact_phone',
	founded: 'founded',
	lastChecked: 'last_checked'
};

/** A kind given as its code or as its German or English label. */
function kindOf(text: string): string {
	const wanted = text.trim().toLocaleLowerCase('de');
	for (const kind of directoryKinds) {
		const key = `networks.kind.${kind}` as MessageKey;
		if (
			kind === wanted ||
			translate('de', key).toLocaleLowerCase('de') === wanted ||
			translate('en', key).toLocaleLowerCase('de') === wanted
		)
			return kind;
	}
	return text.trim();
}

export interface ImportOutcome {
	created: number;
	updated: number;
}

/**
 * Imports directory entries from a CSV, XLSX or JSON file. A row whose `id` or `slug` names an
 * existing entry updates it; any other row creates a published entry. Problems name the row (as
 * the spreadsheet counts it: the header is row 1) and the column; with any problem nothing is
 * written.
 */
/** Checked by the route before it reads an upload, and again by the import itself. */
export function assertMayImportDirectory(actor: Actor): void {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canManageDirectory(actor)) throw forbidden();
}

export async function importDirectoryFile(
	db: Kysely<Database>,
	actor: Actor,
	file: { bytes: Uint8Array; name: string }
): Promise<ImportOutcome> {
	assertMayImportDirectory(actor);
	let rows: Row[];
	try {
		rows = await readRows(file.bytes, file.name);
	} catch {
		throw validationFailed([problem('/file', 'networks.import.unreadable')], {
			key: 'networks.import.unreadable'
		});
	}
	if (!rows.length)
		throw validationFailed([problem('/file', 'networks.import.empty')], { key: 'networks.import.empty' });
	if (rows.length > MAX_IMPORT_ROWS)
		throw validationFailed([problem('/file', 'networks.import.tooMany', { maximum: MAX_IMPORT_ROWS })]);

	const problems: Problem[] = [];
	const parsed = rows.map((row, index) => {
		const rowNumber = index + 2;
		try {
			return parseEntryInput({
				name: row.name ?? '',
				kind: kindOf(row.kind ?? ''),
				description: row.description,
				topics: row.topics,
				place: row.ags || row.municipality || row.district || row.place || '',
				address: row.address,
				website: row.website,
				contactEmail: row.contact_email,
				contactName: row.contact_name,
				contactNameConsent: /^(1|ja|yes|true|x)$/i.test(row.contact_name_consent ?? ''),
				contactPhone: row.contact_phone,
				founded: row.founded,
				lastChecked: row.last_checked
			});
		} catch (caught) {
			if (!(caught instanceof AppError)) throw caught;
			for (const found of caught.problems) {
				const field = found.path.replace(/^\//, '').split('/')[0] ?? '';
				const column = FIELD_COLUMNS[field] ?? field;
				problems.push({ path: `/rows/${rowNumber}/${column}`, message: found.message });
			}
			return undefined;
		}
	});
	if (problems.length)
		throw validationFailed(problems, { key: 'networks.import.failed', params: { count: problems.length } });

	const who = isSignedIn(actor)
		? { userId: actor.userId, actorLabel: 'user' }
		: { userId: null, actorLabel: 'system' };
	return db.transaction().execute(async (trx) => {
		const organizationId = await repo.directoryOrganizationId(trx);
		if (!organizationId) throw validationFailed([problem('/file', 'networks.suggest.noDirectory')]);
		const at = new Date().toISOString();
		let created = 0;
		let updated = 0;
		for (const [index, fields] of parsed.entries()) {
			if (!fields) continue;
			const row = rows[index]!;
			const existing =
				(row.id && (await repo.findEntry(trx, row.id))) ||
				(row.slug && (await repo.findEntry(trx, row.slug)));
			if (existing) {
				// The export leaves out names without consent: a blank name keeps the stored one.
				const kept =
					fields.contact_name === null
						? { contact_name: existing.contact_name, contact_name_consent: existing.contact_name_consent }
						: {};
				await repo.updateEntry(trx, existing.id, { ...fields, ...kept }, at);
				await repo.recordChange(trx, { networkId: existing.id, ...who, action: 'imported', details: {} }, at);
				updated += 1;
				continue;
			}
			let key = fields.name
				.toLowerCase()
				.normalize('NFKD')
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '')
				.slice(0, 60);
			if (!key || (await repo.networkKeyTaken(trx, organizationId, key)))
				key = `${key || 'netzwerk'}-${index + 2}-${Date.now().toString(36)}`;
			const id = await repo.insertEntry(
				trx,
				{ ...fields, organization_id: organizationId, network_key: key, status: 'published' },
				at
			);
			await repo.recordChange(trx, { networkId: id, ...who, action: 'imported', details: {} }, at);
			created += 1;
		}
		return { created, updated };
	});
}
