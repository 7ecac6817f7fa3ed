// Forward-only. Plain queries through Kysely: runs the same on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

/**
 * Stored addresses become links (organizer websites, venue addresses, network websites). Since
 * this change only http:, https: and mailto: are accepted on the way in, and stored documentation
 * snapshots are read with the same schema. Anything stored before with another scheme
 * (`javascript:`, `data:`, `ftp:` …) is dropped here, so old rows and snapshots still load and
 * never render as a dangerous link. Kept self-contained: migrations do not import app code.
 */
const LINK_PROTOCOLS = ['https:', 'http:', 'mailto:'];
const ADDRESS_KEYS = new Set(['website', 'url']);

function isLinkAddress(value: string): boolean {
	try {
		return LINK_PROTOCOLS.includes(new URL(value.trim()).protocol);
	} catch {
		return false;
	}
}

/** Removes every `website`/`url` string that is no link address; true when something changed. */
function dropUnsafeAddresses(node: unknown): boolean {
	if (Array.isArray(node)) return node.map(dropUnsafeAddresses).some(Boolean);
	if (node === null || typeof node !== 'object') return false;
	const record = node as Record<string, unknown>;
	let changed = false;
	for (const [key, value] of Object.entries(record)) {
		if (ADDRESS_KEYS.has(key) && typeof value === 'string' && !isLinkAddress(value)) {
			delete record[key];
			changed = true;
		} else if (dropUnsafeAddresses(value)) {
			changed = true;
		}
	}
	return changed;
}

const ADDRESS_COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
	['organizations', 'website'],
	['series', 'organizer_website'],
	['meetings', 'venue_url'],
	['networks', 'website']
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations do not know the app's schema
export async function up(db: Kysely<any>): Promise<void> {
	for (const [table, column] of ADDRESS_COLUMNS) {
		const rows: Array<{ id: string; address: string }> = await db
			.selectFrom(table)
			.select(['id', `${column} as address`])
			.where(column, 'is not', null)
			.execute();
		for (const row of rows.filter((candidate) => !isLinkAddress(candidate.address))) {
			await db
				.updateTable(table)
				.set({ [column]: null })
				.where('id', '=', row.id)
				.execute();
		}
	}
	const versions: Array<{ id: string; snapshot: string }> = await db
		.selectFrom('documentation_versions')
		.select(['id', 'snapshot'])
		.execute();
	for (const version of versions) {
		let document: unknown;
		try {
			document = JSON.parse(version.snapshot);
		} catch {
			continue; // not ours to repair: a snapshot is written by the app as JSON
		}
		if (dropUnsafeAddresses(document)) {
			await db
				.updateTable('documentation_versions')
				.set({ snapshot: JSON.stringify(document) })
				.where('id', '=', version.id)
				.execute();
		}
	}
}
