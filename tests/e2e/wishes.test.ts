import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { beforeAll, expect, it } from 'vitest';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

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

function confirmPathIn(mail: ParsedMail): string {
	const match = /https?:\/\/[^/\s]+(\/series\/[^/\s]+\/wuensche\/bestaetigen\/[A-Za-z0-9_-]+)/.exec(
		mail.text ?? ''
	);
	if (!match?.[1]) throw new Error(`No confirmation link in ${mail.text}`);
	return match[1];
}

inBothModes('topic wishes', (session) => {
	const suffix = `${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 6)}`;
	const author = `wunsch-${suffix}@example.org`;
	const voter = `stimme-${suffix}@example.org`;
	const title = `Kulturelle Bildung ${suffix}`;
	let seriesId = '';
	let wishPath = '';

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		seriesId = await asE2eOrganizer(async (db, actor) => {
			const series = await createSeries(db, actor, { title: `Wunschtest ${suffix}` });
			const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
			await createMeeting(db, actor, series.id, {
				date,
				start: '10:00',
				end: '12:00',
				venue: { mode: 'online' }
			});
			await publishSeries(db, actor, series.id);
			await publishMeeting(db, actor, series.id, 1);
			return series.id;
		});
	});

	it('a visitor submits a topic wish, named by consent, and follows it by the link in a mail', async () => {
		const page = await session.visit(`/series/${seriesId}/wuensche`);
		await page.getByLabel('Thema', { exact: true }).fill(title);
		await page.getByLabel('Worum soll es gehen?').fill('Schulen und Kulturbüros zusammenbringen.');
		await page.getByLabel('Ihr Name (freiwillig)').fill('Anna Beispiel');
		await page.getByLabel('Meinen Namen öffentlich beim Wunsch zeigen').check();
		await page.getByRole('textbox', { name: 'E-Mail-Adresse (freiwillig)' }).fill(author);
		await page.getByRole('button', { name: 'Themenwunsch einreichen' }).click();
		await page.waitForURL(/done=confirm/);
		const main = page.locator('main');
		await expect.poll(() => main.textContent()).toContain('Bitte bestätigen Sie den Link');
		expect(await main.textContent()).toContain('Eingereicht von Anna Beispiel');
		expect(await main.textContent()).not.toContain(author);
		wishPath = (await page.getByRole('link', { name: title }).getAttribute('href')) ?? '';
		expect(wishPath).toMatch(/\/wuensche\/[0-9a-f-]{36}$/);

		const confirm = await session.page.goto(
			confirmPathIn(await mailTo(author, 'Bitte bestätigen Sie: Themenwunsch'))
		);
		expect(confirm?.status()).toBe(200);
		if (session.hasJavaScript) await expectAccessible(session.page);
		await session.page.getByRole('button', { name: 'Jetzt bestätigen' }).click();
		await session.page.waitForURL(/done=following/);
		expect(await session.page.locator('main').textContent()).toContain('Sie folgen diesem Wunsch.');
	});

	it('another visitor votes once, confirmed by email', async () => {
		const page = await session.visit(wishPath);
		await page.getByRole('textbox', { name: 'Ihre E-Mail-Adresse' }).first().fill(voter);
		await page.getByRole('button', { name: 'Für diesen Wunsch stimmen' }).click();
		await page.waitForURL(/done=vote-confirm/);
		expect(await page.locator('main').textContent()).toContain('Stimmen: 0');
		await page.goto(confirmPathIn(await mailTo(voter, 'Bitte bestätigen Sie Ihre Stimme')));
		await page.getByRole('button', { name: 'Jetzt bestätigen' }).click();
		await page.waitForURL(/done=voted/);
		await expect.poll(() => page.locator('main').textContent()).toContain('Stimmen: 1');
	});

	it('the organizer makes it the focus topic of the meeting, and the follower’s mail arrives', async () => {
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = await session.visit(`/manage/series/${seriesId}/wuensche`);
		const section = page.getByRole('region', { name: `Wunsch: ${title}` });
		await section.getByLabel('Bestehendes Treffen', { exact: true }).check();
		await section.getByRole('button', { name: 'Zum Schwerpunktthema machen' }).click();
		await page.waitForURL(/done=topic/);
		await expect.poll(() => page.locator('main').textContent()).toContain('E-Mails an Folgende: 1');

		const mail = await mailTo(author, 'Ihr Themenwunsch ist eingeplant');
		expect(mail.text).toContain(`/series/${seriesId}/1`);
		expect(mail.text).toContain(title);

		const meeting = await session.visit(`/series/${seriesId}/1`);
		expect(await meeting.locator('main').textContent()).toContain(title);
		const wish = await session.page.goto(wishPath);
		expect(wish?.status()).toBe(200);
		expect(await session.page.locator('main').textContent()).toContain('eingeplant');
		expect(await session.page.getByRole('link', { name: /Schwerpunktthema beim 1\./ }).count()).toBe(1);
	});
});
