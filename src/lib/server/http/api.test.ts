import { error, type RequestEvent } from '@sveltejs/kit';
import { translateMessage } from '../../i18n/translate';
import { describe, expect, it } from 'vitest';
import { apiHandler } from './api';

const ORIGIN = 'https://netzwerkstatt.test';

/** The parts of a RequestEvent that apiHandler reads. */
function event(
	method: string,
	authenticatedBy: 'session' | 'token' | 'none',
	origin: string | undefined
): RequestEvent {
	const headers: Record<string, string> = origin ? { origin } : {};
	return {
		request: new Request(`${ORIGIN}/api/v1/live/123456/votes`, { method, headers }),
		url: new URL(`${ORIGIN}/api/v1/live/123456/votes`),
		locals: { authenticatedBy, locale: 'de', requestId: 'test' }
	} as unknown as RequestEvent;
}

async function statusOf(handler: ReturnType<typeof apiHandler>, request: RequestEvent): Promise<number> {
	return (await handler(request as Parameters<typeof handler>[0])).status;
}

describe('apiHandler: requests from another origin', () => {
	const ok = async () => ({ ok: true });

	it('refuses a session-authenticated change from another origin, lets others through', async () => {
		const handler = apiHandler(ok);
		expect(await statusOf(handler, event('POST', 'session', 'https://evil.example'))).toBe(403);
		expect(await statusOf(handler, event('POST', 'session', ORIGIN))).toBe(200);
		expect(await statusOf(handler, event('GET', 'session', 'https://evil.example'))).toBe(200);
		// Without a session cookie the plain check has nothing to protect.
		expect(await statusOf(handler, event('POST', 'none', 'https://evil.example'))).toBe(200);
	});

	it('with guestCookies, refuses every request not from our origin unless it carries an API token', async () => {
		const handler = apiHandler(ok, { guestCookies: true });
		for (const authenticatedBy of ['none', 'session'] as const) {
			expect(await statusOf(handler, event('POST', authenticatedBy, 'https://evil.example'))).toBe(403);
			expect(await statusOf(handler, event('POST', authenticatedBy, undefined))).toBe(403);
			expect(await statusOf(handler, event('POST', authenticatedBy, ORIGIN))).toBe(200);
		}
		expect(await statusOf(handler, event('POST', 'token', 'https://evil.example'))).toBe(200);
		expect(await statusOf(handler, event('POST', 'token', undefined))).toBe(200);
	});

	it('answers the refusal as a problem document naming the reason', async () => {
		const response = await apiHandler(ok, { guestCookies: true })(
			event('POST', 'none', 'https://evil.example') as Parameters<ReturnType<typeof apiHandler>>[0]
		);
		expect(response.headers.get('content-type')).toContain('application/problem+json');
		expect(await response.json()).toMatchObject({ status: 403 });
	});
});

describe('apiHandler: SvelteKit errors', () => {
	it("answers error(404, key) thrown in a route as a 404 problem with the key's message, not as a 500", async () => {
		const handler = apiHandler(() => error(404, 'error.notFound'));
		const response = await handler(event('GET', 'none', undefined) as Parameters<typeof handler>[0]);
		expect(response.status).toBe(404);
		const problem = (await response.json()) as { type: string; title: string };
		expect(problem.type).toBe('/api/v1/problems/not-found');
		expect(problem.title).toBe(translateMessage('de', { key: 'error.notFound' }));
	});
});
