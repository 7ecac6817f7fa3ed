/**
 * `npm run bench:live -- --clients N --votes M [--rounds R] [--postgres URL]` (defaults 1,000,
 * 10,000 and 3).
 *
 * Starts the built app on a fresh database (a SQLite file, or a fresh database on the PostgreSQL
 * server named), prepares a meeting with an open poll of R questions whose results are shown,
 * connects N SSE listeners (guests) to the meeting, lets M distinct guests join by code (not timed)
 * and, in each of R rounds, cast one vote each on that round's question through the endpoint the
 * live page uses when JavaScript runs (POST /api/v1/live/{code}/votes: the guest cookie, origin
 * check, validation and rate limit on), over keep-alive connections. `--profile DIR` writes a CPU
 * profile of the app process into DIR. Measures intake (votes/s) and, per listener, the time from
 * the last acknowledged vote until it has seen the round's final tally.
 *
 * The same load goes to a bare Node http + SSE server that only parses the JSON, counts in memory
 * and broadcasts with the same coalescing (250 ms, longer for large audiences: `tallyInterval` of
 * live/bus.ts, the same function), before the first round and after each: B A B A B A B. Each
 * round's ratio is taken against the mean of the bare runs right before and after it, and the
 * figure is their median: on a machine shared with other work the capacity of the moment drifts
 * (bare runs a minute apart differed by a third), and a single pair measured two machines.
 * The last line printed is one JSON object with the figures, every round's among them.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MeetingDocument } from '../src/lib/domain/exchange-format/schema';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { LiveBus, tallyInterval } from '../src/lib/server/live/bus';
import { actorForUser, hashPassword } from '../src/lib/server/services/auth';
import { importMeeting } from '../src/lib/server/services/exchange';
import { moderateLive, startLiveSession } from '../src/lib/server/services/live-moderation';
import { buildAndCopy, projectRoot } from '../scripts/build-if-stale.js';
import { percentile, startBuiltApp } from './built-app';
import { agent, pool, request } from './load-client';

// `--breakouts`: the breakout rooms' load (bench/live-breakouts.ts), which prints its line and exits.
if (process.argv.includes('--breakouts')) await (await import('./live-breakouts')).main();

function argument(name: string, fallback?: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
}
const clients = Number(argument('clients', '1000'));
const votes = Number(argument('votes', '10000'));
const rounds = Number(argument('rounds', '3'));
const postgresServer = argument('postgres');
const profileDir = argument('profile');
const CONCURRENCY = 64;
const OPTIONS = ['verwaltung', 'verein', 'andere'];

/** An SSE listener that notes, per question, when it first saw the tally with every vote in. */
interface Listener {
	seenAt: (questionId: string) => number | undefined;
	close: () => void;
	ready: Promise<void>;
}

/** `completeQuestions` names the questions a frame shows with every vote counted. */
function listen(
	url: string,
	headers: Record<string, string>,
	completeQuestions: (type: string, data: string) => string[]
): Listener {
	const seen = new Map<string, number>();
	let req: http.ClientRequest;
	const ready = new Promise<void>((resolve, reject) => {
		req = http.get(url, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
			res.setEncoding('utf8');
			let text = '';
			resolve();
			res.on('data', (chunk: string) => {
				text += chunk;
				let end: number;
				while ((end = text.indexOf('\n\n')) >= 0) {
					const block = text.slice(0, end);
					text = text.slice(end + 2);
					const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
					const data = /^data: (.*)$/m.exec(block)?.[1];
					if (data === undefined) continue;
					for (const questionId of completeQuestions(type, data))
						if (!seen.has(questionId)) seen.set(questionId, performance.now());
				}
			});
			res.on('error', () => undefined);
		});
		req.on('error', reject);
	});
	return { seenAt: (questionId) => seen.get(questionId), close: () => req.destroy(), ready };
}

/** The questions of a tally, snapshot or state frame whose respondents are all the voters. */
function questionsWithAllVotes(type: string, data: string): string[] {
	// Most frames are partial tallies: the count is looked for before the JSON is parsed.
	if (!data.includes(`"respondents":${votes}`)) return [];
	if (type !== 'tally' && type !== 'snapshot' && type !== 'state') return [];
	const payload = JSON.parse(data) as {
		questions?: { id: string; respondents: number }[];
		results?: { questions: { id: string; respondents: number }[] } | null;
	};
	const questions = payload.questions ?? payload.results?.questions ?? [];
	return questions.filter((question) => question.respondents === votes).map((question) => question.id);
}

interface Run {
	votesPerS: number;
	finalMs: number[];
	listenersWithFinal: number;
}

/** Casts one vote per voter on one question, 64 at a time, and waits for every listener's final tally. */
async function voteRound(
	listeners: Listener[],
	questionId: string,
	castVote: (index: number) => Promise<void>
): Promise<Run> {
	const started = performance.now();
	let lastAck = 0;
	await pool(Array.from({ length: votes }), CONCURRENCY, async (_, index) => {
		await castVote(index);
		lastAck = performance.now();
	});
	const votesPerS = votes / ((lastAck - started) / 1000);
	const deadline = performance.now() + 30_000;
	while (
		performance.now() < deadline &&
		listeners.some((listener) => listener.seenAt(questionId) === undefined)
	)
		await new Promise((resolve) => setTimeout(resolve, 20));
	const finalMs = listeners
		.map((listener) => listener.seenAt(questionId))
		.filter((seen): seen is number => seen !== undefined)
		.map((seen) => Math.max(0, seen - lastAck))
		.sort((a, b) => a - b);
	return { votesPerS, finalMs, listenersWithFinal: finalMs.length };
}

/** The app's guests (joined, not timed) and its listeners, connected. */
async function appAudience(baseUrl: string, code: string) {
	let joins = 0;
	const join = async (name: string) => {
		// Guest joins are rate-limited per client address (100 a minute): the guests come from many
		// loopback addresses (all of 127.0.0.0/8 is this machine), 50 from each, as from many offices.
		const client = Math.floor(joins++ / 50);
		const response = await request(`${baseUrl}/live/${code}?/join`, {
			localAddress: `127.1.${Math.floor(client / 250)}.${(client % 250) + 1}`,
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html',
				origin: baseUrl
			},
			body: new URLSearchParams({ displayName: name }).toString()
		});
		const cookie = String(response.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
		if (response.status !== 303 || !cookie) throw new Error(`join failed: ${response.status}`);
		return cookie;
	};
	const listenerCookies: string[] = [];
	await pool(Array.from({ length: clients }), CONCURRENCY, async (_, index) => {
		listenerCookies[index] = await join(`Zuhörer ${index}`);
	});
	const voterCookies: string[] = [];
	await pool(Array.from({ length: votes }), CONCURRENCY, async (_, index) => {
		voterCookies[index] = await join(`Gast ${index}`);
	});
	const listeners = listenerCookies.map((cookie) =>
		listen(`${baseUrl}/live/${code}/events`, { cookie }, questionsWithAllVotes)
	);
	await Promise.all(listeners.map((listener) => listener.ready));
	return { listeners, voterCookies };
}

/** One round of votes through the app, on one question; see the file comment. */
function appRound(baseUrl: string, code: string, audience: Awaited<ReturnType<typeof appAudience>>) {
	return (questionId: string) =>
		voteRound(audience.listeners, questionId, async (index) => {
			const body = JSON.stringify({ questionId, answer: [OPTIONS[index % OPTIONS.length]!] });
			const response = await request(`${baseUrl}/api/v1/live/${code}/votes`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					origin: baseUrl,
					cookie: audience.voterCookies[index]!
				},
				body
			});
			if (response.status !== 200)
				throw new Error(`vote refused: ${response.status} ${response.body.slice(0, 200)}`);
		});
}

/** The bare baseline server: parse JSON, count in memory, broadcast coalesced as the app does, over SSE. */
const BASELINE_SERVER = `
const http = require('node:http');
const tallyInterval = ${tallyInterval.toString()};
const questions = new Map(); let timer; const listeners = new Set();
function flush() { timer = undefined; const frame = 'event: tally\\ndata: ' + JSON.stringify({ questions: [...questions.values()] }) + '\\n\\n'; for (const res of listeners) res.write(frame); }
http.createServer((req, res) => {
  if (req.url === '/events') { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': hi\\n\\n'); listeners.add(res); req.on('close', () => listeners.delete(res)); return; }
  let body = ''; req.on('data', (c) => (body += c)); req.on('end', () => {
    const vote = JSON.parse(body);
    const question = questions.get(vote.questionId) ?? { id: vote.questionId, respondents: 0, counts: {} };
    questions.set(vote.questionId, question);
    question.counts[vote.answer] = (question.counts[vote.answer] || 0) + 1; question.respondents += 1;
    if (!timer) timer = setTimeout(flush, tallyInterval(250, listeners.size));
    res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"ok":true}');
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

/** The bare server with its N listeners; each run counts a question of its own. */
async function startBaseline() {
	const port = 20000 + Math.floor(Math.random() * 20000);
	const child = spawn(process.execPath, ['-e', BASELINE_SERVER], {
		env: { ...process.env, PORT: String(port) }
	});
	await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
	const baseUrl = `http://127.0.0.1:${port}`;
	const listeners = Array.from({ length: clients }, () =>
		listen(`${baseUrl}/events`, {}, questionsWithAllVotes)
	);
	await Promise.all(listeners.map((listener) => listener.ready));
	let runs = 0;
	return {
		run() {
			const questionId = `q${runs++}`;
			return voteRound(listeners, questionId, async (index) => {
				await request(`${baseUrl}/vote`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ questionId, answer: OPTIONS[index % OPTIONS.length] })
				});
			});
		},
		stop() {
			for (const listener of listeners) listener.close();
			child.kill();
		}
	};
}

async function prepareDatabase(databaseUrl: string) {
	const handle = await openDatabase(databaseUrl);
	await migrateToLatest(handle.db);
	const now = new Date().toISOString();
	const organizationId = randomUUID();
	const userId = randomUUID();
	await handle.db
		.insertInto('organizations')
		.values({ id: organizationId, slug: 'bench', name: 'Bench', email: null, website: null, created_at: now })
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
	doc.series.id = 'bench-live';
	doc.meeting.polls = [
		{
			id: 'umfrage',
			title: 'Kurze Umfrage',
			// One question per round.
			questions: Array.from({ length: rounds }, (_, index) => ({
				id: `rolle-${index + 1}`,
				text: `Welche Rolle haben Sie? (Runde ${index + 1})`,
				kind: 'single' as const,
				options: OPTIONS.map((id) => ({ id, label: id }))
			}))
		}
	];
	await importMeeting(handle.db, actor, doc);
	const bus = new LiveBus(handle.db);
	const { code } = await startLiveSession(handle.db, bus, actor, 'bench-live', doc.meeting.number, {});
	const poll = await handle.db.selectFrom('polls').select('id').executeTakeFirstOrThrow();
	const questions = await handle.db.selectFrom('poll_questions').select('id').orderBy('position').execute();
	for (const action of ['openPoll', 'showResults'])
		await moderateLive(handle.db, bus, actor, 'bench-live', doc.meeting.number, { action, pollId: poll.id });
	await bus.close();
	await handle.close();
	return { code, questionIds: questions.map((question) => question.id) };
}

async function countVotes(databaseUrl: string, questionId: string): Promise<number> {
	const handle = await openDatabase(databaseUrl);
	try {
		const row = await handle.db
			.selectFrom('poll_votes')
			.select((eb) => eb.fn.count<number>('participant_id').distinct().as('voters'))
			.where('question_id', '=', questionId)
			.executeTakeFirstOrThrow();
		return Number(row.voters);
	} finally {
		await handle.close();
	}
}

async function main(): Promise<void> {
	const buildDir = join(projectRoot, '.e2e-builds', `bench-live-${process.pid}`);
	buildAndCopy(buildDir);
	const dataDir = mkdtempSync(join(tmpdir(), 'nws-bench-live-'));
	let databaseUrl = `sqlite:${join(dataDir, 'bench.sqlite')}`;
	let dropDatabase = async () => {};
	if (postgresServer) {
		const name = `nws_bench_live_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
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
	const { code, questionIds } = await prepareDatabase(databaseUrl);
	const app = await startBuiltApp(
		buildDir,
		databaseUrl,
		dataDir,
		profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []
	);
	const baseline = await startBaseline();
	// B A B A … B: each app round between two bare runs (see the file comment).
	const baselineRuns: Run[] = [];
	const appRuns: Run[] = [];
	const votesStored: number[] = [];
	try {
		const audience = await appAudience(app.baseUrl, code);
		const voteOn = appRound(app.baseUrl, code, audience);
		baselineRuns.push(await baseline.run());
		for (const questionId of questionIds) {
			appRuns.push(await voteOn(questionId));
			baselineRuns.push(await baseline.run());
		}
		for (const listener of audience.listeners) listener.close();
	} finally {
		baseline.stop();
		// A profile is written on a clean exit only.
		const exited = new Promise((resolve) => app.child.once('exit', resolve));
		app.child.kill(profileDir ? 'SIGTERM' : 'SIGKILL');
		await exited;
	}
	// Every acknowledged vote is stored, also after the app was killed without warning.
	for (const questionId of questionIds) votesStored.push(await countVotes(databaseUrl, questionId));
	agent.destroy();
	rmSync(buildDir, { recursive: true, force: true });
	rmSync(dataDir, { recursive: true, force: true });
	await dropDatabase();
	const round = (value: number) => Math.round(value * 10) / 10;
	const ratios = appRuns.map(
		(run, index) =>
			run.votesPerS / ((baselineRuns[index]!.votesPerS + baselineRuns[index + 1]!.votesPerS) / 2)
	);
	const median = (values: number[]) => {
		const sorted = [...values].sort((a, b) => a - b);
		const middle = Math.floor(sorted.length / 2);
		return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	};
	const finalMs = appRuns.flatMap((run) => run.finalMs).sort((a, b) => a - b);
	console.log(
		JSON.stringify({
			clients,
			votes,
			rounds,
			ratio: Math.round(median(ratios) * 1000) / 1000,
			ratio_per_round: ratios.map((ratio) => Math.round(ratio * 1000) / 1000),
			votes_per_s_per_round: appRuns.map((run) => round(run.votesPerS)),
			baseline_votes_per_s_runs: baselineRuns.map((run) => round(run.votesPerS)),
			final_tally_ms_p50: round(percentile(finalMs, 50)),
			final_tally_ms_p99: round(percentile(finalMs, 99)),
			final_tally_ms_max: round(finalMs.at(-1) ?? NaN),
			listeners_with_final_per_round: appRuns.map((run) => run.listenersWithFinal),
			votes_stored_per_round: votesStored,
			database: postgresServer ? 'postgres' : 'sqlite'
		})
	);
	process.exit(0);
}

main().catch((error: unknown) => {
	console.error(error);
	// The build copy of this run is of no further use.
	rmSync(join(projectRoot, '.e2e-builds', `bench-live-${process.pid}`), { recursive: true, force: true });
	process.exit(1);
});
