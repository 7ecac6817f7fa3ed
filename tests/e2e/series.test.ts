import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

inBothModes('series and meetings', (session) => {
	it('an organizer creates a series and a meeting, corrects an error, publishes; the public sees it', async () => {
		const { page } = session;
		const id = `e2e-reihe-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
		const title = `E2E-Reihe ${id}`;
		await signIn(page, e2e.organizer.email, e2e.organizer.password);

		await session.visit('/manage');
		await page.getByRole('link', { name: 'Neue Reihe anlegen' }).click();
		await page.waitForURL('**/manage/series/new');
		await expectAccessible(page);
		await page.getByLabel('Titel', { exact: true }).fill(title);
		await page.getByLabel('Kennung (Teil der Adresse)').fill(id);
		await page.getByLabel('Zielgruppe').fill('für Hauptamtliche in Kulturbüros');
		await page.getByLabel('Format').fill('Erster Absatz.\n\nZweiter Absatz.');
		await page.getByRole('button', { name: 'Reihe anlegen' }).click();
		await page.waitForURL(`**/manage/series/${id}?saved=1`);
		await expectAccessible(page);
		expect(await page.getByRole('status').textContent()).toContain('Die Reihe wurde gespeichert.');

		await page.getByRole('link', { name: 'Neues Treffen anlegen' }).click();
		await page.waitForURL(`**/manage/series/${id}/meetings/new`);
		await expectAccessible(page);
		expect(await page.getByLabel('Nummer in der Reihe').inputValue()).toBe('1');
		await page.getByLabel('Datum', { exact: true }).fill('2025-03-05');
		await page.getByLabel('Beginn', { exact: true }).fill('14:00');
		await page.getByLabel('Ende', { exact: true }).fill('13:00');
		await page.getByLabel('Plattform').fill('Zoom');
		await page.getByLabel('Titel des Themas').fill('Lokale Vernetzung');
		await page.getByRole('button', { name: 'Treffen anlegen' }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		const errorLink = summary.getByRole('link', {
			name: 'Das Ende (13:00) muss nach dem Beginn (14:00) liegen.'
		});
		expect(await errorLink.getAttribute('href')).toBe('#end');
		expect(await page.getByLabel('Ende', { exact: true }).getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page);
		await page.getByLabel('Ende', { exact: true }).fill('16:00');
		await page.getByRole('button', { name: 'Treffen anlegen' }).click();
		await page.waitForURL(`**/manage/series/${id}/meetings/1?saved=1`);
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Treffen veröffentlichen' }).click();
		await page.getByText('bleibt aber verborgen, bis auch die Reihe veröffentlicht ist').waitFor();
		await session.visit(`/manage/series/${id}`);
		await page.getByRole('button', { name: 'Reihe veröffentlichen' }).click();
		await page.getByRole('button', { name: 'Reihe zurücknehmen' }).waitFor();

		// Someone who is not signed in now sees the series and the meeting.
		const browser = session.context.browser();
		if (!browser) throw new Error('No browser');
		const anonymousContext = await browser.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl,
			locale: 'de-DE'
		});
		try {
			const reader = await anonymousContext.newPage();
			await reader.goto('/');
			await expectAccessible(reader);
			await reader.getByRole('link', { name: title }).click();
			await reader.waitForURL(`**/series/${id}`);
			await expectAccessible(reader);
			expect(await reader.getByText('Zweiter Absatz.').count()).toBe(1);
			await reader.getByRole('link', { name: '1. Austauschtreffen' }).click();
			await reader.waitForURL(`**/series/${id}/1`);
			await expectAccessible(reader);
			expect(await reader.getByRole('heading', { level: 1 }).textContent()).toContain('1. Austauschtreffen');
			const facts = await reader.locator('dl').textContent();
			expect(facts).toContain('5. März 2025');
			expect(facts).toContain('14:00–16:00 Uhr');
			expect(facts).toContain('Zoom');
			expect(await reader.getByText('Lokale Vernetzung').count()).toBe(1);
			expect(await reader.getByText('Entwurf').count()).toBe(0);
			// A draft of the same series stays a 404 for the public.
			const missing = await reader.goto(`/series/${id}/2`);
			expect(missing?.status()).toBe(404);
		} finally {
			await anonymousContext.close();
		}
	});

	it('sends anonymous visitors of /manage to the sign-in page', async () => {
		const browser = session.context.browser();
		if (!browser) throw new Error('No browser');
		const anonymousContext = await browser.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl
		});
		try {
			const reader = await anonymousContext.newPage();
			await reader.goto('/manage/series/new');
			expect(new URL(reader.url()).pathname).toBe('/login');
			expect(new URL(reader.url()).searchParams.get('next')).toBe('/manage/series/new');
		} finally {
			await anonymousContext.close();
		}
	});
});
