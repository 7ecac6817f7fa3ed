import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { actorForUser } from '../../src/lib/server/services/auth';

export const e2e = inject('e2e');
export const isE2eAvailable = e2e.chromiumPath !== '';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export type JsMode = 'with JavaScript' | 'without JavaScript';

export interface BrowserSession {
	readonly page: Page;
	readonly context: BrowserContext;
	readonly hasJavaScript: boolean;
	/** Goes to a path of the app and checks the page with axe. */
	visit(path: string): Promise<Page>;
}

/**
 * Runs a block of end-to-end tests twice, with JavaScript and without. Each run gets its own
 * browser context (so its own cookies). Pass `needsJavaScript` for flows that cannot work
 * without it: their no-JavaScript run is skipped, and says so.
 */
export function inBothModes(
	title: string,
	define: (session: BrowserSession) => void,
	options: { needsJavaScript?: boolean } = {}
): void {
	for (const hasJavaScript of [true, false]) {
		const mode: JsMode = hasJavaScript ? 'with JavaScript' : 'without JavaScript';
		const skip = !isE2eAvailable || (!hasJavaScript && options.needsJavaScript === true);
		describe.skipIf(skip)(`${title} (${mode})`, () => {
			let browser: Browser;
			let context: BrowserContext;
			let page: Page;
			beforeAll(async () => {
				browser = await chromium.launch({ executablePath: e2e.chromiumPath, args: CHROMIUM_ARGS });
				context = await browser.newContext({
					javaScriptEnabled: hasJavaScript,
					baseURL: e2e.baseUrl,
					locale: 'de-DE'
				});
				page = await context.newPage();
			});
			afterAll(async () => {
				await context?.close();
				await browser?.close();
			});
			define({
				get page() {
					return page;
				},
				get context() {
					return context;
				},
				hasJavaScript,
				async visit(path: string) {
					const response = await page.goto(path);
					expect(response?.status(), `status of ${path}`).toBeLessThan(400);
					await expectAccessible(page);
					return page;
				}
			});
		});
	}
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Checks the page against WCAG 2.1 A and AA with axe: there must be no violation.
 *
 * axe needs JavaScript (it waits on timers), which a no-JavaScript context does not run. There
 * the page's HTML, as the server sent it and without its scripts, is checked in a JavaScript-
 * enabled context at the same address, so styles and layout are the same as the user sees.
 */
export async function expectAccessible(page: Page): Promise<void> {
	const target = (await isJavaScriptContext(page)) ? page : await mirrorWithoutScripts(page);
	try {
		await checkWithAxe(target, page.url());
	} finally {
		if (target !== page) await target.context().close();
	}
}

const javaScriptContexts = new WeakMap<BrowserContext, boolean>();

async function isJavaScriptContext(page: Page): Promise<boolean> {
	const known = javaScriptContexts.get(page.context());
	if (known !== undefined) return known;
	// A context without JavaScript still answers evaluate(), but never runs a timer.
	const ranTimer = page
		.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0)))
		.catch(() => false);
	const result = await Promise.race([
		ranTimer,
		new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))
	]);
	javaScriptContexts.set(page.context(), result);
	return result;
}

async function mirrorWithoutScripts(page: Page): Promise<Page> {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const browser = page.context().browser();
	if (!browser) throw new Error('No browser behind the page');
	const mirror = await (await browser.newContext({ baseURL: e2e.baseUrl })).newPage();
	const url = page.url();
	await mirror.route(url, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
	);
	await mirror.goto(url);
	return mirror;
}

async function checkWithAxe(page: Page, url: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const summary = results.violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${url}`).toEqual([]);
}

/** Signs in through the login form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
	// Wait until the scripts ran: hydration must not meet half-typed fields (seen on a loaded machine).
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel(/E-Mail|Email/).fill(email);
	await page.getByLabel(/Passwort|Password/).fill(password);
	await page.getByRole('button', { name: /Anmelden|Sign in/ }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Runs `work` on the running app's database (its SQLite file) as the e2e organizer, e.g. to
 * import a fresh meeting for a test.
 */
export async function asE2eOrganizer<T>(
	work: (db: Kysely<Database>, actor: Actor) => Promise<T>
): Promise<T> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const user = await handle.db
			.selectFrom('users')
			.select('id')
			.where('email', '=', e2e.organizer.email)
			.executeTakeFirstOrThrow();
		return await work(handle.db, await actorForUser(handle.db, user.id));
	} finally {
		await handle.close();
	}
}
