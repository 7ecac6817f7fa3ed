import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { factories } from '../helpers/factories';
import { copyBuild, startApp, type AppProcess } from './live-app';

/**
 * What the request hook and the redirecting routes do, against the built app: HSTS only when
 * ORIGIN is https, no tokens in the request log, no redirect to another host. These are
 * properties of the HTTP layer, not of a database, so one SQLite file serves.
 */
let build: { dir: string; remove: () => void } | undefined;
let dataDir = '';
let account: { email: string; password: string };
beforeAll(async () => {
	build = copyBuild();
	dataDir = mkdtempSync(join(tmpdir(), 'nws-http-'));
	const handle = await openDatabase(`sqlite:${join(dataDir, 'http.sqlite')}`);
	try {
		await migrateToLatest(handle.db);
		account = await factories(handle.db).organizer();
	} finally {
		await handle.close();
	}
}, 600_000);
afterAll(() => {
	build?.remove();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const database = () => ({ DATABASE_URL: `sqlite:${join(dataDir, 'http.sqlite')}`, DATA_DIR: dataDir });

describe('the app behind an https ORIGIN', () => {
	const origin = 'https://netzwerkstatt.test';
	let app: AppProcess | undefined;
	let log = '';
	beforeAll(async () => {
		app = await startApp(build!.dir, database(), undefined, {
			env: { ORIGIN: origin, LOG_LEVEL: 'info' },
			output: (chunk) => (log += chunk)
		});
	}, 120_000);
	afterAll(() => app?.stop());

	it('sends Strict-Transport-Security', async () => {
		const response = await fetch(`${app!.baseUrl}/`);
		expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
	});

	it('logs requests with tokens and join codes without them', async () => {
		const secrets = ['Conf1rmT0ken_abcdefghij', 'Man4geT0ken_abcdefghij', 'L1nkT0ken_abcdefghij', '482913'];
		const paths = [
			`/registrations/confirm/${secrets[0]}`,
			`/registrations/manage/${secrets[1]}`,
			`/login/link/${secrets[2]}`,
			`/live/${secrets[3]}`,
			`/api/v1/live/${secrets[3]}`
		];
		for (const path of paths)
			await (await fetch(`${app!.baseUrl}${path}`, { redirect: 'manual' })).arrayBuffer();
		const logged = (path: string) =>
			log
				.split('\n')
				.some((line) => line.includes('"msg":"request"') && line.includes(`"path":"${path}[redacted]"`));
		for (const path of [
			'/registrations/confirm/',
			'/registrations/manage/',
			'/login/link/',
			'/live/',
			'/api/v1/live/'
		])
			await expect.poll(() => logged(path), { message: path }).toBe(true);
		for (const secret of secrets) expect(log, secret).not.toContain(secret);
	});

	it('redirects the language switch and the sign-in only to paths on our own origin', async () => {
		const language = async (next: string) => {
			const response = await fetch(`${app!.baseUrl}/language/en?next=${next}`, { redirect: 'manual' });
			expect(response.status).toBe(303);
			return response.headers.get('location');
		};
		expect(await language('/%09/evil.example')).toBe('/');
		expect(await language('/%5C/evil.example')).toBe('/');
		expect(await language('//evil.example')).toBe('/');
		expect(await language('https://evil.example/')).toBe('/');
		expect(await language('/.//evil.example')).toBe('/');
		expect(await language(encodeURIComponent('/series?page=2'))).toBe('/series?page=2');

		const signIn = async (next: string) => {
			const response = await fetch(`${app!.baseUrl}/login?next=${next}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
				body: new URLSearchParams({ email: account.email, password: account.password })
			});
			expect(response.status).toBe(303);
			return response.headers.get('location');
		};
		expect(await signIn('/%09/evil.example')).toBe('/');
		expect(await signIn('/%0d%0a/evil.example')).toBe('/');
		expect(await signIn(encodeURIComponent('/manage'))).toBe('/manage');
	});
});

describe('the app behind an http ORIGIN', () => {
	let app: AppProcess | undefined;
	beforeAll(async () => {
		app = await startApp(build!.dir, database());
	}, 120_000);
	afterAll(() => app?.stop());

	it('sends no Strict-Transport-Security', async () => {
		const response = await fetch(`${app!.baseUrl}/`);
		expect(response.status).toBe(200);
		expect(response.headers.has('strict-transport-security')).toBe(false);
	});
});
