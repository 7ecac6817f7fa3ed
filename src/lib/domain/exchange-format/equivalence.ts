/**
 * When two meeting documents say the same: equal after dropping keys whose value is null,
 * false, an empty string, array or object, or the schema's default; key order does not matter,
 * array order does (spec/meeting-format.schema.json, description). Import followed by export
 * must give an equivalent document.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The schema's defaults, by path: `*` stands for any array index. */
export const SCHEMA_DEFAULTS: readonly { path: readonly string[]; value: Json }[] = [
	{ path: ['series', 'language'], value: 'de' },
	{ path: ['meeting', 'polls', '*', 'anonymous'], value: true },
	{ path: ['meeting', 'breakoutRounds', '*', 'rooms', '*', 'cards', '*', 'votes'], value: 0 }
];

function isEmpty(value: unknown): boolean {
	if (value === null || value === undefined || value === false || value === '') return true;
	if (Array.isArray(value)) return value.length === 0;
	if (typeof value === 'object') return Object.keys(value).length === 0;
	return false;
}

function isDefault(path: readonly string[], value: unknown): boolean {
	return SCHEMA_DEFAULTS.some(
		(entry) =>
			entry.path.length === path.length &&
			entry.path.every((part, index) =>
				part === '*' ? /^[0-9]+$/.test(path[index]!) : part === path[index]
			) &&
			entry.value === value
	);
}

/**
 * The normal form of a document: empty and default values dropped (inner ones first, so that an
 * object holding only such values disappears too), keys sorted. Array entries are kept in place.
 */
export function normalizeDocument(value: unknown, path: readonly string[] = []): unknown {
	if (Array.isArray(value))
		return value.map((entry, index) => normalizeDocument(entry, [...path, String(index)]));
	if (value !== null && typeof value === 'object') {
		const result: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const childPath = [...path, key];
			const child = normalizeDocument((value as Record<string, unknown>)[key], childPath);
			if (isEmpty(child) || isDefault(childPath, child)) continue;
			result[key] = child;
		}
		return result;
	}
	return value;
}

/** Whether two documents are equivalent in the format's sense. */
export function areEquivalent(a: unknown, b: unknown): boolean {
	return JSON.stringify(normalizeDocument(a)) === JSON.stringify(normalizeDocument(b));
}
