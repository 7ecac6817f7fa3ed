import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { systemActor } from '../../src/lib/domain/policy';
import { openDatabase } from '../../src/lib/server/db/connect';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { richMeeting } from '../helpers/rich-meeting';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

/** A minimal PDF: what the upload check recognizes by its %PDF header. */
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Imports the rich meeting (number 2) as a published meeting of the e2e organizer's organization. */
async function importRichMeeting(seriesId: string): Promise<void> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const organization = await handle.db
			.selectFrom('organizations')
			.select('slug')
			.where('id', '=', e2e.organizer.organizationId)
			.executeTakeFirstOrThrow();
		const document = richMeeting();
		await importMeeting(
			handle.db,
			systemActor,
			{ ...document, series: { ...document.series, id: seriesId } },
			{ organization: organization.slug, publish: true }
		);
	} finally {
		await handle.close();
	}
}

/** Submits with a button and waits for the 303 to land on a URL with the given query. */
async function submitAndLand(page: Page, button: string, query: (params: URLSearchParams) => boolean) {
	await page.getByRole('button', { name: button, exact: true }).click();
	await page.waitForURL((url) => query(url.searchParams));
}

inBothModes('generating, publishing and downloading the documentation', (session) => {
	const seriesId = `e2e-doku-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
	const meetingPath = `/manage/series/${seriesId}/meetings/2`;
	const publicPath = `/series/${seriesId}/2/documentation`;
	const apiPath = `/api/v1/meetings/${seriesId}/2/documentation`;
	const findings = `Erkenntnis aus dem Browsertest (${seriesId})`;

	it('the organizer edits the findings, generates a version and publishes it', async () => {
		await importRichMeeting(seriesId);
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const meetingPage = await session.visit(meetingPath);
		expect(
			await meetingPage
				.getByRole('link', { name: 'Dokumentation erzeugen und veröffentlichen' })
				.getAttribute('href')
		).toBe(`${meetingPath}/documentation`);

		const page = await session.visit(`${meetingPath}/documentation`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Dokumentation:');
		expect(await page.getByText('Noch keine Fassung erzeugt.').count()).toBe(1);
		expect(
			await page.getByRole('link', { name: 'PDF (barrierearm, mit Struktur)' }).getAttribute('href')
		).toBe(`${apiPath}.pdf`);

		await page
			.getByLabel('Wichtigste Erkenntnisse der Abschlussrunde')
			.fill(`${findings}\n\nZweiter Absatz.`);
		await submitAndLand(page, 'Texte speichern', (query) => query.get('done') === 'texts');
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain('Die Texte wurden gespeichert.');
		expect(await page.getByLabel('Wichtigste Erkenntnisse der Abschlussrunde').inputValue()).toBe(
			`${findings}\n\nZweiter Absatz.`
		);
		await expectAccessible(page);

		await submitAndLand(page, 'Dokumentation erzeugen', (query) => query.get('done') === 'generated');
		await expect.poll(() => page.getByRole('status').textContent()).toContain('Fassung 1 wurde erzeugt.');
		await expectAccessible(page);

		await submitAndLand(page, 'Fassung 1 veröffentlichen', (query) => query.get('done') === 'published');
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain('Fassung 1 ist jetzt öffentlich.');
		expect(await page.getByRole('button', { name: 'Veröffentlichung zurücknehmen' }).count()).toBe(1);
		await expectAccessible(page);
	});

	it('the organizer sees a preview of the current data', async () => {
		const page = await session.visit(`${publicPath}?preview=1`);
		expect(await page.locator('.notice').first().textContent()).toContain('Vorschau');
		expect(await page.locator('h1').count()).toBe(1);
		expect(await page.locator('article.documentation').textContent()).toContain(findings);
	});

	it('anyone reads the published documentation and downloads the PDF through its link', async () => {
		const browser = session.context.browser();
		if (!browser) throw new Error('No browser behind the context');
		const anonymous = await browser.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl,
			locale: 'de-DE'
		});
		try {
			const page = await anonymous.newPage();
			const meeting = await page.goto(`/series/${seriesId}/2`);
			expect(meeting?.status()).toBe(200);
			await page.getByRole('link', { name: 'Dokumentation lesen' }).click();
			await page.waitForURL((url) => url.pathname === publicPath);
			await expectAccessible(page);
			expect(await page.locator('h1').count()).toBe(1);
			expect(await page.locator('h1').textContent()).toContain('Dokumentation des zweiten');
			expect(await page.locator('article.documentation').textContent()).toContain(findings);
			expect(await page.getByText(/Veröffentlicht am/).count()).toBe(1);
			// The meeting's texts are escaped: the markup in the summary shows as text.
			expect(await page.locator('article.documentation b').count()).toBe(0);

			const href = await page
				.getByRole('link', { name: 'PDF (barrierearm, mit Struktur)' })
				.getAttribute('href');
			expect(href).toMatch(new RegExp(`^${apiPath}\\.pdf\\?version=`));
			const pdf = await page.request.get(href!);
			expect(pdf.status()).toBe(200);
			expect(pdf.headers()['content-type']).toBe('application/pdf');
			expect(pdf.headers()['content-disposition']).toBe(
				`attachment; filename="${seriesId}-2-dokumentation.pdf"`
			);
			expect(pdf.headers()['x-content-type-options']).toBe('nosniff');
			expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

			const html = await page.request.get(`${apiPath}.html`);
			expect(html.status()).toBe(200);
			expect(html.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
			expect(await html.text()).toContain(findings);

			// Without a published version the current data stays with the organizers.
			const draftOnly = await page.request.get(`${apiPath}.md?version=${randomUUID()}`);
			expect(draftOnly.status()).toBe(404);
			expect(draftOnly.headers()['content-type']).toContain('application/problem+json');
		} finally {
			await anonymous.close();
		}
	});

	it('the organizer uploads a PDF and sees it listed, and downloads it', async () => {
		const page = await session.visit(`${meetingPath}/attachments`);
		expect(await page.getByText('Noch keine Dateien hochgeladen.').count()).toBe(1);
		await page.getByLabel('Titel der Anlage').fill('Folien zum Praxisinput');
		await page
			.getByLabel('Datei (Pflichtfeld)', { exact: true })
			.setInputFiles({ name: 'folien.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
		await page.getByRole('button', { name: 'Hochladen' }).click();
		await page.waitForURL((url) => url.searchParams.has('uploaded'));
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain('„Folien zum Praxisinput“ wurde hochgeladen.');
		const row = page.getByRole('row', { name: /Folien zum Praxisinput/ });
		expect(await row.textContent()).toContain('application/pdf');
		await expectAccessible(page);

		const href = await row
			.getByRole('link', { name: /\.pdf \(„Folien zum Praxisinput“ herunterladen\)$/ })
			.getAttribute('href');
		expect(href).toMatch(/^\/files\/[0-9a-f-]{36}$/);
		const file = await page.request.get(href!);
		expect(file.status()).toBe(200);
		expect(file.headers()['content-type']).toBe('application/pdf');
		// The rich meeting already names attachments/folien.pdf, so the upload gets the next free name.
		expect(file.headers()['content-disposition']).toBe('attachment; filename="folien-2.pdf"');
		expect(file.headers()['content-security-policy']).toBe("default-src 'none'");
		expect(file.headers()['cache-control']).toBe('private, no-store');
		expect(await file.body()).toEqual(pdfBytes);
	});

	it('a text file named .pdf is refused with the error summary linked to the file field', async () => {
		const page = await session.visit(`${meetingPath}/attachments`);
		await page.getByLabel('Titel der Anlage').fill('Keine echte PDF');
		await page.getByLabel('Datei (Pflichtfeld)', { exact: true }).setInputFiles({
			name: 'falsch.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from('nur Text, kein PDF')
		});
		await page.getByRole('button', { name: 'Hochladen' }).click();
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain('Diese Art von Datei wird nicht angenommen.');
		expect(await summary.getByRole('link').getAttribute('href')).toBe('#file');
		await expectAccessible(page);
	});

	it('the API lists, generates, publishes and withdraws versions and edits the texts', async () => {
		const request = session.page.request;
		const headers = { origin: e2e.baseUrl, 'content-type': 'application/json' };
		const created = await request.post(`${apiPath}/versions`, { headers, data: { lang: 'en' } });
		expect(created.status()).toBe(201);
		const version = (await created.json()) as { id: string; version: number; lang: string };
		expect(version).toMatchObject({ version: 2, lang: 'en' });

		const listed = await request.get(`${apiPath}/versions`);
		expect(
			((await listed.json()) as { versions: { version: number }[] }).versions.map((v) => v.version)
		).toEqual([2, 1]);

		const texts = await request.put(`${apiPath}/texts`, {
			headers,
			data: { topicSummary: 'A.\n\nB.', outlook: '', findings: findings, syntheses: [] }
		});
		expect(texts.status()).toBe(200);
		expect(((await texts.json()) as { topicSummary: string[] }).topicSummary).toEqual(['A.', 'B.']);

		const bad = await request.post(`${apiPath}/publish`, { headers, data: { versionId: 'nope' } });
		expect(bad.status()).toBe(400);
		expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('/versionId');

		expect(
			(await request.post(`${apiPath}/publish`, { headers, data: { versionId: version.id } })).status()
		).toBe(204);
		const english = await request.get(`${apiPath}.md?version=${version.id}`);
		expect(english.headers()['content-type']).toBe('text/markdown; charset=utf-8');
		expect(await english.text()).toContain('Documentation of the');

		expect((await request.post(`${apiPath}/unpublish`, { headers })).status()).toBe(204);
		const gone = await fetch(`${e2e.baseUrl}${apiPath}.pdf`);
		expect(gone.status).toBe(404);
	});
});
