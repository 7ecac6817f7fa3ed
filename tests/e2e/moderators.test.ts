import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { DEMO_ORGANIZATION } from '../../src/lib/server/services/demo-data';
import { factories } from '../helpers/factories';
import { e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

/** The demo data's founding meeting (spec/examples/austauschtreffen-2024-11-20.json). */
const MEETING = '/manage/series/austausch-kulturbueros-engagement/meetings/2';

/** An organizer of the demo data's organization, made beside the running app for this test. */
async function makeDemoOrganizer(): Promise<{ email: string; password: string }> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const organization = await handle.db
			.selectFrom('organizations')
			.select('id')
			.where('slug', '=', DEMO_ORGANIZATION.slug)
			.executeTakeFirstOrThrow();
		const account = await factories(handle.db).user({
			email: `lwl-${randomUUID().slice(0, 8)}@example.org`,
			organizationId: organization.id
		});
		return { email: account.email, password: account.password };
	} finally {
		await handle.close();
	}
}

/** The newest mail the app delivered over SMTP to the address, whose subject starts so. */
async function mailTo(email: string, subjectStart: string): Promise<ParsedMail> {
	const folder = e2e.mailDir;
	const files = existsSync(folder) ? readdirSync(folder).sort().reverse() : [];
	for (const file of files) {
		const mail = await simpleParser(readFileSync(join(folder, file)));
		if (JSON.stringify(mail.to ?? '').includes(email) && mail.subject?.startsWith(subjectStart)) return mail;
	}
	throw new Error(`No mail to ${email} starting "${subjectStart}" received over SMTP`);
}

function pathOfLink(mail: ParsedMail, prefix: string): string {
	const match = new RegExp(`https?://[^/\\s]+(${prefix}(?:/[A-Za-z0-9_-]+)?)`).exec(mail.text ?? '');
	if (!match) throw new Error(`No ${prefix} link in ${mail.text}`);
	return match[1]!;
}

inBothModes('moderators: granted by an organizer, running the cockpit', (session) => {
	const suffix = `${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 6)}`;
	const moderatorEmail = `moderation-${suffix}@example.org`;
	let organizer: { email: string; password: string };
	let moderatorContext: BrowserContext;
	let moderator: Page;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		organizer = await makeDemoOrganizer();
		moderatorContext = await session.context.browser()!.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl,
			locale: 'de-DE'
		});
		moderator = await moderatorContext.newPage();
	});
	afterAll(async () => {
		await moderatorContext?.close();
	});

	/** Goes to a path in the moderator's browser and checks the status and accessibility. */
	async function moderatorVisits(path: string, status = 200): Promise<Page> {
		const response = await moderator.goto(path);
		expect(response?.status(), `status of ${path}`).toBe(status);
		await expectAccessible(moderator);
		return moderator;
	}

	it('lets the organizer add a moderator by email from the meeting page, with clear errors', async () => {
		await signIn(session.page, organizer.email, organizer.password);
		const meetingPage = await session.visit(MEETING);
		await meetingPage.getByRole('link', { name: 'Moderation', exact: true }).click();
		await meetingPage.waitForURL(`**${MEETING}/moderators`);
		await expectAccessible(meetingPage);
		const page = session.page;
		// The other mode's run may have added its own moderator to the same demo meeting already.
		expect(await page.getByRole('row', { name: new RegExp(`Mara ${suffix}`) }).count()).toBe(0);

		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('keine-adresse');
		await page.getByRole('button', { name: 'Moderation eintragen' }).click();
		await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
		expect(await page.getByRole('link', { name: /gültige E-Mail-Adresse/ }).getAttribute('href')).toBe(
			'#email'
		);
		await expectAccessible(page);

		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(moderatorEmail);
		await page.getByRole('textbox', { name: 'Name (freiwillig)' }).fill(`Mara ${suffix}`);
		await page.getByRole('button', { name: 'Moderation eintragen' }).click();
		await page.waitForURL(/done=added/);
		await expectAccessible(page);
		expect(await page.getByRole('status').textContent()).toContain('Die Moderation ist eingetragen');
		const row = page.getByRole('row', { name: new RegExp(`Mara ${suffix}`) });
		expect(await row.textContent()).toContain(moderatorEmail);
		expect(await row.textContent()).toContain('per Link in einer E-Mail');

		// The same person twice is a message on the field, not an error page.
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(moderatorEmail);
		await page.getByRole('button', { name: 'Moderation eintragen' }).click();
		await expect.poll(() => page.locator('.error-summary').textContent()).toContain('bereits');
		await expectAccessible(page);
		expect(await page.getByRole('row', { name: new RegExp(`Mara ${suffix}`) }).count()).toBe(1);

		const mail = await mailTo(moderatorEmail, 'Sie moderieren');
		expect(pathOfLink(mail, `${MEETING}/live`)).toBe(`${MEETING}/live`);
		expect(pathOfLink(mail, '/login/link')).toBe('/login/link');
	});

	it('lets the moderator sign in by link, find the meeting under Meine Treffen and start the session', async () => {
		const login = await moderatorVisits('/login/link');
		await login.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(moderatorEmail);
		await login.getByRole('button', { name: 'Link senden' }).click();
		await login.waitForURL(/sent/);
		await expectAccessible(login);
		const follow = await moderatorVisits(
			pathOfLink(await mailTo(moderatorEmail, 'Ihr Anmeldelink'), '/login/link')
		);
		await follow.getByRole('button', { name: 'Jetzt anmelden' }).click();
		await follow.waitForURL(/\/my\/meetings/);
		await expectAccessible(follow);

		expect(await follow.getByRole('heading', { name: 'Treffen, die Sie moderieren' }).count()).toBe(1);
		await follow.getByRole('link', { name: /Live-Cockpit für 2\. Austauschtreffen/ }).click();
		await follow.waitForURL(`**${MEETING}/live`);
		await expectAccessible(follow);
		// A moderator's way back is "Meine Treffen", not the meeting's management they may not see.
		expect(await follow.getByRole('main').getByRole('link', { name: 'Meine Treffen' }).count()).toBe(1);
		expect(await follow.getByRole('link', { name: 'Zurück zum Treffen' }).count()).toBe(0);

		await follow.getByRole('button', { name: 'Live-Sitzung starten' }).click();
		await expect
			.poll(() => follow.getByRole('heading', { name: /Code für die Teilnehmenden/ }).count())
			.toBe(1);
		await expectAccessible(follow);
		const heading = await follow.getByRole('heading', { name: /Code für die Teilnehmenden/ }).textContent();
		expect(heading).toMatch(/\d{3} \d{3}/);

		// The results export belongs to the cockpit.
		const results = await moderatorContext.request.get(`${MEETING}/live/results.csv`);
		expect(results.status()).toBe(200);
		expect(results.headers()['content-type']).toContain('text/csv');

		// Leave the demo meeting as it was: no running session.
		await follow.getByRole('button', { name: 'Live-Sitzung beenden' }).click();
		await expect.poll(() => follow.getByRole('button', { name: 'Live-Sitzung starten' }).count()).toBe(1);
	});

	it('refuses the moderator every other page of the meeting and of management', async () => {
		for (const path of [
			`${MEETING}/registrations`,
			MEETING,
			`${MEETING}/people`,
			`${MEETING}/agenda`,
			`${MEETING}/documentation`,
			`${MEETING}/moderators`,
			'/manage/series/austausch-kulturbueros-engagement',
			'/manage'
		]) {
			// The refusal is one error page: axe checks it once; the others only need their status.
			if (path === MEETING) await moderatorVisits(path, 403);
			else expect((await moderatorContext.request.get(path)).status(), `status of ${path}`).toBe(403);
		}
		const exported = await moderatorContext.request.get(`${MEETING}/export.json`);
		expect(exported.status()).toBe(403);
		const participants = await moderatorContext.request.get(`${MEETING}/registrations/export.csv`);
		expect(participants.status()).toBe(403);
	});

	it('still sends anonymous visitors of the cockpit to the sign-in', async () => {
		const anonymousContext = await session.context.browser()!.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl,
			locale: 'de-DE'
		});
		try {
			const page = await anonymousContext.newPage();
			await page.goto(`${MEETING}/live`);
			expect(new URL(page.url()).pathname).toBe('/login');
			expect(new URL(page.url()).searchParams.get('next')).toBe(`${MEETING}/live`);
			await expectAccessible(page);
		} finally {
			await anonymousContext.close();
		}
	});
});
