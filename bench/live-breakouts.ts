/**
 * `npm run bench:live -- --breakouts [--database sqlite|postgres] [--postgres URL] [--rooms 50]
 * [--per-room 20] [--seconds 60] [--think-ms 2000] [--members guests|accounts] [--profile DIR]`
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
 *
 * `--members accounts` has registered people with accounts instead, placed by the same
 * assignment before the app starts, who use the board API with API tokens and follow the stream
 * as signed-in participants.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import type { BoardCardEvent } from '../src/lib/domain/breakouts/live-views';
import type { Actor } from '../src/lib/domain/policy';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import type { Database } from '../src/lib/server/db/schema';
import { LiveBus } from '../src/lib/server/live/bus';
import { actorForUser, createApiToken, hashPassword } from '../src/lib/server/services/auth';
import { createRound, getRound, runAssignment } from '../src/lib/server/services/breakouts';
import { importMeeting } from '../src/lib/server/services/exchange';
import { startLiveSession } from '../src/lib/server/services/live-moderation';
import { joinLive } from '../src/lib/server/services/live-participants';
import { buildAndCopy, projectRoot } from '../scripts/build-if-stale.js';
import { percentile, startBuiltApp } from './built-app';
import { agent, pool, request } from './load-client';
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
const rooms = Number(argument('rooms', '50'));
const perRoom = Number(argument('per-room', '20'));
const seconds = Number(argument('seconds', '60'));
const thinkMs = Number(argument('think-ms', '2000'));
const members = argument('members', 'guests');
const profileDir = argument('profile', '');
const DOTS_PER_PERSON = 5;
/** How long after the load the bench waits for the last events. */
const DRAIN_MS = 10_000;

/** One person at a board: how they authenticate, their room, what they saw of it. */
interface Person {
	name: string;
	/** The guest cookie, or an API token's Authorization header. */
	auth: Record<string, string>;
	roomId: string;
	/** Cards of the room as the person last saw them in events: id → version. */
	seen: Map<string, number>;
	/** The person's own cards (ids learned from the `added` events of their texts). */
	own: Set<string>;
	voted: Set<string>;
	stream?: http.ClientRequest;
}

function person(name: string, auth: Record<string, string>, roomId = ''): Person {
	return { name, auth, roomId, seen: new Map(), own: new Set(), voted: new Set() };
}

/** Per added card (by its unique text): when it was acknowledged, and who has received its event. */
interface CardTrack {
	roomId: string;
	ackAt?: number;
	/** Learned from its `added` event. */
	cardId?: string;
	received: number;
	lastReceivedAt: number;
}

const tracks = new Map<string, CardTrack>();
const pendingTexts = new Map<string, Person>();
const addLatencies: number[] = [];
let wrongRoom = 0;
let streamsEnded = 0;
let isClosing = false;
let conflicts = 0;
const refusals = new Map<string, number>();

function trackOf(text: string, roomId: string): CardTrack {
	let track = tracks.get(text);
	if (!track) {
		track = { roomId, received: 0, lastReceivedAt: 0 };
		tracks.set(text, track);
	}
	return track;
}

/** Opens the person's event stream; `card` events update what they saw and the delivery tracks. */
function follow(baseUrl: string, code: string, someone: Person): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = http.get(
			`${baseUrl}/live/${code}/events`,
			{ headers: { ...someone.auth, accept: 'text/event-stream' } },
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
						if (!/^event: card$/m.test(block)) continue;
						receiveCard(someone, JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as BoardCardEvent);
					}
				});
				res.on('error', () => undefined);
				// A stream the server ended (a listener that fell behind) before the bench closed it.
				res.on('close', () => {
					if (!isClosing) streamsEnded += 1;
				});
			}
		);
		req.on('error', reject);
		someone.stream = req;
	});
}

function receiveCard(someone: Person, event: BoardCardEvent): void {
	const now = performance.now();
	if (event.roomId !== someone.roomId) wrongRoom += 1;
	if (!event.card) {
		someone.seen.delete(event.cardId);
		return;
	}
	someone.seen.set(event.cardId, event.card.version);
	if (event.action !== 'added') return;
	if (pendingTexts.get(event.card.text) === someone) {
		someone.own.add(event.cardId);
		pendingTexts.delete(event.card.text);
	}
	const track = trackOf(event.card.text, event.roomId);
	track.cardId = event.cardId;
	track.received += 1;
	track.lastReceivedAt = Math.max(track.lastReceivedAt, now);
}

type Outcome = 'ok' | 'conflict' | 'refused';

function outcomeOf(action: string, status: number): Outcome {
	if (status >= 200 && status < 400) return 'ok';
	if (status === 409) {
		conflicts += 1;
		return 'conflict';
	}
	const key = `${action} ${status}`;
	refusals.set(key, (refusals.get(key) ?? 0) + 1);
	return 'refused';
}

/** How a person changes the board: the live page's actions (guests) or the board API (accounts). */
interface Board {
	add(someone: Person, text: string): Promise<Outcome>;
	edit(someone: Person, cardId: string, version: number, text: string): Promise<Outcome>;
	dot(someone: Person, cardId: string): Promise<Outcome>;
}

/** The live page's form actions as its script posts them (SvelteKit answers an ActionResult in JSON). */
function liveActions(baseUrl: string, code: string): Board {
	const post = async (someone: Person, action: string, fields: Record<string, string>) => {
		const answer = await request(`${baseUrl}/live/${code}?/${action}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin: baseUrl,
				...someone.auth
			},
			body: new URLSearchParams(fields).toString()
		});
		const result =
			answer.status === 200 ? (JSON.parse(answer.body) as { type: string; status?: number }) : undefined;
		const isDone = result?.type === 'success' || result?.type === 'redirect';
		return outcomeOf(action, isDone ? 200 : (result?.status ?? answer.status));
	};
	return {
		add: (someone, text) => post(someone, 'addCard', { text }),
		edit: (someone, cardId, version, text) =>
			post(someone, 'editCard', { card: cardId, version: String(version), text }),
		dot: (someone, cardId) => post(someone, 'dot', { card: cardId })
	};
}

/** The board API of /api/v1 (breakouts/{round}/…), with the person's API token. */
function boardApi(baseUrl: string, roundPath: string): Board {
	const call = async (someone: Person, action: string, method: string, path: string, body: unknown) => {
		const answer = await request(`${baseUrl}${roundPath}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...someone.auth },
			body: JSON.stringify(body)
		});
		return outcomeOf(action, answer.status);
	};
	return {
		add: (someone, text) => call(someone, 'addCard', 'POST', `/rooms/${someone.roomId}/cards`, { text }),
		edit: (someone, cardId, version, text) =>
			call(someone, 'editCard', 'PATCH', `/cards/${cardId}`, { version, text }),
		dot: (someone, cardId) => call(someone, 'dot', 'POST', `/cards/${cardId}/dot`, {})
	};
}

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * thinkMs));
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** One person's time at the board: add cards, edit their own, spend dots, with pauses. */
async function work(board: Board, someone: Person, until: number): Promise<void> {
	let written = 0;
	await pause();
	while (performance.now() < until) {
		const choice = Math.random();
		const own = [...someone.own];
		const others = [...someone.seen.keys()].filter((id) => !someone.voted.has(id) && !someone.own.has(id));
		if (choice < 0.2 && own.length) {
			const cardId = pick(own);
			await board.edit(
				someone,
				cardId,
				someone.seen.get(cardId) ?? 1,
				`${someone.name}: geändert ${written++}`
			);
		} else if (choice < 0.4 && others.length && someone.voted.size < DOTS_PER_PERSON) {
			const cardId = pick(others);
			if ((await board.dot(someone, cardId)) === 'ok') someone.voted.add(cardId);
		} else {
			const text = `${someone.name}: Karte ${written++}`;
			pendingTexts.set(text, someone);
			const sentAt = performance.now();
			if ((await board.add(someone, text)) === 'ok') {
				const track = trackOf(text, someone.roomId);
				track.ackAt = performance.now();
				addLatencies.push(track.ackAt - sentAt);
			} else pendingTexts.delete(text);
		}
		await pause();
	}
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void>; dataDir: string }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'nws-bench-breakouts-'));
	if (database === 'sqlite')
		return { url: `sqlite:${join(dataDir, 'bench.sqlite')}`, drop: async () => {}, dataDir };
	if (database !== 'postgres') throw new Error(`--database sqlite|postgres, not ${database}`);
	return { ...(await createServerDatabase(postgresServer, 'nws_bench_breakouts')), dataDir };
}

/** A user (no usable password: they sign in with their API token), optionally an organizer. */
async function makeUser(db: Kysely<Database>, name: string, organizationId?: string): Promise<Actor> {
	const now = new Date().toISOString();
	const id = randomUUID();
	await db
		.insertInto('users')
		.values({
			id,
			email: `${id}@example.org`,
			display_name: name,
			password_hash: organizationId ? await hashPassword(randomUUID()) : '!',
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

/**
 * An organizer's meeting with a running live session and a draft round of `rooms` rooms; with
 * `--members accounts` also its registered people, placed in the rooms, joined and with tokens.
 */
async function prepareMeeting(databaseUrl: string) {
	const handle = await openDatabase(databaseUrl);
	try {
		const db = handle.db;
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
		const actor = await makeUser(db, 'Bench', organizationId);
		const doc = MeetingDocument.parse(
			JSON.parse(
				readFileSync(join(projectRoot, 'spec', 'examples', 'austauschtreffen-2024-11-20.json'), 'utf8')
			)
		);
		doc.series.id = 'bench-breakouts';
		// Only the bench's people take part: the example's are not placed in the rooms.
		doc.meeting.people = Array.from({ length: members === 'accounts' ? rooms * perRoom : 0 }, (_, index) => ({
			id: `person-${index}`,
			name: `Person ${index}`,
			registered: true
		}));
		for (const item of doc.meeting.agenda) delete item.speakers;
		doc.meeting.attachments = [];
		await importMeeting(db, actor, doc);
		const ref = { seriesId: doc.series.id, number: doc.meeting.number };
		const bus = new LiveBus(db);
		const { code } = await startLiveSession(db, bus, actor, ref.seriesId, ref.number, {});
		await bus.close();
		const { key } = await createRound(db, actor, ref, {
			title: 'Netzwerke vor Ort',
			roomCount: rooms,
			dotsPerPerson: DOTS_PER_PERSON,
			durationMinutes: 30
		});
		const token = (await createApiToken(db, actor, { name: 'Bench' })).token;
		const people = members === 'accounts' ? await placeAccounts(db, actor, ref, key, code) : [];
		return { code, ref, roundKey: key, token, people };
	} finally {
		await handle.close();
	}
}

/** Accounts for the meeting's people, placed by the random assignment and joined to the session. */
async function placeAccounts(
	db: Kysely<Database>,
	organizer: Actor,
	ref: { seriesId: string; number: number },
	key: string,
	code: string
): Promise<Person[]> {
	await runAssignment(db, organizer, ref, { round: key, seed: 1 });
	const { round } = await getRound(db, organizer, ref, key);
	const people: Person[] = [];
	for (const room of round.rooms)
		for (const member of room.members) {
			const actor = await makeUser(db, member.name);
			if (actor.kind !== 'user') throw new Error('not a user');
			await db
				.updateTable('people')
				.set({ user_id: actor.userId })
				.where('id', '=', member.personId)
				.execute();
			await joinLive(db, { actor, cookies: { get: () => undefined } }, code, { displayName: member.name });
			const { token } = await createApiToken(db, actor, { name: 'Bench' });
			people.push(person(member.name, { authorization: `Bearer ${token}` }, room.id));
		}
	return people;
}

/** Joins every guest by code; guest joins are limited per address, so they come from many. */
async function joinGuests(baseUrl: string, code: string): Promise<Person[]> {
	const people: Person[] = [];
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
		people[index] = person(name, { cookie });
	});
	return people;
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
async function placeGuests(databaseUrl: string, people: Person[]): Promise<void> {
	const handle = await openDatabase(databaseUrl);
	try {
		const rows = await handle.db
			.selectFrom('breakout_room_guests')
			.innerJoin('live_participants', 'live_participants.id', 'breakout_room_guests.participant_id')
			.select(['breakout_room_guests.room_id', 'live_participants.display_name'])
			.execute();
		const roomOf = new Map(rows.map((row) => [row.display_name, row.room_id]));
		for (const someone of people) someone.roomId = roomOf.get(someone.name) ?? '';
		const unplaced = people.filter((someone) => !someone.roomId).length;
		if (unplaced) throw new Error(`${unplaced} guests were not placed in a room`);
	} finally {
		await handle.close();
	}
}

/** Waits for the last events, then counts what was acknowledged, stored and delivered. */
async function results(
	databaseUrl: string,
	people: Person[],
	loadMs: number
): Promise<Record<string, unknown>> {
	const roomSizes = new Map<string, number>();
	for (const someone of people) roomSizes.set(someone.roomId, (roomSizes.get(someone.roomId) ?? 0) + 1);
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
	// A card whose event never came is looked up by its text (its author cannot have edited it).
	const cardsStored = acknowledged.filter(([text, track]) =>
		track.cardId ? storedIds.has(track.cardId) : storedTexts.has(text)
	).length;
	const round = (value: number) => Math.round(value * 10) / 10;
	addLatencies.sort((a, b) => a - b);
	return {
		mode: 'breakouts',
		database,
		members,
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
		/** Of undelivered cards (the first ten): how many of the room's members got the event. */
		undeliveredReceived: acknowledged
			.filter(([, track]) => !isComplete(track))
			.slice(0, 10)
			.map(([, track]) => `${track.received}/${roomSizes.get(track.roomId) ?? 0}`),
		streamsEnded,
		wrongRoom,
		addMs: { p50: round(percentile(addLatencies, 50)), p99: round(percentile(addLatencies, 99)) },
		deliveryMs: {
			p50: round(percentile(delivery, 50)),
			p99: round(percentile(delivery, 99)),
			max: round(delivery.at(-1) ?? NaN)
		}
	};
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
		let people = setup.people;
		let board = boardApi(
			app.baseUrl,
			`/api/v1/meetings/${setup.ref.seriesId}/${setup.ref.number}/breakouts/${setup.roundKey}`
		);
		if (members === 'guests') {
			people = await joinGuests(app.baseUrl, setup.code);
			await startRound(app.baseUrl, setup);
			await placeGuests(db.url, people);
			board = liveActions(app.baseUrl, setup.code);
		}
		await pool(people, 64, (someone) => follow(app.baseUrl, setup.code, someone));
		const started = performance.now();
		const until = started + seconds * 1000;
		await Promise.all(people.map((someone) => work(board, someone, until)));
		line = await results(db.url, people, performance.now() - started);
		isClosing = true;
		for (const someone of people) someone.stream?.destroy();
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
