import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createEntry } from '../../src/lib/server/services/networks-review';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

inBothModes('network directory: search, map, suggestion, review, open data', (session) => {
	const suffix = `${session.hasJavaScript ? 'js' : 'nojs'}${randomUUID().slice(0, 6)}`;
	const existing = `Freiwilligenagentur Ibbenbüren ${suffix}`;
	const suggested = `Ehrenamtsbörse Greven ${suffix}`;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		await asE2eOrganizer((db, actor) =>
			createEntry(db, actor, {
				name: existing,
				kind: 'volunteer-agency',
				place: 'Ibbenbüren',
				topics: 'Ehrenamt',
				contactName: 'Ohne Zustimmung',
				contactNameConsent: false,
				contactEmail: 'info@example.org'
			})
		);
	});

	it('finds "Freiwilligenagenturen" in Kreis Steinfurt and filters by the map', async () => {
		// One mode checks the page type with axe; the other only uses it.
		const page = session.hasJavaScript ? await session.visit('/netzwerke') : session.page;
		if (!session.hasJavaScript) await page.goto('/netzwerke');
		await page.getByLabel('Suchbegriff').fill(`Freiwilligenagenturen ${suffix}`);
		await page.getByLabel('Kreis oder kreisfreie Stadt').selectOption({ label: 'Kreis Steinfurt' });
		await page.getByRole('button', { name: 'Suchen' }).click();
		await page.waitForURL(/district=05566/);
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 Eintrag gefunden');
		await expect(page.getByRole('link', { name: existing }).count()).resolves.toBe(1);
		// The contact person did not agree to be named.
		expect(await page.content()).not.toContain('Ohne Zustimmung');

		// The map: each district is a link with its number; here by keyboard (or as a plain link).
		await page.goto(`/netzwerke?q=${encodeURIComponent(`Freiwilligenagenturen ${suffix}`)}`);
		const map = page.getByRole('group', { name: /Karte von Westfalen-Lippe/ });
		const steinfurt = map.getByRole('link', { name: 'Kreis Steinfurt: 1 Einträge' });
		await expect(steinfurt.count()).resolves.toBe(1);
		if (session.hasJavaScript) {
			await map.getByRole('link').first().focus();
			for (let step = 0; step < 30; step++) {
				const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
				if (label.startsWith('Kreis Steinfurt')) break;
				await page.keyboard.press('Tab');
			}
			await page.keyboard.press('Enter');
		} else {
			await steinfurt.click();
		}
		await page.waitForURL(/district=05566/);
		await expect(page.getByRole('link', { name: existing }).count()).resolves.toBe(1);
		await expect.poll(() => page.getByRole('row', { name: /Kreis Steinfurt/ }).textContent()).toContain('1');
	});

	it('lets a visitor suggest an entry, and an organizer publish it; it appears in the API and the CSV', async () => {
		const page = session.hasJavaScript ? await session.visit('/netzwerke/vorschlagen') : session.page;
		if (!session.hasJavaScript) await page.goto('/netzwerke/vorschlagen');
		await page.getByLabel('Name', { exact: true }).fill(suggested);
		await page.getByLabel('Art').selectOption({ label: 'Ehrenamtsbörse' });
		await page.getByLabel('Gemeinde oder Kreis').fill('Nirgendwo');
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect
			.poll(() => page.locator('.error-summary').textContent())
			.toContain('„Nirgendwo“ ist keine Gemeinde');
		await page.getByLabel('Gemeinde oder Kreis').fill('Greven');
		await page.getByLabel('Website').fill('https://example.org/boerse');
		await page.getByRole('button', { name: 'Vorschlag senden' }).click();
		await expect.poll(() => page.getByRole('heading', { name: 'Danke für Ihren Vorschlag' }).count()).toBe(1);

		await signIn(page, e2e.organizer.email, e2e.organizer.password);
		await page.goto('/manage/netzwerke?status=suggested');
		if (session.hasJavaScript) await expectAccessible(page);
		await page.getByRole('link', { name: suggested }).click();
		await page.waitForURL(/\/manage\/netzwerke\/[0-9a-f-]{36}/);
		if (session.hasJavaScript) await expectAccessible(page);
		await page.getByRole('button', { name: 'Veröffentlichen' }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Veröffentlicht');
		await expect.poll(() => page.getByRole('cell', { name: 'veröffentlicht' }).count()).toBe(1);

		const api = await page.request.get(`/api/v1/networks?q=${encodeURIComponent(suggested)}`);
		expect(api.headers()['access-control-allow-origin']).toBe('*');
		const body = (await api.json()) as {
			entries: { name: string; website: string }[];
			licence: { name: string };
		};
		expect(body.entries.map((entry) => [entry.name, entry.website])).toEqual([
			[suggested, 'https://example.org/boerse']
		]);
		expect(body.licence.name).toBe('CC BY 4.0');

		const csv = await page.request.get(`/api/v1/networks/export.csv?q=${encodeURIComponent(suffix)}`);
		const text = await csv.text();
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain(suggested);
		expect(text).toContain(existing);
		expect(text).not.toContain('Ohne Zustimmung');

		const slug = (body as unknown as { entries: { slug: string }[] }).entries[0]!.slug;
		await page.goto(`/netzwerke/${slug}`);
		if (session.hasJavaScript) await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1, name: suggested }).count()).resolves.toBe(1);
	});
});
