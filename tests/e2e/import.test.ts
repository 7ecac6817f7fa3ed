import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

inBothModes('importing and exporting a meeting', (session) => {
	// Each mode imports into a series of its own, in the e2e organizer's organization.
	const seriesId = `e2e-import-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
	const jsonFile = (document: unknown) => ({
		name: 'treffen.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(document))
	});

	it('the organizer uploads a document and sees the meeting imported', async () => {
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const page = await session.visit('/manage/import');
		await expect
			.poll(() => page.getByRole('heading', { level: 1 }).textContent())
			.toBe('Treffen importieren');
		const document = fictionalDocument();
		document.series.id = seriesId;
		await page.getByLabel(/^Datei \(JSON/).setInputFiles(jsonFile(document));
		await page.getByRole('checkbox', { name: 'Treffen und Reihe veröffentlichen' }).check();
		await page.getByRole('button', { name: 'Importieren' }).click();
		await page.waitForURL((url) => url.searchParams.get('imported') === `${seriesId}/1`);
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain(`Das Treffen ${seriesId}/1 wurde importiert.`);
		await expectAccessible(page);
	});

	it('an invalid file shows the error summary with the JSON pointer', async () => {
		const page = await session.visit('/manage/import');
		const document = fictionalDocument();
		document.series.id = seriesId;
		document.meeting.number = 2;
		document.meeting.agenda[2].speakers = ['niemand'];
		await page.getByLabel(/^Datei \(JSON/).setInputFiles(jsonFile(document));
		await page.getByRole('button', { name: 'Importieren' }).click();
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain('/meeting/agenda/2/speakers/0');
		expect(await summary.textContent()).toContain('Es enthält 1 Fehler');
		expect(
			await page.getByRole('link', { name: /\/meeting\/agenda\/2\/speakers\/0/ }).getAttribute('href')
		).toBe('#file');
		await expectAccessible(page);
	});

	it('a second import of the same number is refused unless replace is ticked', async () => {
		const page = await session.visit('/manage/import');
		const document = fictionalDocument();
		document.series.id = seriesId;
		document.meeting.agenda[0].title = 'Begrüßung (ersetzt)';
		await page.getByLabel(/^Datei \(JSON/).setInputFiles(jsonFile(document));
		await page.getByRole('button', { name: 'Importieren' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('gibt es schon');
		await page.getByLabel(/^Datei \(JSON/).setInputFiles(jsonFile(document));
		await page.getByRole('checkbox', { name: 'Vorhandenes Treffen ersetzen' }).check();
		await page.getByRole('button', { name: 'Importieren' }).click();
		await page.waitForURL((url) => url.searchParams.get('replaced') === '1');
		await expectAccessible(page);
	});

	it('the export download answers with the JSON document', async () => {
		const response = await session.page.request.get(`/manage/series/${seriesId}/meetings/1/export.json`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toMatch(/^application\/json/);
		expect(response.headers()['content-disposition']).toBe(`attachment; filename="${seriesId}-1.json"`);
		const document = (await response.json()) as {
			series: { id: string };
			meeting: { agenda: { title: string }[] };
		};
		expect(document.series.id).toBe(seriesId);
		expect(document.meeting.agenda[0]!.title).toBe('Begrüßung (ersetzt)');
	});

	it('the API imports and exports, and answers a bad document with problem paths', async () => {
		const request = session.page.request;
		const headers = { origin: e2e.baseUrl, 'content-type': 'application/json' };
		const document = fictionalDocument();
		document.series.id = seriesId;
		document.meeting.number = 3;
		const created = await request.post('/api/v1/import', { headers, data: JSON.stringify(document) });
		expect(created.status()).toBe(201);
		expect(await created.json()).toMatchObject({ address: `${seriesId}/3`, isSeriesCreated: false });

		const exported = await request.get(`/api/v1/meetings/${seriesId}/3/export`);
		expect(exported.status()).toBe(200);
		expect(((await exported.json()) as { meeting: { number: number } }).meeting.number).toBe(3);

		document.meeting.number = 4;
		document.meeting.agenda[3].end = '25:00';
		const refused = await request.post('/api/v1/import', { headers, data: JSON.stringify(document) });
		expect(refused.status()).toBe(400);
		expect(refused.headers()['content-type']).toMatch(/^application\/problem\+json/);
		const problem = (await refused.json()) as { errors: { path: string }[] };
		expect(problem.errors.map((entry) => entry.path)).toEqual(['/meeting/agenda/3/end']);

		const broken = await request.post('/api/v1/import', { headers, data: '{"format":' });
		expect(broken.status()).toBe(400);
		expect(((await broken.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('');
	});
});
