import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { Actor } from '../../src/lib/domain/policy';
import { openDatabase } from '../../src/lib/server/db/connect';
import type { Database } from '../../src/lib/server/db/schema';
import { actorForUser } from '../../src/lib/server/services/auth';

export const e2e = inject('e2e');
export const isE2eAvailable = e2e.chromiumPath !== '';

export type JsMode = 'with JavaScript' | 'without JavaScript';

/** How a page is checked with axe (see `expectAccessible`). */
export interface AxeOptions {
	/**
	 * Names the page's state where its structure alone does not tell two states apart, e.g.
	 * `'poll open'`. Pages of one route in one state are checked once per run.
	 */
	state?: string;
	/** Checks even when this page type and state were checked already in this run. */
	always?: boolean;
}

export interface BrowserSession {
	readonly page: Page;
	readonly context: BrowserContext;
	readonly hasJavaScript: boolean;
	/**
	 * Goes to a path of the app, expects a status below 400 and checks the page with axe (once
	 * per page type and state in a run, see `expectAccessible`).
	 */
	visit(path: string, axe?: AxeOptions): Promise<Page>;
}

let fileBrowser: Promise<Browser> | undefined;

/**
 * The test file's connection to the run's one Chromium (launched by the global setup), made on
 * first use and shared by all its describe blocks (each gets its own context, so its own
 * cookies). Closed after the file by `closeBrowser` (the e2e project's setup file
 * `tests/e2e/per-file.ts` registers it), which also closes every context the file left open.
 */
export async function sharedBrowser(): Promise<Browser> {
	const running = await fileBrowser?.catch(() => undefined);
	if (running?.isConnected()) return running;
	fileBrowser = chromium.connect(e2e.browserEndpoint);
	return fileBrowser;
}

/** Ends the test file's connection to the browser and its contexts (if it connected). */
export async function closeBrowser(): Promise<void> {
	const connected = fileBrowser;
	fileBrowser = undefined;
	await (await connected?.catch(() => undefined))?.close();
}

/**
 * Runs a block of end-to-end tests twice, with JavaScript and without. Each run gets its own
 * browser context (so its own cookies) in the file's one browser. Pass `needsJavaScript` for
 * flows that cannot work without it: their no-JavaScript run is skipped, and says so.
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
			let context: BrowserContext;
			let page: Page;
			beforeAll(async () => {
				context = await (
					await sharedBrowser()
				).newContext({
					javaScriptEnabled: hasJavaScript,
					baseURL: e2e.baseUrl,
					locale: 'de-DE'
				});
				page = await context.newPage();
			});
			afterAll(async () => {
				await context?.close();
			});
			define({
				get page() {
					return page;
				},
				get context() {
					return context;
				},
				hasJavaScript,
				async visit(path: string, axe: AxeOptions = {}) {
					const response = await page.goto(path);
					expect(response?.status(), `status of ${path}`).toBeLessThan(400);
					if (hasJavaScript) await untilStarted(page);
					await expectAccessible(page, axe);
					return page;
				}
			});
		});
	}
}

/**
 * Goes to a path and, with JavaScript, waits until SvelteKit's client started there, for tests
 * that type into the page next (without the wait, hydration may meet half-typed fields).
 */
export async function gotoStarted(page: Page, path: string): Promise<void> {
	const before = withoutHash(page.url());
	await page.goto(path);
	// Only a new fragment of the page shown (`…/live#breakouts` from `…/live`): no new document.
	const isSameDocument = new URL(page.url()).hash !== '' && withoutHash(page.url()) === before;
	if (!isSameDocument && (await isJavaScriptContext(page))) await untilStarted(page);
}

const withoutHash = (url: string) => url.replace(/#.*$/, '');

/**
 * Waits until SvelteKit's client started on the page (it marks the history entry first thing),
 * so that a test does not type into fields that hydration is about to take over. Pages that
 * never start (a download, an error without scripts) are left as they are after a while, and named.
 */
async function untilStarted(page: Page): Promise<void> {
	await page
		.waitForFunction(
			() => (history.state as Record<string, unknown> | null)?.['sveltekit:history'] !== undefined,
			undefined,
			{ timeout: 15_000 }
		)
		.catch(() => console.warn(`SvelteKit's client did not start on ${page.url()} within 15 s`));
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Checks the page against WCAG 2.1 A and AA with axe: there must be no violation.
 *
 * To keep the tier fast, each page type is checked once per run: the key is the page's route
 * (from `src/routes`), its status, the shape of its markup (which elements, roles, input types
 * and ARIA states it has, so an error summary, an open poll or an empty list is a state of its
 * own) and `state` when given. A repeat visit of a checked page type and state is not checked
 * again, in this file or a later one of the same run. `always: true`, or
 * `E2E_AXE_EVERY_PAGE=1` for the whole run, checks anyway.
 *
 * axe needs JavaScript (it waits on timers), which a no-JavaScript context does not run. There
 * the page's HTML, as the server sent it and without its scripts, is checked in a JavaScript-
 * enabled context at the same address, so styles and layout are the same as the user sees.
 */
export async function expectAccessible(page: Page, options: AxeOptions = {}): Promise<void> {
	// Callers type into the page next. Before checks were skipped for known page types, axe's own
	// run gave hydration the time it needs; now the wait is explicit, checked or not.
	const hasJavaScript = await isJavaScriptContext(page);
	if (hasJavaScript) await untilStarted(page);
	const html = await page.content();
	const key = pageTypeKey(page.url(), html, options.state);
	if (!options.always && process.env.E2E_AXE_EVERY_PAGE !== '1' && checkedPageTypes().has(key)) return;
	const target = hasJavaScript ? page : await mirrorWithoutScripts(page, html);
	try {
		await checkWithAxe(target, page.url());
	} finally {
		if (target !== page) await target.context().close();
	}
	rememberChecked(key);
}

// ---- Which page types were checked in this run ----------------------------------------------
// Test files run one after another (fileParallelism: false), each in its own module scope, so
// the run's list lives in a file in the run's data folder.

const checkedFile = () => join(e2e.dataDir, 'axe-checked-page-types.txt');
let checked: Set<string> | undefined;

function checkedPageTypes(): Set<string> {
	checked ??= new Set(
		existsSync(checkedFile()) ? readFileSync(checkedFile(), 'utf8').split('\n').filter(Boolean) : []
	);
	return checked;
}

function rememberChecked(key: string): void {
	checkedPageTypes().add(key);
	appendFileSync(checkedFile(), `${key}\n`);
}

function pageTypeKey(url: string, html: string, state: string | undefined): string {
	const { pathname } = new URL(url);
	const route = routeOf(pathname) ?? `path:${pathname}`;
	return [route, markupShape(html), state ?? ''].join(' | ');
}

/**
 * A fingerprint of the markup's structure, not its text: the set of element kinds in the body
 * (tag, role, input type, ARIA attributes, and the values of the ARIA states that change what
 * assistive technology announces).
 */
function markupShape(html: string): string {
	const bodyStart = html.search(/<body[\s>]/i);
	const body = (bodyStart >= 0 ? html.slice(bodyStart) : html)
		.replace(/<script\b[\s\S]*?<\/script>/gi, '')
		.replace(/<style\b[\s\S]*?<\/style>/gi, '');
	const shapes = new Set<string>();
	for (const [, tagName, attributes = ''] of body.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
		// SvelteKit's route announcer exists only with JavaScript; it does not make a state.
		if (/\sid="svelte-announcer"/.test(attributes)) continue;
		const role = /\srole="([^"]*)"/.exec(attributes)?.[1];
		const type = /\stype="([^"]*)"/.exec(attributes)?.[1];
		const aria = [...attributes.matchAll(/\s(aria-[\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) =>
			/^aria-(invalid|expanded|hidden|checked|pressed|selected|current|live|busy|disabled)$/.test(name!)
				? `${name}=${value ?? ''}`
				: name!
		);
		shapes.add(
			[tagName!.toLowerCase(), role && `role=${role}`, type && `type=${type}`, ...aria.sort()]
				.filter(Boolean)
				.join(' ')
		);
	}
	return createHash('sha256')
		.update([...shapes].sort().join('\n'))
		.digest('hex')
		.slice(0, 16);
}

// ---- Route ids from src/routes ----------------------------------------------------------------

interface RoutePattern {
	id: string;
	pattern: RegExp;
	/** Static segments count more than parameters when two routes match, as in SvelteKit. */
	rank: number[];
}

let routePatterns: RoutePattern[] | undefined;

/** The SvelteKit route id (e.g. `/series/[series]/[number]`) of a path, or undefined. */
export function routeOf(pathname: string): string | undefined {
	routePatterns ??= readRoutes();
	const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
	const matches = routePatterns.filter((route) => route.pattern.test(path));
	matches.sort((a, b) => compareRanks(b.rank, a.rank));
	return matches[0]?.id;
}

function compareRanks(a: number[], b: number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
		const difference = (a[i] ?? -1) - (b[i] ?? -1);
		if (difference !== 0) return difference;
	}
	return 0;
}

function readRoutes(): RoutePattern[] {
	const root = join(import.meta.dirname, '..', '..', 'src', 'routes');
	const ids: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir);
		if (entries.some((entry) => /^\+page(\.server)?\.(svelte|ts|js)$/.test(entry)))
			ids.push(`/${relative(root, dir).split(sep).join('/')}`.replace(/\/$/, '') || '/');
		for (const entry of entries) if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
	};
	walk(root);
	return ids.map((id) => {
		const segments = id.split('/').filter((segment) => segment && !/^\(.*\)$/.test(segment));
		let source = '';
		const rank: number[] = [];
		for (const segment of segments) {
			if (/^\[\[.*\]\]$/.test(segment)) {
				source += '(?:/[^/]+)?';
				rank.push(0);
			} else if (/^\[\.\.\..*\]$/.test(segment)) {
				source += '(?:/.*)?';
				rank.push(-1);
			} else {
				source += `/${segment
					.split(/(\[[^\]]+\])/)
					.map((part) => (part.startsWith('[') ? '[^/]+' : part.replace(/[.*+?^${}()|\\]/g, '\\$&')))
					.join('')}`;
				rank.push(segment.includes('[') ? 1 : 2);
			}
		}
		return { id, pattern: new RegExp(`^${source || '/'}$`), rank };
	});
}

// ---- axe --------------------------------------------------------------------------------------

/**
 * Whether the page's context runs scripts: the CSS media feature `scripting` says so at once
 * (evaluate() itself works in either context), where a timer race would guess on a busy machine.
 */
async function isJavaScriptContext(page: Page): Promise<boolean> {
	return page.evaluate(() => matchMedia('(scripting: enabled)').matches);
}

async function mirrorWithoutScripts(page: Page, html: string): Promise<Page> {
	const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const browser = page.context().browser();
	if (!browser) throw new Error('No browser behind the page');
	const mirror = await (await browser.newContext({ baseURL: e2e.baseUrl })).newPage();
	const url = page.url();
	await mirror.route(url, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: withoutScripts })
	);
	await mirror.goto(url);
	return mirror;
}

/**
 * axe-core's minified build, injected once per checked page. Running `axe.run` directly, with
 * only violations collected, costs about half of `@axe-core/playwright`'s run (which sends the
 * 1.5 MB unminified source, and again into a blank page to combine the results): a second or
 * more per check on this machine, some 130 s of the tier.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function checkWithAxe(page: Page, url: string): Promise<void> {
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async (tags) => {
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		const results = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return results.violations.map(({ id, impact, help, nodes }) => ({
			id,
			impact: impact ?? null,
			help,
			nodes: nodes.map((node) => ({ target: node.target.map(String) }))
		}));
	}, WCAG_TAGS);
	const summary = violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${url}`).toEqual([]);
}

// ---- Helpers ------------------------------------------------------------------------------------

/** Signs in through the login form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
	// Hydration must not meet half-typed fields (seen on a loaded machine).
	await gotoStarted(page, '/login');
	const fields = [
		{ field: page.getByLabel(/E-Mail|Email/), value: email },
		{ field: page.getByLabel(/Passwort|Password/), value: password }
	];
	// Typed again if hydration cleared it meanwhile: a cleared password is a failed sign-in.
	for (const { field, value } of fields) await field.fill(value);
	for (const { field, value } of fields) if ((await field.inputValue()) !== value) await field.fill(value);
	await page.getByRole('button', { name: /Anmelden|Sign in/ }).click();
	const signedIn = page.waitForURL((url) => !url.pathname.startsWith('/login'));
	const refused = page
		.getByRole('alert')
		.first()
		.waitFor({ timeout: 30_000 })
		.then(async () => {
			throw new Error(`Sign-in refused: ${await page.getByRole('alert').first().textContent()}`);
		});
	refused.catch(() => undefined);
	await Promise.race([signedIn, refused]);
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
