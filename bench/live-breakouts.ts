/**
 * `npm run bench:live -- --breakouts [--database sqlite|postgres] [--postgres URL] [--rooms 50]
 * [--per-room 20] [--seconds 60] [--think-ms 2000] [--profile DIR]`
 *
 * A running breakout round under load: the built app on a fresh database, a live session whose
 * rooms × per-room guests join by code (from many loopback addresses, as from many offices) and
 * are placed in rooms when the moderator starts the round (the round's random assignment). Every
 * guest follows the event stream and, for `seconds`, works on their room's board through the live
 * page's form actions as its script sends them: adds cards, edits their own (naming the version
 * they last saw: a conflict is counted, not an error) and spends dots, with a random pause of up
 * to twice `think-ms` between two actions. Delivery is the time from a card's acknowledgement
 * (the HTTP answer) until every member of its room has received its `card` event. After the run,
 * every acknowledged card must be stored. Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import type { BoardCardEvent } from '../src/lib/domain/breakouts/live-views';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { LiveBus } from '../src/lib/server/live/bus';
import { actorForUser, createApiToken, hashPassword } from '../src/lib/server/services/auth';
import { createRound } from '../src/lib/server/services/breakouts';
import { importMeeting } from '../src/lib/server/services/exchange';
import { startLiveSession } from '../src/lib/server/services/live-moderation';
import { buildAndCopy, projectRoot } from '../scripts/build-if-stale.js';
import { percentile, startBuiltApp } from './built-app';

function argument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const database = argument('database', 'sqlite');
const postgresServer = argument(
	'postgres',
	process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
);
const rooms = Number(argument('rooms', '50'));
const perRoom = Number(argument('per-room', '20'));
const seconds = Number(argument('seconds', '60'));
const thinkMs = Number(argument('think-ms', '2000'));
const profileDir = argument('profile', '');
const DOTS_PER_PERSON = 5;
/** How long after the load the bench waits for the last events. */
const DRAIN_MS = 10_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

function request(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string }
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: options.method ?? 'GET',
				headers: options.headers,
				agent,
				localAddress: options.localAddress
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
			}
		);
		req.on('error', (error: NodeJS.ErrnoException) => {
			// A keep-alive socket closed by the server just as it was reused: the request never
			// reached the server, so it is sent again on a fresh socket.
			if (req.reusedSocket && error.code === 'ECONNRESET') request(url, options).then(resolve, reject);
			else reject(error);
		});
		if (options.body) req.write(options.body);
		req.end();
	});
}

/** Runs jobs with a fixed number of workers. */
async function pool<T>(items: T[], workers: number, job: (item: T, index: number) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: workers }, async () => {
			while (next < items.length) {
				const index = next++;
				await job(items[index]!, index);
			}
		})
	);
}

/** One guest: their cookie, their room (known once the round started), what they saw of it. */
interface Guest {
	name: string;
	cookie: string;
	participantId: string;
	roomId: string;
	/** Cards of the room as the guest last saw them in events: id → version. */
	seen: Map<string, number>;
	/** The guest's own cards (ids learned from the `added` events of their texts). */
	own: Set<string>;
	voted: Set<string>;
	stream?: http.ClientRequest;
}

/** Per added card (by its unique text): when it was acknowledged, and who has received its event. */
interface CardTrack {
	roomId: string;
	/** Learned from its `added` event. */
	cardId?: string;
	ackAt?: number;
	received: number;
	lastReceivedAt: number;
}

const tracks = new Map<string, CardTrack>();
const pendingTexts = new Map<string, Guest>();

function trackOf(text: string, roomId: string): CardTrack {
	let track = tracks.get(text);
	if (!track) {
		track = { roomId, received: 0, lastReceivedAt: 0 };
		tracks.set(text, track);
	}
	return track;
}

/** Opens the guest's event stream; `card` events update what they saw and the delivery tracks. */
function follow(baseUrl: string, code: string, guest: Guest): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = http.get(
			`${baseUrl}/live/${code}/events`,
			{ headers: { cookie: guest.cookie, accept: 'text/event-stream' } },
			(res) => {
				if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
				res.setEncoding('utf8');
				let text = '';
				resolve();
				res.on('data', (chunk: string) => {
					text += chunk;
					let end: number;
					while ((end = text.indexOf('\n\n')) >= 0) {
						const block = text.slice(0, end);
						text = text.slice(end + 2);
						if (!block.startsWith('id:') || !/^event: card$/m.test(block)) continue;
						receiveCard(guest, JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as BoardCardEvent);
					}
				});
				res.on('error', () => undefined);
			}
		);
		req.on('error', reject);
		guest.stream = req;
	});
}

function receiveCard(guest: Guest, event: BoardCardEvent): void {
	const now = performance.now();
	if (event.roomId !== guest.roomId) wrongRoom += 1;
	if (!event.card) {
		guest.seen.delete(event.cardId);
		return;
	}
	guest.seen.set(event.cardId, event.card.version);
	if (event.action !== 'added') return;
	if (pendingTexts.get(event.card.text) === guest) {
		guest.own.add(event.cardId);
		pendingTexts.delete(event.card.text);
	}
	const track = trackOf(event.card.text, event.roomId);
	track.cardId = event.cardId;
	track.received += 1;
	track.lastReceivedAt = Math.max(track.lastReceivedAt, now);
}

let wrongRoom = 0;
let conflicts = 0;
const refusals = new Map<string, number>();

/** Posts a live page form action as the page's script does; 'ok', 'conflict' or 'refused'. */
async function act(
	baseUrl: string,
	code: string,
	guest: Guest,
	action: string,
	fields: Record<string, string>
): Promise<'ok' | 'conflict' | 'refused'> {
	const answer = await request(`${baseUrl}/live/${code}?/${action}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			origin: baseUrl,
			cookie: guest.cookie
		},
		body: new URLSearchParams(fields).toString()
	});
	const result =
		answer.status === 200 ? (JSON.parse(answer.body) as { type: string; status?: number }) : null;
	if (result && (result.type === 'success' || result.type === 'redirect')) return 'ok';
	const status = result?.status ?? answer.status;
	if (status === 409) {
		conflicts += 1;
		return 'conflict';
	}
	const key = `${action} ${status}`;
	refusals.set(key, (refusals.get(key) ?? 0) + 1);
	return 'refused';
}

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * thinkMs));

/** One guest's minute at the board: add, edit own, dot, with pauses. */
async function work(baseUrl: string, code: string, guest: Guest, until: number): Promise<void> {
	let written = 0;
	await pause();
	while (performance.now() < until) {
		const choice = Math.random();
		const own = [...guest.own];
		const others = [...guest.seen.keys()].filter((id) => !guest.voted.has(id) && !guest.own.has(id));
		if (choice < 0.2 && own.length) {
			const cardId = own[Math.floor(Math.random() * own.length)]!;
			const version = guest.seen.get(cardId) ?? 1;
			const text = `${guest.name}: geändert ${written++}`;
			await act(baseUrl, code, guest, 'editCard', { cardId, version: String(version), text });
		} else if (choice < 0.4 && others.length && guest.voted.size < DOTS_PER_PERSON) {
			const cardId = others[Math.floor(Math.random() * others.length)]!;
			if ((await act(baseUrl, code, guest, 'dot', { cardId })) === 'ok') guest.voted.add(cardId);
		} else {
			const text = `${guest.name}: Karte ${written++}`;
			pendingTexts.set(text, guest);
			const sentAt = performance.now();
			const outcome = await act(baseUrl, code, guest, 'addCard', { text });
			if (outcome === 'ok') {
				const track = trackOf(text, guest.roomId);
				track.ackAt = performance.now();
				latestAck = Math.max(latestAck, track.ackAt);
				addLatencies.push(track.ackAt - sentAt);
			} else pendingTexts.delete(text);
		}
		await pause();
	}
}

let latestAck = 0;
const addLatencies: number[] = [];

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void>; dataDir: string }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'nws-bench-breakouts-'));
	if (database === 'sqlite')
		return { url: `sqlite:${join(dataDir, 'bench.sqlite')}`, drop: async () => {}, dataDir };
	if (database !== 'postgres') throw new Error(`--database sqlite|postgres, not ${database}`);
	const name = `nws_bench_breakouts_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
	const admin = new pg.Client({ connectionString: postgresServer });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(postgresServer);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		dataDir,
		drop: async () => {
			const cleanup = new pg.Client({ connectionString: postgresServer });
			await cleanup.connect();
			await cleanup.query(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/** An organizer's meeting with a running live session and a draft round of `rooms` rooms. */
async function prepareMeeting(databaseUrl: string) {
	const handle = await openDatabase(databaseUrl);
	try {
		await migrateToLatest(handle.db);
		const now = new Date().toISOString();
		const organizationId = randomUUID();
		const userId = randomUUID();
		await handle.db
			.insertInto('organizations')
			.values({
				id: organizationId,
				slug: 'bench',
				name: 'Bench',
				email: null,
				website: null,
				created_at: now
			})
			.execute();
		await handle.db
			.insertInto('users')
			.values({
				id: userId,
				email: 'bench@example.org',
				display_name: 'Bench',
				password_hash: await hashPassword(randomUUID()),
				created_at: now,
				disabled_at: null
			})
			.execute();
		await handle.db
			.insertInto('memberships')
			.values({ user_id: userId, organization_id: organizationId, role: 'organizer', created_at: now })
			.execute();
		const actor = await actorForUser(handle.db, userId);
		const doc = MeetingDocument.parse(
			JSON.parse(
				readFileSync(join(projectRoot, 'spec', 'examples', 'austauschtreffen-2024-11-20.json'), 'utf8')
			)
		);
		doc.series.id = 'bench-breakouts';
		// Only guests take part: the example's registered people are not placed in the rooms.
		doc.meeting.people = [];
		for (const item of doc.meeting.agenda) delete item.speakers;
		doc.meeting.attachments = [];
		await importMeeting(handle.db, actor, doc);
		const ref = { seriesId: doc.series.id, number: doc.meeting.number };
		const bus = new LiveBus(handle.db);
		const { code } = await startLiveSession(handle.db, bus, actor, ref.seriesId, ref.number, {});
		await bus.close();
		const { key } = await createRound(handle.db, actor, ref, {
			title: 'Netzwerke vor Ort',
			roomCount: rooms,
			dotsPerPerson: DOTS_PER_PERSON,
			durationMinutes: 30
		});
		const token = (await createApiToken(handle.db, actor, { name: 'Bench' })).token;
		return { code, ref, roundKey: key, token };
	} finally {
		await handle.close();
	}
}

/** Joins every guest by code; guest joins are limited per address, so they come from many. */
async function joinGuests(baseUrl: string, code: string): Promise<Guest[]> {
	const guests: Guest[] = [];
	await pool(Array.from({ length: rooms * perRoom }), 64, async (_, index) => {
		const client = Math.floor(index / 50);
		const name = `Gast ${index}`;
		const answer = await request(`${baseUrl}/live/${code}?/join`, {
			localAddress: `127.2.${Math.floor(client / 250)}.${(client % 250) + 1}`,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: baseUrl },
			body: new URLSearchParams({ displayName: name }).toString()
		});
		const cookie = String(answer.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
		if (answer.status !== 303 || !cookie) throw new Error(`join failed: ${answer.status}`);
		guests[index] = {
			name,
			cookie,
			participantId: '',
			roomId: '',
			seen: new Map(),
			own: new Set(),
			voted: new Set()
		};
	});
	return guests;
}

export async function main(): Promise<void> {
	const buildDir = join(projectRoot, '.e2e-builds', `bench-breakouts-${process.pid}`);
	buildAndCopy(buildDir);
	const db = await createDatabase();
	const setup = await prepareMeeting(db.url);
	const app = await startBuiltApp(
		buildDir,
		db.url,
		db.dataDir,
		profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []
	);
	let line: Record<string, unknown>;
	try {
		const guests = await joinGuests(app.baseUrl, setup.code);
		await startRound(app.baseUrl, setup);
		await placeGuests(db.url, guests);
		await pool(guests, 64, (guest) => follow(app.baseUrl, setup.code, guest));
		const started = performance.now();
		const until = started + seconds * 1000;
		await Promise.all(guests.map((guest) => work(app.baseUrl, setup.code, guest, until)));
		const loadEnded = performance.now();
		line = await results(db.url, guests, loadEnded - started);
		for (const guest of guests) guest.stream?.destroy();
	} finally {
		// A profile is written on a clean exit only.
		app.child.kill(profileDir ? 'SIGTERM' : 'SIGKILL');
		if (profileDir) await new Promise((resolve) => app.child.once('exit', resolve));
	}
	agent.destroy();
	rmSync(buildDir, { recursive: true, force: true });
	rmSync(db.dataDir, { recursive: true, force: true });
	await db.drop();
	console.log(JSON.stringify(line));
	process.exit(0);
}

/** Starts the round as the moderator does (its assignment places the guests who joined). */
async function startRound(baseUrl: string, setup: Awaited<ReturnType<typeof prepareMeeting>>): Promise<void> {
	const path = `/api/v1/meetings/${setup.ref.seriesId}/${setup.ref.number}/breakouts/${setup.roundKey}/start`;
	const answer = await request(`${baseUrl}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.token}` },
		body: '{}'
	});
	if (answer.status >= 300) throw new Error(`the round did not start: ${answer.status} ${answer.body}`);
}

/** Which room each guest was placed in, read from the database (the bench's own bookkeeping). */
async function placeGuests(databaseUrl: string, guests: Guest[]): Promise<void> {
	const handle = await openDatabase(databaseUrl);
	try {
		const rows = await handle.db.selectFrom('live_participants').select(['id', 'display_name']).execute();
		const byName = new Map(rows.map((row) => [row.display_name, row.id]));
		for (const guest of guests) guest.participantId = byName.get(guest.name) ?? '';
		// TODO(rounds-live): the members' table of guests
	} finally {
		await handle.close();
	}
}

/** Waits for the last events, then counts what was acknowledged, stored and delivered. */
async function results(
	databaseUrl: string,
	guests: Guest[],
	loadMs: number
): Promise<Record<string, unknown>> {
	const roomSizes = new Map<string, number>();
	for (const guest of guests) roomSizes.set(guest.roomId, (roomSizes.get(guest.roomId) ?? 0) + 1);
	const acknowledged = [...tracks].filter(([, track]) => track.ackAt !== undefined);
	const isComplete = (track: CardTrack) => track.received >= (roomSizes.get(track.roomId) ?? 0);
	const deadline = performance.now() + DRAIN_MS;
	while (performance.now() < deadline && acknowledged.some(([, track]) => !isComplete(track)))
		await new Promise((resolve) => setTimeout(resolve, 20));
	const delivery = acknowledged
		.filter(([, track]) => isComplete(track))
		.map(([, track]) => Math.max(0, track.lastReceivedAt - track.ackAt!))
		.sort((a, b) => a - b);
	const handle = await openDatabase(databaseUrl);
	let stored: { id: string; text: string }[];
	try {
		stored = await handle.db.selectFrom('board_cards').select(['id', 'text']).execute();
	} finally {
		await handle.close();
	}
	const storedIds = new Set(stored.map((card) => card.id));
	const storedTexts = new Set(stored.map((card) => card.text));
	const cardsStored = acknowledged.filter(([text, track]) =>
		track.cardId ? storedIds.has(track.cardId) : storedTexts.has(text)
	).length;
	const round = (value: number) => Math.round(value * 10) / 10;
	return {
		mode: 'breakouts',
		database,
		rooms,
		perRoom,
		seconds,
		thinkMs,
		cardsPerSecond: round(acknowledged.length / (loadMs / 1000)),
		cardsAcknowledged: acknowledged.length,
		cardsStored,
		lost: acknowledged.length - cardsStored,
		conflicts,
		refused: Object.fromEntries(refusals),
		undelivered: acknowledged.length - delivery.length,
		wrongRoom,
		addMs: {
			p50: round(
				percentile(
					addLatencies.sort((a, b) => a - b),
					50
				)
			),
			p99: round(percentile(addLatencies, 99))
		},
		deliveryMs: {
			p50: round(percentile(delivery, 50)),
			p99: round(percentile(delivery, 99)),
			max: round(delivery.at(-1) ?? NaN)
		}
	};
}
