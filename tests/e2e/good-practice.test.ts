import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { foundingDocument } from '../helpers/founding-document';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

inBothModes('good practice and the series memory', (session) => {
	const suffix = `${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 6)}`;
	const seriesId = `praxis-${suffix}`;
	const title = `Freiwilligenagentur ${suffix}`;
	let number = 0;
	let entryPath = '';

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		const document = foundingDocument();
		number = document.meeting.number;
		await asE2eOrganizer((db, actor) =>
			importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{ publish: true }
			)
		);
	});

	it('the organizer makes an entry from a talk in one step, with a prefilled form', async () => {
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = await session.visit(`/manage/series/${seriesId}/meetings/${number}/gute-praxis`);
		await page
			.getByRole('link', { name: /^Gute Praxis aus „/ })
			.first()
			.click();
		await page.waitForURL(/from=talk/);
		if (session.hasJavaScript) await expectAccessible(page);
		expect(await page.getByLabel('Titel').inputValue()).not.toBe('');
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Worum es geht').fill('Eine Agentur vermittelt Engagierte an Kulturvereine.');
		await page.getByLabel('Kommune').fill('Bielefeld');
		await page.getByLabel('Ansprechperson', { exact: true }).fill('Petra Offen');
		await page.getByLabel('Gleich veröffentlichen').check();
		await page.getByRole('button', { name: 'Eintrag anlegen' }).click();
		await page.waitForURL(/created=/);
		await expect.poll(() => page.locator('main').textContent()).toContain('Der Eintrag ist angelegt.');
	});

	it('the public finds it, without the contact who did not consent, and on the series page', async () => {
		await session.context.clearCookies();
		const list = await session.visit(
			`/gute-praxis?q=${encodeURIComponent(`freiwilligenagenturen ${suffix}`)}`
		);
		await list.getByRole('link', { name: title }).click();
		await list.waitForURL(/\/gute-praxis\/[0-9a-f-]{36}$/);
		entryPath = new URL(list.url()).pathname;
		if (session.hasJavaScript) await expectAccessible(list);
		const text = (await list.locator('main').textContent()) ?? '';
		expect(text).toContain('AGS 05711000');
		expect(text).not.toContain('Petra Offen');

		const series = await session.visit(`/series/${seriesId}?q=${encodeURIComponent(suffix)}`);
		expect(await series.getByRole('link', { name: title }).count()).toBeGreaterThan(0);
	});

	it('the organizer edits the entry, takes it back to draft and deletes it', async () => {
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = await session.visit(entryPath);
		await page.getByRole('link', { name: 'Eintrag bearbeiten' }).click();
		await page.waitForURL(/\/manage\/gute-praxis\//);
		if (session.hasJavaScript) await expectAccessible(page);
		await page.getByLabel('Titel').fill(`${title} neu`);
		await page.getByRole('button', { name: 'Änderungen speichern' }).click();
		await page.waitForURL(/done=saved/);
		await expect.poll(() => page.locator('main').textContent()).toContain('Die Änderungen sind gespeichert.');
		expect(await page.getByLabel('Titel').inputValue()).toBe(`${title} neu`);

		await page.getByRole('button', { name: 'Zurück in den Entwurf' }).click();
		await page.waitForURL(/done=unpublished/);
		expect((await fetch(`${e2e.baseUrl}${entryPath}`)).status).toBe(404);

		await page.getByRole('button', { name: 'Eintrag löschen' }).click();
		await expect
			.poll(() => page.locator('main').textContent())
			.toContain('Bitte bestätigen Sie das Löschen.');
		await page.getByLabel('Ja, diesen Eintrag endgültig löschen').check();
		await page.getByRole('button', { name: 'Eintrag löschen' }).click();
		await page.waitForURL(/\/gute-praxis\?deleted=1$/);
		await expect.poll(() => page.locator('main').textContent()).toContain('Der Eintrag ist gelöscht.');
		expect(await page.getByRole('link', { name: `${title} neu` }).count()).toBe(0);
	});
});
