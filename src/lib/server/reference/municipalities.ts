import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The 231 municipalities of Westfalen-Lippe (reference-data/westfalen-lippe-gemeinden.csv, see
 * reference-data/SOURCES.md for the licence), read once per process: names for the registration
 * form's suggestions, and the AGS of a typed name.
 */
export interface Municipality {
	ags: string;
	name: string;
}

let loaded: Municipality[] | undefined;

const CSV = join('reference-data', 'westfalen-lippe-gemeinden.csv');

/** The project folder holds the file: usually the working directory, else above this module (or the build). */
function csvPath(): string {
	let folder = dirname(fileURLToPath(import.meta.url));
	const candidates = [join(process.cwd(), CSV)];
	for (let depth = 0; depth < 6; depth++, folder = dirname(folder)) candidates.push(join(folder, CSV));
	const found = candidates.find((candidate) => existsSync(candidate));
	if (!found) throw new Error(`The municipality list ${CSV} was not found`);
	return found;
}

/** Parses the CSV (no quoted fields in this file: names hold no commas). */
export function parseMunicipalities(text: string): Municipality[] {
	const [header, ...lines] = text.trim().split(/\r?\n/);
	const columns = (header ?? '').split(',');
	const agsAt = columns.indexOf('ags');
	const nameAt = columns.indexOf('name');
	if (agsAt < 0 || nameAt < 0) throw new Error('The municipality list lacks the ags or name column');
	return lines
		.map((line) => line.split(','))
		.map((cells) => ({ ags: cells[agsAt] ?? '', name: cells[nameAt] ?? '' }))
		.filter((entry) => /^\d{8}$/.test(entry.ags) && entry.name !== '')
		.sort((a, b) => a.name.localeCompare(b.name, 'de'));
}

export function listMunicipalities(): Municipality[] {
	loaded ??= parseMunicipalities(readFileSync(csvPath(), 'utf8'));
	return loaded;
}

/** The municipality whose name the text is (ignoring case and surrounding spaces), if any. */
export function findMunicipality(name: string): Municipality | undefined {
	const wanted = name.trim().toLocaleLowerCase('de');
	return listMunicipalities().find((entry) => entry.name.toLocaleLowerCase('de') === wanted);
}
