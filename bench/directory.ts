/**
 * `npm run bench:directory [-- --entries 10000 --requests 200 --postgres URL]`: the network
 * directory's speed with 10,000 generated entries across all 231 municipalities of
 * Westfalen-Lippe, served by the built app over HTTP. Cases: the directory page with a search
 * term and a district filter, the API search (term and kind), and the map page (all districts'
 * numbers, no filter). Prints one JSON line per case:
 * `{"database","case","url","requests","p50_ms","p95_ms","max_ms"}`. Goal: p95 under 50 ms each.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { directoryKinds, searchableText } from '../src/lib/domain/networks/entry';
import { slugify } from '../src/lib/domain/slug';
import { translate, type MessageKey } from '../src/lib/i18n/translate';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { isPostgres } from '../src/lib/server/repositories/networks';
import { listPlaceMunicipalities } from '../src/lib/server/services/networks-places';
import { buildAndCopy, projectRoot } from '../scripts/build-if-stale.js';
import { percentile, startBuiltApp } from './built-app';

function argument(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const entryCount = Number(argument('entries', '10000'));
const requests = Number(argument('requests', '200'));
const postgresServer = argument('postgres');
const WARMUP = 20;

const TOPICS = [
	'Ehrenamt',
	'Kultur',
	'Jugend',
	'Senioren',
	'Integration',
	'Sport',
	'Umwelt',
	'Bildung',
	'Musik',
	'Heimat'
];
const WORDS = [
	'Vereine',
	'Bürgerinnen',
	'Engagement',
	'Kulturbüros',
	'Beratung',
	'Projekte',
	'Förderung',
	'Vernetzung'
];

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string): Promise<{ status: number; bytes: number }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { agent }, (response) => {
			let bytes = 0;
			response.on('data', (chunk: Buffer) => (bytes += chunk.length));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** 10,000 published entries, round-robin over the municipalities and kinds, written in batches. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
	const handle = await openDatabase(databaseUrl);
	const db = handle.db;
	await migrateToLatest(db);
	const now = new Date().toISOString();
	const organizationId = randomUUID();
	await db
		.insertInto('organizations')
		.values({ id: organizationId, slug: 'bench', name: 'Bench', email: null, website: null, created_at: now })
		.execute();
	const places = listPlaceMunicipalities();
	const rows = [];
	for (let i = 0; i < entryCount; i++) {
		const place = places[i % places.length]!;
		const kind = directoryKinds[i % directoryKinds.length]!;
		const kindKey = `networks.kind.${kind}` as MessageKey;
		const name = `${translate('de', kindKey)} ${place.municipality} ${i + 1}`;
		const topics = [TOPICS[i % TOPICS.length]!, TOPICS[(i * 7 + 3) % TOPICS.length]!];
		const description = `${WORDS[i % WORDS.length]} und ${WORDS[(i * 3 + 1) % WORDS.length]} in ${place.municipality}.`;
		rows.push({
			id: randomUUID(),
			organization_id: organizationId,
			network_key: `bench-${i}`,
			slug: `${slugify(name)}`,
			status: 'published',
			name,
			kind,
			description,
			topics: JSON.stringify([...new Set(topics)]),
			municipality: place.municipality,
			ags: place.ags,
			district: place.district,
			district_ags: place.districtAgs,
			partners: '[]',
			founded: 1950 + (i % 70),
			search_text: searchableText({
				name,
				kindLabel: `${translate('de', kindKey)} ${translate('en', kindKey)}`,
				description,
				topics,
				municipality: place.municipality,
				district: place.district
			}),
			created_at: now,
			updated_at: now
		});
	}
	for (let start = 0; start < rows.length; start += 500) {
		const batch = rows.slice(start, start + 500);
		await db.insertInto('networks').values(batch).execute();
		if (!isPostgres(db))
			await db
				.insertInto('network_search')
				.values(batch.map((row) => ({ network_id: row.id, body: row.search_text })))
				.execute();
	}
	if (isPostgres(db)) await analyzePostgres(databaseUrl);
	await handle.close();
}

async function analyzePostgres(url: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	await client.query('analyze');
	await client.end();
}

const CASES = [
	{ case: 'page_search_filter', path: '/netzwerke?q=Freiwilligenagenturen&district=05566' },
	{ case: 'api_search', path: '/api/v1/networks?q=Kulturb%C3%BCros%20Beratung&kind=culture-network' },
	{ case: 'map_page', path: '/netzwerke' }
];

async function main(): Promise<void> {
	const buildDir = join(projectRoot, '.e2e-builds', `bench-directory-${process.pid}`);
	buildAndCopy(buildDir);
	const dataDir = mkdtempSync(join(tmpdir(), 'nws-bench-directory-'));
	let databaseUrl = `sqlite:${join(dataDir, 'bench.sqlite')}`;
	let dropDatabase = async () => {};
	if (postgresServer) {
		const name = `nws_bench_dir_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
		const admin = new pg.Client({ connectionString: postgresServer });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(postgresServer);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		dropDatabase = async () => {
			const cleanup = new pg.Client({ connectionString: postgresServer });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		};
	}
	await prepareDatabase(databaseUrl);
	const app = await startBuiltApp(buildDir, databaseUrl, dataDir);
	const round = (value: number) => Math.round(value * 10) / 10;
	try {
		for (const { case: name, path } of CASES) {
			const url = `${app.baseUrl}${path}`;
			for (let i = 0; i < WARMUP; i++) await get(url);
			const times: number[] = [];
			let bytes = 0;
			for (let i = 0; i < requests; i++) {
				const started = performance.now();
				const response = await get(url);
				times.push(performance.now() - started);
				if (response.status !== 200) throw new Error(`${path}: status ${response.status}`);
				bytes = response.bytes;
			}
			times.sort((a, b) => a - b);
			console.log(
				JSON.stringify({
					database: postgresServer ? 'postgres' : 'sqlite',
					entries: entryCount,
					case: name,
					url: path,
					requests,
					bytes,
					p50_ms: round(percentile(times, 50)),
					p95_ms: round(percentile(times, 95)),
					max_ms: round(times.at(-1) ?? NaN)
				})
			);
		}
	} finally {
		app.child.kill('SIGKILL');
		agent.destroy();
		rmSync(buildDir, { recursive: true, force: true });
		rmSync(dataDir, { recursive: true, force: true });
		await dropDatabase();
	}
	process.exit(0);
}

// Run when started as the script (tsx bench/directory.ts); importing only shares prepareDatabase.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
