import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { beforeAll, expect, it } from 'vitest';
import { buildParticipants } from '../../src/lib/domain/documentation/model';
import { openDatabase } from '../../src/lib/server/db/connect';
import { actorForUser } from '../../src/lib/server/services/auth';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { e2e, expectAccessible, inBothModes, isE2eAvailable } from './browser';

const databaseUrl = () => `sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`;

/** The app's own database file, opened beside the running server for setup and checks. */
async function withDatabase<T>(
	work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>
): Promise<T> {
	const handle = await openDatabase(databaseUrl());
	try {
		return await work(handle.db);
	} finally {
		await handle.close();
	}
}

/** A published future meeting of a fresh published series, with capacity 1; plus a draft meeting. */
async function makeMeetings() {
	return withDatabase(async (db) => {
		const user = await db
			.selectFrom('users')
			.select('id')
			.where('email', '=', e2e.organizer.email)
			.executeTakeFirstOrThrow();
		const actor = await actorForUser(db, user.id);
		const series = await createSeries(db, actor, { title: `Anmeldetest ${randomUUID().slice(0, 8)}` });
		const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
		const venue = { mode: 'online', platform: 'Zoom', url: 'https://zoom.example.org/j/42' };
		const open = await createMeeting(db, actor, series.id, { date, start: '14:00', end: '16:00', venue });
		const draft = await createMeeting(db, actor, series.id, { date, start: '10:00', end: '11:00', venue });
		await publishSeries(db, actor, series.id);
		await publishMeeting(db, actor, series.id, open.number);
		await db
			.updateTable('meetings')
			.set({ capacity: 1 })
			.where('series_id', 'in', db.selectFrom('series').select('id').where('slug', '=', series.id))
			.execute();
		return { actor, series: series.id, open: open.number, draft: draft.number };
	});
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
	const match = new RegExp(`https?://[^/\\s]+(${prefix}/[A-Za-z0-9_-]+)`).exec(mail.text ?? '');
	if (!match) throw new Error(`No ${prefix} link in ${mail.text}`);
	return match[1]!;
}

async function statusOf(email: string): Promise<string | undefined> {
	return withDatabase(
		async (db) =>
			(
				await db
					.selectFrom('registrations')
					.select('status')
					.where('email_normalized', '=', email)
					.executeTakeFirst()
			)?.status
	);
}

inBothModes('registration', (session) => {
	let setup: Awaited<ReturnType<typeof makeMeetings>>;
	const suffix = `${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 6)}`;
	const first = `erste-${suffix}@example.org`;
	const second = `zweite-${suffix}@example.org`;

	beforeAll(async () => {
		if (isE2eAvailable) setup = await makeMeetings();
	});

	async function register(email: string, name: string, options: { consent: boolean }) {
		const page = await session.visit(`/series/${setup.series}/${setup.open}/register`);
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Organisation').fill('Kulturbüro');
		await page.getByLabel('Kommune').fill('Bielefeld');
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
		if (options.consent)
			await page.getByLabel('Ich möchte auf der Teilnehmendenliste genannt werden.').check();
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await page.waitForURL(/done=/);
		await expectAccessible(page);
		return page;
	}

	async function confirm(email: string) {
		const mail = await mailTo(email, 'Bitte bestätigen');
		const page = await session.visit(pathOfLink(mail, '/registrations/confirm'));
		await page.getByRole('button', { name: 'Anmeldung bestätigen' }).click();
		await page.waitForURL(/\/registrations\/confirmed/);
		await expectAccessible(page);
		return page;
	}

	it('shows a clear message for an invalid email and stores nothing', async () => {
		const page = await session.visit(`/series/${setup.series}/${setup.open}/register`);
		await page.getByLabel('Name', { exact: true }).fill('Ohne Adresse');
		// Passes the browser's own check, not the server's.
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill('ohne@adresse');
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await expect.poll(() => page.locator('.error-summary').textContent()).toContain('gültige E-Mail-Adresse');
		await expect
			.poll(() => page.getByRole('link', { name: /gültige E-Mail-Adresse/ }).getAttribute('href'))
			.toBe('#email');
		await expectAccessible(page);
		expect(await statusOf('ohne@adresse')).toBeUndefined();
	});

	it('registers, confirms from the mail, and is named on the list only with consent', async () => {
		const page = await register(first, `Erste ${suffix}`, { consent: true });
		expect(await page.locator('main').textContent()).toContain('Bitte bestätigen Sie Ihre Anmeldung');
		expect(await statusOf(first)).toBe('pending');
		const confirmed = await confirm(first);
		expect(await confirmed.locator('h1').textContent()).toContain('Sie sind angemeldet');
		expect(await statusOf(first)).toBe('confirmed');
		const registered = await mailTo(first, 'Anmeldung bestätigt');
		expect(registered.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
	});

	it('puts the second on the waiting list, and moves them up when the first cancels', async () => {
		const page = await register(second, `Zweite ${suffix}`, { consent: false });
		expect(await page.locator('main').textContent()).toContain('ausgebucht');
		const waiting = await confirm(second);
		expect(await waiting.locator('h1').textContent()).toContain('Warteliste');
		expect(await statusOf(second)).toBe('waiting');

		const manage = await session.visit(
			pathOfLink(await mailTo(first, 'Anmeldung bestätigt'), '/registrations/manage')
		);
		await manage.getByRole('button', { name: 'Vom Treffen abmelden' }).click();
		await manage.waitForURL(/saved=cancelled/);
		await expectAccessible(manage);
		expect(await manage.locator('main').textContent()).toContain('Sie sind abgemeldet');
		expect(await statusOf(first)).toBe('cancelled');
		expect(await statusOf(second)).toBe('confirmed');

		// The publishable list: the first consented but cancelled, the second did not consent.
		const listed = await withDatabase(async (db) =>
			buildParticipants(await exportMeeting(db, setup.actor, setup.series, setup.open))
		);
		expect(listed.map((row) => row.name)).toEqual([]);
	});

	it('changes consents by the manage link, which decides the publishable list', async () => {
		const manage = await session.visit(
			pathOfLink(await mailTo(second, 'Anmeldung bestätigt'), '/registrations/manage')
		);
		await manage.getByLabel('Ich möchte auf der Teilnehmendenliste genannt werden.').check();
		await manage.getByRole('button', { name: 'Einwilligungen speichern' }).click();
		await manage.waitForURL(/saved=consents/);
		await expectAccessible(manage);
		const listed = await withDatabase(async (db) =>
			buildParticipants(await exportMeeting(db, setup.actor, setup.series, setup.open))
		);
		expect(listed.map((row) => row.name)).toEqual([`Zweite ${suffix}`]);
	});

	it('refuses registration for an unpublished meeting', async () => {
		const response = await session.page.goto(`/series/${setup.series}/${setup.draft}/register`);
		expect(response?.status()).toBe(404);
		await expectAccessible(session.page);
	});

	it('signs in by magic link, shows Meine Treffen, and refuses the reused link', async () => {
		const page = await session.visit('/login/link');
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(second);
		await page.getByRole('button', { name: 'Link senden' }).click();
		await page.waitForURL(/sent/);
		await expectAccessible(page);
		const linkPath = pathOfLink(await mailTo(second, 'Ihr Anmeldelink'), '/login/link');
		const follow = await session.visit(linkPath);
		await follow.getByRole('button', { name: 'Jetzt anmelden' }).click();
		await follow.waitForURL(/\/my\/meetings/);
		await expectAccessible(follow);
		expect(await follow.locator('table').textContent()).toContain('angemeldet');

		const data = await session.visit('/my/data');
		expect(await data.locator('main').textContent()).toContain(`Zweite ${suffix}`);

		const again = await session.visit(linkPath);
		await again.getByRole('button', { name: 'Jetzt anmelden' }).click();
		await expect.poll(() => again.locator('main').textContent()).toContain('bereits benutzt');
		await expectAccessible(again);

		// Deleting one's data removes the person from every list.
		await session.visit('/my/data');
		await data.getByRole('button', { name: 'Alle meine Anmeldedaten löschen' }).click();
		await data.waitForURL(/deleted/);
		await expectAccessible(data);
		expect(await statusOf(second)).toBeUndefined();
		const listed = await withDatabase(async (db) =>
			buildParticipants(await exportMeeting(db, setup.actor, setup.series, setup.open))
		);
		expect(listed).toEqual([]);
		await session.context.clearCookies();
	});
});
