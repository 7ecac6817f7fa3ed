import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n/translate';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { copyBuild, startApp, type AppProcess } from './live-app';
import { runningLiveMeeting } from './live-fixtures';

/**
 * The live vote's fast path (scripts/server.js → lib/server/http/vote-fast-path.ts) against the
 * built app: two instances on one SQLite file, one with the fast path and one with
 * LIVE_VOTE_FAST_PATH=off (every vote through SvelteKit's route, as before), get the same
 * requests and must answer alike — status, headers, problem document — besides the answer this
 * test expects. The fast path is HTTP glue over the same services, so one database serves.
 */
let build: { dir: string; remove: () => void } | undefined;
let dataDir = '';
let setup: { code: string; questionId: string; guests: string[]; otherQuestionId: string };
const apps: Record<'fast' | 'route', { app?: AppProcess; output: string }> = {
	fast: { output: '' },
	route: { output: '' }
};

beforeAll(async () => {
	build = copyBuild();
	dataDir = mkdtempSync(join(tmpdir(), 'nws-fast-vote-'));
	const url = `sqlite:${join(dataDir, 'votes.sqlite')}`;
	const handle = await openDatabase(url);
	try {
		await migrateToLatest(handle.db);
		const live = await runningLiveMeeting(handle.db);
		const guests: string[] = [];
		for (const name of ['Anna', 'Bernd']) {
			const guest = await live.guest(name);
			guests.push([...guest.jar].map(([key, value]) => `${key}=${value}`).join('; '));
		}
		await live.bus.close();
		setup = { code: live.code, questionId: live.ids.single, guests, otherQuestionId: live.ids.multiple };
	} finally {
		await handle.close();
	}
	for (const [name, entry] of Object.entries(apps))
		entry.app = await startApp(build.dir, { DATABASE_URL: url, DATA_DIR: dataDir }, undefined, {
			env: { LOG_LEVEL: 'info', ...(name === 'route' ? { LIVE_VOTE_FAST_PATH: 'off' } : {}) },
			output: (chunk) => (entry.output += chunk)
		});
}, 600_000);

afterAll(async () => {
	for (const entry of Object.values(apps)) await entry.app?.stop();
	build?.remove();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** Headers that differ from one response to the next, whoever answers. */
const VARYING = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

/** Sends the same request to both instances (our own origin each, unless `origin` is given). */
async function both(
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string; origin?: string | null } = {}
): Promise<Record<'fast' | 'route', Answer>> {
	const answers = {} as Record<'fast' | 'route', Answer>;
	for (const name of ['fast', 'route'] as const) {
		const baseUrl = apps[name].app!.baseUrl;
		const origin = init.origin === undefined ? baseUrl : init.origin;
		const response = await fetch(`${baseUrl}${path}`, {
			method: init.method ?? 'POST',
			headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}), ...init.headers },
			body: init.body
		});
		answers[name] = {
			status: response.status,
			headers: Object.fromEntries(response.headers),
			body: await response.text()
		};
	}
	return answers;
}

/** The two answers agree on everything but the request id; returns the fast path's, its body parsed. */
function alike(answers: Record<'fast' | 'route', Answer>) {
	const comparable = ({ status, headers, body }: Answer) => {
		const parsed = headers['content-type']?.includes('json')
			? (JSON.parse(body) as Record<string, unknown>)
			: body;
		if (typeof parsed === 'object') {
			expect(parsed.requestId ?? headers['x-request-id']).toBe(headers['x-request-id']);
			delete parsed.requestId;
		}
		const kept = Object.entries(headers).filter(([name]) => !VARYING.has(name));
		return { status, headers: Object.fromEntries(kept), body: parsed };
	};
	const fast = comparable(answers.fast);
	expect(fast).toEqual(comparable(answers.route));
	return fast as { status: number; headers: Record<string, string>; body: Record<string, unknown> };
}

const votes = () => `/api/v1/live/${setup.code}/votes`;
const vote = (answer: string[], questionId = setup.questionId) => JSON.stringify({ questionId, answer });

describe('the live vote served ahead of SvelteKit', () => {
	it('runs in the instance that has it, and not in the other', () => {
		expect(apps.fast.output).toContain('(live votes ahead of SvelteKit)');
		expect(apps.route.output).not.toContain('(live votes ahead of SvelteKit)');
	});

	it('acknowledges a good vote with 200 once committed, with the security headers', async () => {
		const answers = await both(votes(), {
			headers: { cookie: setup.guests[0]!, 'x-request-id': 'probe-vote-1' },
			body: vote(['verein'])
		});
		const fast = alike(answers);
		expect(fast.status).toBe(200);
		expect(fast.body).toEqual({ questionId: setup.questionId });
		expect(fast.headers).toMatchObject({
			'content-type': 'application/json',
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
			'x-content-type-options': 'nosniff',
			'x-frame-options': 'DENY',
			'referrer-policy': 'strict-origin-when-cross-origin'
		});
		expect(answers.fast.headers['x-request-id']).toBe('probe-vote-1');
		// Acknowledged means stored: another instance reading the file sees the answer at once.
		const view = await fetch(`${apps.route.app!.baseUrl}/api/v1/live/${setup.code}`, {
			headers: { cookie: setup.guests[0]! }
		});
		const myAnswers = ((await view.json()) as { myAnswers: Record<string, string[]> }).myAnswers;
		expect(myAnswers[setup.questionId]).toEqual(['verein']);
		// The request log line names the path without the join code.
		await expect
			.poll(() => apps.fast.output)
			.toMatch(
				/"requestId":"probe-vote-1","method":"POST","path":"\/api\/v1\/live\/\[redacted\]\/votes","status":200/
			);
	});

	it('refuses a cookie-authenticated vote from another origin or without one with 403', async () => {
		for (const origin of ['http://evil.invalid', null]) {
			const fast = alike(
				await both(votes(), { origin, headers: { cookie: setup.guests[1]! }, body: vote(['andere']) })
			);
			expect(fast.status).toBe(403);
			expect(fast.headers['content-type']).toBe('application/problem+json; charset=utf-8');
			expect(fast.body.title).toBe(translate('de', 'api.crossOriginRefused'));
		}
	});

	it('answers a bad body with a 400 problem document naming the path', async () => {
		const invalidJson = alike(
			await both(votes(), { headers: { cookie: setup.guests[1]! }, body: '{"questionId":' })
		);
		expect(invalidJson.status).toBe(400);
		expect(invalidJson.body.errors).toMatchObject([{ path: '' }]);
		const wrongShape = alike(
			await both(votes(), { headers: { cookie: setup.guests[1]! }, body: '{"questionId":5}' })
		);
		expect(wrongShape.status).toBe(400);
		expect((wrongShape.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
			'/answer',
			'/questionId'
		]);
		// In the reader's language (the locale cookie), as every problem document.
		for (const locale of ['de', 'en'] as const) {
			const unknownOption = alike(
				await both(votes(), {
					headers: { cookie: `${setup.guests[1]!}; nws_lang=${locale}` },
					body: vote(['x'], setup.otherQuestionId)
				})
			);
			expect(unknownOption.status).toBe(400);
			const count = (unknownOption.body.errors as unknown[]).length;
			expect(unknownOption.body.title).toBe(translate(locale, 'form.errorSummary', { count }));
		}
	});

	it('refuses someone who has not joined with 403', async () => {
		for (const cookie of ['', `nws_live_unknown=abc; ${setup.guests[1]!.split('=')[0]}=not-a-guest`]) {
			const fast = alike(await both(votes(), { headers: { cookie }, body: vote(['verein']) }));
			expect(fast.status).toBe(403);
			expect(fast.body.type).toBe('/api/v1/problems/forbidden');
		}
	});

	it('answers an over-large body with a 413 problem document', async () => {
		const body = JSON.stringify({ questionId: setup.questionId, answer: ['x'.repeat(600 * 1024)] });
		const fast = alike(await both(votes(), { headers: { cookie: setup.guests[1]! }, body }));
		expect(fast.status).toBe(413);
		expect(fast.body).toMatchObject({ type: '/api/v1/problems/payload-too-large', status: 413 });
	});

	it('leaves other methods and form posts to SvelteKit, which answers both instances alike', async () => {
		expect(alike(await both(votes(), { method: 'GET' })).status).toBe(405);
		const form = await both(votes(), {
			origin: 'http://evil.invalid',
			headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: setup.guests[1]! },
			body: 'questionId=x'
		});
		expect(alike(form).status).toBe(403);
	});

	it('answers unknown codes with 404, counted by the lookup limiter (429 after 30)', async () => {
		for (let index = 0; index < 30; index += 1) {
			const unknown = String(100_000 + ((Number(setup.code) + 1 + index * 7919) % 900_000));
			const fast = alike(
				await both(`/api/v1/live/${unknown}/votes`, { headers: { cookie: setup.guests[1]! }, body: vote([]) })
			);
			expect(fast.status).toBe(404);
			expect(fast.body.type).toBe('/api/v1/problems/not-found');
		}
		const blocked = alike(await both('/api/v1/live/999999/votes', { body: vote(['verein']) }));
		expect(blocked.status).toBe(429);
		// The same limiter as the pages': the address is refused there too.
		for (const name of ['fast', 'route'] as const) {
			const page = await fetch(`${apps[name].app!.baseUrl}/api/v1/live/999998`);
			expect(page.status, name).toBe(429);
			await page.arrayBuffer();
		}
	});
});
