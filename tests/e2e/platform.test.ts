import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2e, isE2eAvailable } from './browser';

describe.skipIf(!isE2eAvailable)('platform', () => {
	it('answers /healthz with 200 while the database is reachable', async () => {
		const response = await fetch(`${e2e.baseUrl}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('sets the security headers on pages and on API responses', async () => {
		for (const path of ['/', '/api/v1/openapi.json']) {
			const response = await fetch(`${e2e.baseUrl}${path}`);
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(csp, path).not.toMatch(/https?:\/\//);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			expect(response.headers.get('x-request-id'), path).toBeTruthy();
		}
	});

	it('takes a request id from the caller when it is well-formed', async () => {
		const response = await fetch(`${e2e.baseUrl}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
		expect(response.headers.get('x-request-id')).toBe('trace-123');
		const bad = await fetch(`${e2e.baseUrl}/healthz`, { headers: { 'x-request-id': 'no spaces <allowed>' } });
		expect(bad.headers.get('x-request-id')).not.toBe('no spaces <allowed>');
	});

	it('serves an OpenAPI 3.1 document whose every operation exists', async () => {
		const response = await fetch(`${e2e.baseUrl}/api/v1/openapi.json`);
		expect(response.status).toBe(200);
		const document = (await response.json()) as {
			openapi: string;
			paths: Record<string, Record<string, { operationId: string }>>;
		};
		expect(document.openapi).toBe('3.1.0');
		for (const [path, methods] of Object.entries(document.paths)) {
			for (const method of Object.keys(methods)) {
				const concrete = path
					.replace('{series}', 'no-such-series')
					.replace('{number}', '1')
					.replace(/\{\w+\}/g, 'x');
				const probe = await fetch(`${e2e.baseUrl}/api/v1${concrete}`, {
					method: method.toUpperCase(),
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: method === 'get' || method === 'delete' ? undefined : '{}'
				});
				// The route exists: it may refuse (401, 403, 404 for the unknown series, 400), but never 405.
				expect(probe.status, `${method.toUpperCase()} ${path}`).not.toBe(405);
				if (probe.status >= 400) {
					expect(probe.headers.get('content-type'), `${method.toUpperCase()} ${path}`).toContain(
						'application/problem+json'
					);
				}
			}
		}
	});

	it('shows on the error page the message the route passed, in the reader’s language', async () => {
		const german = await fetch(`${e2e.baseUrl}/series/no-such-series/7`);
		expect(german.status).toBe(404);
		const html = await german.text();
		expect(html).toContain('Dieses Treffen gibt es nicht.');
		expect(html).not.toContain('Diese Seite gibt es nicht.');
		const english = await fetch(`${e2e.baseUrl}/series/no-such-series/7`, {
			headers: { cookie: 'nws_lang=en' }
		});
		expect(await english.text()).toContain('This meeting does not exist.');
	});

	it('refuses a cross-site form post', async () => {
		const response = await fetch(`${e2e.baseUrl}/login`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'http://evil.invalid',
				accept: 'text/html'
			},
			body: 'email=a%40b.de&password=x'
		});
		expect(response.status).toBe(403);
	});

	it('shuts down cleanly on SIGTERM', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'nws-sigterm-'));
		const port = 20000 + Math.floor(Math.random() * 20000);
		const server = spawn(process.execPath, [join(e2e.buildDir, 'index.js')], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				DATA_DIR: dataDir,
				DATABASE_URL: `sqlite:${join(dataDir, 'db.sqlite')}`,
				DEMO_DATA: 'off',
				LOG_LEVEL: 'info'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		try {
			for (let attempt = 0; attempt < 150; attempt++) {
				const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
					(r) => r.ok,
					() => false
				);
				if (ok) break;
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
			server.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(output).toContain('shutting down');
		} finally {
			server.kill('SIGKILL');
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
