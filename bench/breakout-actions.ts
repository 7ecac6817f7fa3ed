/**
 * `npm run bench:breakout-actions [-- --database sqlite|postgres] [--postgres URL] [--people 1000]
 * [--rooms 50] [--accounts 100] [--guests 50] [--cards 1000] [--concurrency 1]`
 *
 * What one board action costs the server, without HTTP in the way: a running breakout round of
 * `people` (registered people of the meeting and guests of its live session, placed by the
 * round's random assignment in `rooms` rooms), of whom `accounts` people (signed in) and `guests`
 * guests (by their guest cookie) add `cards` cards through the live page's service
 * (`addLiveCard`, with the live bus that stores and publishes each `card` event), `concurrency`
 * at a time. Prints one JSON line: cards per second and the add latency's percentiles.
 *
 * PostgreSQL: `--database postgres`, on the server `--postgres` or TEST_POSTGRES_URL names (a
 * fresh database, dropped afterwards).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import type { Actor } from '../src/lib/domain/policy';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { Database } from '../src/lib/server/db/schema';
import { LiveBus } from '../src/lib/server/live/bus';
import { actorForUser } from '../src/lib/server/services/auth';
import { addLiveCard, createRound, runAssignment } from '../src/lib/server/services/breakouts';
import { startRound } from '../src/lib/server/services/breakouts-live';
import { importMeeting } from '../src/lib/server/services/exchange';
import { startLiveSession } from '../src/lib/server/services/live-moderation';
import { joinLive, type Viewer } from '../src/lib/server/services/live-participants';
import { createServerDatabase } from '../tests/integration/app-databases';

function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const database = argument('database', 'sqlite');
const postgresServer = argument(
	'postgres',
	process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
);
const peopleCount = Number(argument('people', '1000'));
const roomCount = Number(argument('rooms', '50'));
const accountCount = Number(argument('accounts', '100'));
const guestCount = Number(argument('guests', '50'));
const cardCount = Number(argument('cards', '1000'));
const concurrency = Number(argument('concurrency', '1'));
/** Adds before the measurement (statement caches, the JIT). */
const WARMUP = 50;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const noCookies = { get: () => undefined };

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
	if (database === 'sqlite') {
		const dataDir = mkdtempSync(join(tmpdir(), 'nws-bench-breakout-actions-'));
		return {
			url: `sqlite:${join(dataDir, 'bench.sqlite')}`,
			drop: async () => rmSync(dataDir, { recursive: true, force: true })
		};
	}
	if (database !== 'postgres') throw new Error(`--database sqlite|postgres, not ${database}`);
	return createServerDatabase(postgresServer, 'nws_bench_breakout_actions');
}

/** A user without a usable password, optionally an organizer of the organization. */
async function makeUser(db: Kysely<Database>, name: string, organizationId?: string): Promise<Actor> {
	const now = new Date().toISOString();
	const id = randomUUID();
	await db
		.insertInto('users')
		.values({
			id,
			email: `${id}@example.org`,
			display_name: name,
			password_hash: '!',
			created_at: now,
			disabled_at: null
		})
		.execute();
	if (organizationId)
		await db
			.insertInto('memberships')
			.values({ user_id: id, organization_id: organizationId, role: 'organizer', created_at: now })
			.execute();
	return actorForUser(db, id);
}

/** The example meeting with the bench's people only (the example's are not placed). */
function meetingDocument(people: number): MeetingDocument {
	const example = new URL('../spec/examples/austauschtreffen-2024-11-20.json', import.meta.url);
	const doc = MeetingDocument.parse(JSON.parse(readFileSync(example, 'utf8')));
	doc.series.id = 'bench-actions';
	doc.meeting.people = Array.from({ length: people }, (_, index) => ({
		id: `person-${index}`,
		name: `Person ${index}`,
		registered: true,
		consent: { participantList: index % 2 === 0, shareEmail: false }
	}));
	for (const item of doc.meeting.agenda) delete item.speakers;
	doc.meeting.attachments = [];
	return doc;
}

/** The running round and who adds the cards: signed-in people and guests, each a live viewer. */
async function prepare(db: Kysely<Database>): Promise<{ code: string; adders: Viewer[] }> {
	await migrateToLatest(db);
	const organizationId = randomUUID();
	await db
		.insertInto('organizations')
		.values({
			id: organizationId,
			slug: 'bench',
			name: 'Bench',
			email: null,
			website: null,
			created_at: new Date().toISOString()
		})
		.execute();
	const organizer = await makeUser(db, 'Bench', organizationId);
	const doc = meetingDocument(peopleCount - guestCount);
	await importMeeting(db, organizer, doc);
	const ref = { seriesId: doc.series.id, number: doc.meeting.number };
	const bus = new LiveBus(db);
	const { code } = await startLiveSession(db, bus, organizer, ref.seriesId, ref.number, {});
	const adders: Viewer[] = [];
	const people = await db
		.selectFrom('people')
		.select(['id', 'name'])
		.orderBy('position')
		.limit(accountCount)
		.execute();
	for (const person of people) {
		const actor = await makeUser(db, person.name);
		if (actor.kind !== 'user') throw new Error('not a user');
		await db.updateTable('people').set({ user_id: actor.userId }).where('id', '=', person.id).execute();
		const viewer = { actor: await actorForUser(db, actor.userId), cookies: noCookies };
		await joinLive(db, viewer, code, { displayName: person.name });
		adders.push(viewer);
	}
	for (let index = 0; index < guestCount; index += 1) {
		const guest: Viewer = { actor: { kind: 'anonymous' }, cookies: noCookies };
		const { cookie } = await joinLive(db, guest, code, { displayName: `Gast ${index}` });
		if (!cookie) throw new Error('a guest without a cookie');
		adders.push({
			actor: guest.actor,
			cookies: { get: (name) => (name === cookie.name ? cookie.value : undefined) }
		});
	}
	const { key } = await createRound(db, organizer, ref, {
		title: 'Netzwerke vor Ort',
		roomCount,
		dotsPerPerson: 5
	});
	await runAssignment(db, organizer, ref, { round: key, seed: 1 });
	await startRound(db, bus, organizer, ref, key);
	await bus.close();
	const placed =
		(await db.selectFrom('breakout_room_members').select('person_id').execute()).length +
		(await db.selectFrom('breakout_room_guests').select('participant_id').execute()).length;
	if (placed !== peopleCount) throw new Error(`placed ${placed} of ${peopleCount}`);
	return { code, adders };
}

async function run(): Promise<void> {
	const target = await createDatabase();
	const handle = await openDatabase(target.url);
	try {
		const db = handle.db;
		const setupStart = performance.now();
		const { code, adders } = await prepare(db);
		const setupMs = performance.now() - setupStart;
		const bus = new LiveBus(db);
		let next = 0;
		const add = (index: number) =>
			addLiveCard(db, bus, adders[index % adders.length]!, code, { text: `Karte ${index}` });
		for (let index = 0; index < WARMUP; index += 1) await add(index);
		const latencies: number[] = [];
		const start = performance.now();
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < cardCount) {
					const index = WARMUP + next++;
					const began = performance.now();
					await add(index);
					latencies.push(performance.now() - began);
				}
			})
		);
		const seconds = (performance.now() - start) / 1000;
		await bus.close();
		latencies.sort((a, b) => a - b);
		const stored = await db
			.selectFrom('board_cards')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirstOrThrow();
		if (Number(stored.n) !== WARMUP + cardCount)
			throw new Error(`stored ${stored.n} cards, not ${WARMUP + cardCount}`);
		console.log(
			JSON.stringify({
				database: handle.kind,
				people: peopleCount,
				rooms: roomCount,
				adders: adders.length,
				cards: cardCount,
				concurrency,
				setup_s: Number((setupMs / 1000).toFixed(1)),
				cards_per_s: Number((cardCount / seconds).toFixed(1)),
				p50_ms: Number(percentile(latencies, 50).toFixed(2)),
				p95_ms: Number(percentile(latencies, 95).toFixed(2)),
				max_ms: Number(percentile(latencies, 100).toFixed(2))
			})
		);
	} finally {
		await handle.close();
		await target.drop();
	}
}

await run();
