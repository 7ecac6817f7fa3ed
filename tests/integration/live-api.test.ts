import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n/translate';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import {
	CockpitResponse,
	LiveResultsResponse,
	LiveViewResponse
} from '../../src/lib/server/http/api-operations/live';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import { createApiToken } from '../../src/lib/server/services/auth';
import { factories } from '../helpers/factories';
import { copyBuild, startApp, type AppProcess } from './live-app';
import { importLiveMeeting, pollIds } from './live-fixtures';
import { readFramesUntil } from './live-stream-frames';

/**
 * The live meeting's JSON API against the built app (cookies, origin checks and API tokens go
 * through the real hooks): on a SQLite file, and on the PostgreSQL server when TEST_POSTGRES_URL
 * names one.
 */
const serverUrl = process.env.TEST_POSTGRES_URL ?? '';
if (!serverUrl) {
	const message = 'TEST_POSTGRES_URL is not set: the live API test runs on SQLite only (PostgreSQL SKIPPED).';
	if (process.env.CI === 'true' || process.env.POSTGRES_REQUIRED === '1') throw new Error(message);
	console.warn(`\n⚠⚠⚠ ${message}\n`);
}

interface Target {
	name: string;
	/** A fresh database: its URL and how to remove it. */
	create(dataDir: string): Promise<{ url: string; drop: () => Promise<void> }>;
}

const targets: Target[] = [
	{
		name: 'sqlite',
		create: async (dataDir) => ({ url: `sqlite:${join(dataDir, 'live-api.sqlite')}`, drop: async () => {} })
	},
	...(serverUrl
		? [
				{
					name: 'postgres',
					async create() {
						const name = `nws_live_api_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
						const admin = new pg.Client({ connectionString: serverUrl });
						await admin.connect();
						await admin.query(`create database ${name}`);
						await admin.end();
						const url = new URL(serverUrl);
						url.pathname = `/${name}`;
						return {
							url: url.toString(),
							drop: async () => {
								const client = new pg.Client({ connectionString: serverUrl });
								await client.connect();
								await client.query(`drop database if exists ${name} with (force)`);
								await client.end();
							}
						};
					}
				}
			]
		: [])
];

const problemType = 'application/problem+json';
const secretPerson = 'Paula Privat';

let build: { dir: string; remove: () => void } | undefined;
beforeAll(() => {
	build = copyBuild();
}, 600_000);
afterAll(() => build?.remove());

for (const target of targets) {
	describe(`${target.name}: the live meeting's JSON API (built app)`, () => {
		let app: AppProcess | undefined;
		let dataDir: string;
		let database: { url: string; drop: () => Promise<void> };
		let setup: Awaited<ReturnType<typeof prepare>>;
		/** The join code, once the moderator started the session. */
		let code = '';
		/** The guest's cookie (name=value), once joined. */
		let guestCookie = '';

		async function prepare() {
			const handle = await openDatabase(database.url);
			try {
				await migrateToLatest(handle.db);
				const make = factories(handle.db);
				const organizer = await make.organizer();
				const stranger = await make.organizer();
				// Someone who registered and came, without consent to be named: never named live.
				const meeting = await importLiveMeeting(handle.db, organizer.actor, (doc) => {
					doc.meeting.people = [
						...(doc.meeting.people ?? []),
						{ id: 'paula-privat', name: secretPerson, registered: true, attended: true }
					];
				});
				return {
					meeting,
					ids: await pollIds(handle.db, meeting.seriesSlug),
					organizerToken: (await createApiToken(handle.db, organizer.actor, { name: 'Moderation' })).token,
					strangerToken: (await createApiToken(handle.db, stranger.actor, { name: 'Fremd' })).token
				};
			} finally {
				await handle.close();
			}
		}

		beforeAll(async () => {
			dataDir = mkdtempSync(join(tmpdir(), 'nws-live-api-'));
			database = await target.create(dataDir);
			setup = await prepare();
			app = await startApp(build!.dir, { DATABASE_URL: database.url, DATA_DIR: dataDir });
		}, 120_000);

		afterAll(async () => {
			await app?.stop();
			await database?.drop();
			rmSync(dataDir, { recursive: true, force: true });
		});

		const api = (path: string) => `${app!.baseUrl}/api/v1${path}`;
		const live = () => `/meetings/${setup.meeting.seriesSlug}/${setup.meeting.number}/live`;
		const withToken = (token: string, init: RequestInit = {}): RequestInit => ({
			...init,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...init.headers }
		});
		/** A request as the live page's script sends it: JSON, the guest cookie, our own origin. */
		const asGuest = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app!.baseUrl, cookie: guestCookie, ...headers },
			body: JSON.stringify(body)
		});
		const problemOf = async (response: Response) => {
			expect(response.headers.get('content-type')).toContain(problemType);
			return (await response.json()) as {
				status: number;
				title: string;
				errors?: { path: string; message: string }[];
			};
		};

		it('lets the meeting’s moderators start, steer and read the session with an API token, and nobody else', async () => {
			const anonymousStart = await fetch(api(`${live()}/start`), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}'
			});
			expect(anonymousStart.status).toBe(401);
			expect((await problemOf(anonymousStart)).status).toBe(401);
			const strangerStart = await fetch(
				api(`${live()}/start`),
				withToken(setup.strangerToken, { method: 'POST' })
			);
			// The meeting is a draft: a stranger learns nothing about it (requireMeeting), 404.
			expect(strangerStart.status).toBe(404);
			await problemOf(strangerStart);

			// An empty body takes the defaults.
			const started = await fetch(
				api(`${live()}/start`),
				withToken(setup.organizerToken, { method: 'POST' })
			);
			expect(started.status).toBe(200);
			code = ((await started.json()) as { code: string }).code;
			expect(code).toMatch(/^\d{6}$/);

			const opened = await fetch(
				api(`${live()}/actions`),
				withToken(setup.organizerToken, {
					method: 'POST',
					body: JSON.stringify({ action: 'openPoll', pollId: setup.ids.pollId })
				})
			);
			expect(opened.status).toBe(204);
			const unknownAction = await fetch(
				api(`${live()}/actions`),
				withToken(setup.organizerToken, { method: 'POST', body: JSON.stringify({ action: 'dance' }) })
			);
			expect(unknownAction.status).toBe(400);
			expect((await problemOf(unknownAction)).errors?.[0]?.path).toBe('/action');

			const cockpitResponse = await fetch(api(live()), withToken(setup.organizerToken));
			expect(cockpitResponse.status).toBe(200);
			const cockpit = CockpitResponse.parse(await cockpitResponse.json());
			expect(cockpit.session).toMatchObject({ digits: code, isActive: true, allowsGuests: true });
			expect(cockpit.polls.map((poll) => [poll.id, poll.state])).toEqual([[setup.ids.pollId, 'open']]);
			expect(cockpit.state?.openPolls.map((poll) => poll.id)).toEqual([setup.ids.pollId]);

			for (const path of [live(), `${live()}/results`]) {
				expect((await fetch(api(path))).status, path).toBe(401);
				const refused = await fetch(api(path), withToken(setup.strangerToken));
				expect(refused.status, path).toBe(404);
				await problemOf(refused);
			}
			const strangerAction = await fetch(
				api(`${live()}/actions`),
				withToken(setup.strangerToken, { method: 'POST', body: JSON.stringify({ action: 'next' }) })
			);
			expect(strangerAction.status).toBe(404);
		});

		it('joins a guest, recognizes them by the cookie and stores their vote', async () => {
			const joined = await fetch(api(`/live/${code}/participants`), asGuest({ displayName: 'Petra' }));
			expect(joined.status).toBe(200);
			const participantId = ((await joined.json()) as { participantId: string }).participantId;
			const setCookie = joined.headers.get('set-cookie') ?? '';
			expect(setCookie).toMatch(/^nws_live_[\w-]+=/);
			// Path / : the browser sends it to the live pages and to /api/v1/live/… alike.
			expect(setCookie).toMatch(/; Path=\/(;|$)/);
			expect(setCookie).toMatch(/HttpOnly/i);
			expect(setCookie).toMatch(/SameSite=Lax/i);
			guestCookie = setCookie.split(';')[0]!;

			const view = LiveViewResponse.parse(
				await (await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } })).json()
			);
			expect(view).toMatchObject({
				digits: code,
				joined: true,
				isModerator: false,
				participant: { id: participantId, displayName: 'Petra' },
				myAnswers: {}
			});
			expect(view.state?.openPolls[0]?.questions.map((question) => question.id)).toEqual([
				setup.ids.single,
				setup.ids.multiple,
				setup.ids.scale,
				setup.ids.text
			]);
			// Before joining: the meeting's title and nothing of the session (API, page, stream).
			const stranger = LiveViewResponse.parse(await (await fetch(api(`/live/${code}`))).json());
			expect(stranger).toMatchObject({ joined: false, participant: null, state: null, myAnswers: {} });
			expect(stranger.title).toBe(view.state?.title);
			const strangerPage = await (await fetch(`${app!.baseUrl}/live/${code}`)).text();
			expect(strangerPage).toContain(stranger.title);
			expect(strangerPage).not.toContain('Welche Rolle haben Sie?');
			const strangerStream = await fetch(`${app!.baseUrl}/live/${code}/events`);
			expect(strangerStream.status).toBe(403);
			expect(await strangerStream.text()).toBe(translate('de', 'live.notParticipant'));
			// Joining again with the cookie keeps the participant.
			const again = await fetch(api(`/live/${code}/participants`), asGuest({ displayName: 'Petra' }));
			expect(((await again.json()) as { participantId: string }).participantId).toBe(participantId);

			const voted = await fetch(
				api(`/live/${code}/votes`),
				asGuest({ questionId: setup.ids.single, answer: ['verein'] })
			);
			expect(voted.status).toBe(200);
			expect(await voted.json()).toEqual({ questionId: setup.ids.single });

			const after = LiveViewResponse.parse(
				await (await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } })).json()
			);
			expect(after.myAnswers[setup.ids.single]).toEqual(['verein']);
			const results = LiveResultsResponse.parse(
				await (await fetch(api(`${live()}/results`), withToken(setup.organizerToken))).json()
			);
			const single = results.polls[0]!.questions.find((question) => question.id === setup.ids.single)!;
			expect(single.respondents).toBe(1);
			expect(single.rows.map((row) => [row.key, row.count])).toEqual([
				['verwaltung', 0],
				['verein', 1],
				['andere', 0]
			]);
			expect(results.polls[0]).toMatchObject({
				pollId: setup.ids.pollId,
				state: 'open',
				isResultsVisible: false
			});
		});

		it('answers an unknown option and a closed poll with a problem document naming the problem', async () => {
			const unknown = await fetch(
				api(`/live/${code}/votes`),
				asGuest({ questionId: setup.ids.single, answer: ['vielleicht'] })
			);
			// Validation problems are 400 throughout the API (domain/errors statusOf).
			expect(unknown.status).toBe(400);
			expect((await problemOf(unknown)).errors).toEqual([
				{ path: 'answer', message: translate('de', 'live.vote.unknownOption') }
			]);

			const closed = await fetch(
				api(`${live()}/actions`),
				withToken(setup.organizerToken, {
					method: 'POST',
					body: JSON.stringify({ action: 'closePoll', pollId: setup.ids.pollId })
				})
			);
			expect(closed.status).toBe(204);
			const late = await fetch(
				api(`/live/${code}/votes`),
				asGuest({ questionId: setup.ids.single, answer: ['andere'] })
			);
			expect(late.status).toBe(400);
			const problem = await problemOf(late);
			expect(problem.title).toBe(translate('de', 'live.vote.pollClosed'));
			expect(problem.errors).toEqual([{ path: 'answer', message: translate('de', 'live.vote.pollClosed') }]);
			// The earlier answer stands.
			const view = LiveViewResponse.parse(
				await (await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } })).json()
			);
			expect(view.state?.openPolls).toEqual([]);
			const results = LiveResultsResponse.parse(
				await (await fetch(api(`${live()}/results`), withToken(setup.organizerToken))).json()
			);
			const single = results.polls[0]!.questions.find((question) => question.id === setup.ids.single)!;
			expect(single.rows.filter((row) => row.count).map((row) => row.key)).toEqual(['verein']);
		});

		it('refuses cookie-authenticated posts from another origin, but not API tokens', async () => {
			const refusedMessage = translate('de', 'api.crossOriginRefused');
			const foreignJoin = await fetch(
				api(`/live/${code}/participants`),
				asGuest({ displayName: 'Mallory' }, { origin: 'http://evil.invalid', cookie: '' })
			);
			expect(foreignJoin.status).toBe(403);
			expect(foreignJoin.headers.get('set-cookie')).toBeNull();
			expect((await problemOf(foreignJoin)).title).toBe(refusedMessage);
			const noOrigin = await fetch(api(`/live/${code}/participants`), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ displayName: 'Mallory' })
			});
			expect(noOrigin.status).toBe(403);
			await problemOf(noOrigin);

			// The poll is open again; a foreign page cannot vote with the guest's cookie.
			await fetch(
				api(`${live()}/actions`),
				withToken(setup.organizerToken, {
					method: 'POST',
					body: JSON.stringify({ action: 'openPoll', pollId: setup.ids.pollId })
				})
			);
			const foreignVote = await fetch(
				api(`/live/${code}/votes`),
				asGuest({ questionId: setup.ids.single, answer: ['andere'] }, { origin: 'http://evil.invalid' })
			);
			expect(foreignVote.status).toBe(403);
			expect((await problemOf(foreignVote)).title).toBe(refusedMessage);
			const view = LiveViewResponse.parse(
				await (await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } })).json()
			);
			expect(view.myAnswers[setup.ids.single]).toEqual(['verein']);

			// A program with an API token joins under its account's name: no origin needed, no cookie set.
			const program = await fetch(
				api(`/live/${code}/participants`),
				withToken(setup.strangerToken, { method: 'POST', body: '{}' })
			);
			expect(program.status).toBe(200);
			expect(program.headers.get('set-cookie')).toBeNull();
			const programView = LiveViewResponse.parse(
				await (await fetch(api(`/live/${code}`), withToken(setup.strangerToken))).json()
			);
			expect(programView.joined).toBe(true);
		});

		/** Opens the session's event stream; resolves with the response once its headers are in. */
		const openStream = (headers: Record<string, string>, controller: AbortController) =>
			fetch(`${app!.baseUrl}/live/${code}/events`, { headers, signal: controller.signal });
		const firstFrame = async (response: Response) => {
			const reader = response.body!.getReader();
			return (await readFramesUntil(reader, (frames) => frames.length >= 1))[0];
		};

		it('names nobody without consent on the participant page, the projector, the API and the stream', async () => {
			const page = await (
				await fetch(`${app!.baseUrl}/live/${code}`, { headers: { cookie: guestCookie } })
			).text();
			expect(page).toContain('Petra'); // the guest's own name, to herself
			const projector = await fetch(
				`${app!.baseUrl}/live/${code}/projector`,
				withToken(setup.organizerToken)
			);
			expect(projector.status).toBe(200);
			const apiView = await (await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } })).text();
			const controller = new AbortController();
			const frame = await firstFrame(await openStream({ cookie: guestCookie }, controller));
			controller.abort();
			expect(frame?.event).toBe('snapshot');
			for (const [where, text] of [
				['page', page],
				['projector', await projector.text()],
				['API', apiView],
				['stream', JSON.stringify(frame)]
			])
				expect(text, where).not.toContain(secretPerson);
		});

		it('refuses a participant’s sixth event stream with 429 and takes it again once one is closed', async () => {
			const controllers = Array.from({ length: 6 }, () => new AbortController());
			try {
				for (const controller of controllers.slice(0, 5)) {
					const response = await openStream({ cookie: guestCookie }, controller);
					expect(response.status).toBe(200);
					expect((await firstFrame(response))?.event).toBe('snapshot');
				}
				const sixth = await openStream({ cookie: guestCookie }, controllers[5]!);
				expect(sixth.status).toBe(429);
				expect(await sixth.text()).toBe(translate('de', 'live.stream.tooManyOfYours', { max: 5 }));
				controllers[0]!.abort();
				await expect
					.poll(async () => {
						const retry = new AbortController();
						controllers.push(retry);
						return (await openStream({ cookie: guestCookie }, retry)).status;
					})
					.toBe(200);
			} finally {
				for (const controller of controllers) controller.abort();
			}
		});

		// Last of this app's tests: afterwards this client address is refused for a while.
		it('answers guessing of join codes with 429 after 30 unknown codes, on the page, the API and the stream', async () => {
			const unknown = (index: number) => String(100_000 + ((Number(code) + 1 + index * 7919) % 900_000));
			for (let index = 0; index < 30; index += 1) {
				const response = await fetch(api(`/live/${unknown(index)}`));
				expect(response.status).toBe(404);
				await problemOf(response);
			}
			const refused = await fetch(api(`/live/${code}`));
			expect(refused.status).toBe(429);
			expect((await problemOf(refused)).title).toMatch(/^Von Ihrer Adresse aus wurden zu viele Codes/);
			const page = await fetch(`${app!.baseUrl}/live/${code}`);
			expect(page.status).toBe(429);
			const html = await page.text();
			expect(html).toContain('Zu viele Anfragen');
			expect(html).toContain('Von Ihrer Adresse aus wurden zu viele Codes');
			const stream = await fetch(`${app!.baseUrl}/live/${code}/events`);
			expect(stream.status).toBe(429);
			await stream.arrayBuffer();
			// The joined guest (same address) keeps the session.
			const guestView = await fetch(api(`/live/${code}`), { headers: { cookie: guestCookie } });
			expect(guestView.status).toBe(200);
			expect(LiveViewResponse.parse(await guestView.json()).joined).toBe(true);
		});
	});
}

describe('the live operations in the OpenAPI document', () => {
	it('lists every live endpoint under the tag live', () => {
		const document = buildOpenApiDocument('http://localhost') as {
			paths: Record<string, Record<string, { tags: string[]; operationId: string }>>;
		};
		const live = Object.entries(document.paths).flatMap(([path, methods]) =>
			Object.entries(methods)
				.filter(([, operation]) => operation.tags.includes('live'))
				.map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`)
		);
		expect(live.sort()).toEqual(
			[
				'GET /live/{code} getLiveView',
				'POST /live/{code}/participants joinLive',
				'POST /live/{code}/votes castLiveVote',
				'GET /meetings/{series}/{number}/live getLiveCockpit',
				'POST /meetings/{series}/{number}/live/start startLive',
				'POST /meetings/{series}/{number}/live/actions moderateLive',
				'GET /meetings/{series}/{number}/live/results getLiveResults'
			].sort()
		);
	});
});
