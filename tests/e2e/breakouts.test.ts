import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { foundingDocument } from '../helpers/founding-document';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

const FIRST = 'Bestehende lokale Netzwerke und informelle Vernetzung';
const SECOND = 'Weiterentwicklung und Herausforderungen von Netzwerken';

/** The founding meeting without its breakout rounds, its four people with emails but one. */
async function makeMeetingWithoutRounds(): Promise<string> {
	const doc = foundingDocument();
	doc.series.id = `breakouts-${randomUUID().slice(0, 8)}`;
	delete doc.meeting.breakoutRounds;
	for (const item of doc.meeting.agenda) delete item.breakoutRound;
	for (const [index, person] of (doc.meeting.people ?? []).entries()) {
		if (index < 3) person.email = `${person.id}@example.org`;
	}
	await asE2eOrganizer((db, actor) => importMeeting(db, actor, doc));
	return `/manage/series/${doc.series.id}/meetings/${doc.meeting.number}`;
}

inBothModes('breakout rounds: create, assign, move and download for Zoom', (session) => {
	let meetingPath: string;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		meetingPath = await makeMeetingWithoutRounds();
	});

	const press = async (page: Page, name: string | RegExp) => {
		await page.getByRole('button', { name }).first().click();
		await page.waitForLoadState('networkidle');
	};
	const status = (page: Page) => page.getByRole('status').first();
	// axe once per page type, in the mode with JavaScript.
	const checkPage = async (page: Page) => {
		if (session.hasJavaScript) await expectAccessible(page);
	};

	it('creates the first founding round, correcting a missing room count', async () => {
		const page = session.page;
		await signIn(page, e2e.organizer.email, e2e.organizer.password);
		await page.goto(meetingPath);
		await page.getByRole('link', { name: 'Breakout-Runden', exact: true }).click();
		await page.waitForURL((url) => url.pathname === `${meetingPath}/breakouts`);
		expect(await page.getByText('Für dieses Treffen gibt es noch keine Breakout-Runde.').count()).toBe(1);
		await checkPage(page);

		await page.getByLabel('Titel', { exact: true }).fill(FIRST);
		await page.getByLabel('Leitfragen').fill('Welche Netzwerke gibt es bei Ihnen?\nWer fehlt noch?');
		await press(page, 'Runde anlegen');
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain('Geben Sie entweder die Anzahl der Räume');
		expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe(FIRST);
		await checkPage(page);

		await page.getByLabel('Anzahl der Räume').fill('2');
		await press(page, 'Runde anlegen');
		await page.waitForURL(
			(url) =>
				url.pathname.startsWith(`${meetingPath}/breakouts/`) && url.pathname !== `${meetingPath}/breakouts/`
		);
		await expect.poll(() => status(page).textContent()).toContain('Die Runde wurde angelegt.');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(FIRST);
		expect(await page.getByRole('listitem').filter({ hasText: 'Wer fehlt noch?' }).count()).toBe(1);
		await checkPage(page);
	});

	it('assigns the participants to balanced rooms and moves one by hand', async () => {
		const page = session.page;
		await press(page, 'Teilnehmende jetzt zuteilen');
		await expect.poll(() => status(page).textContent()).toContain('zugeteilt');
		const raum1 = page.getByRole('table', { name: 'Personen in Raum 1' });
		const raum2 = page.getByRole('table', { name: 'Personen in Raum 2' });
		expect(await raum1.locator('tbody tr').count()).toBe(2);
		expect(await raum2.locator('tbody tr').count()).toBe(2);
		expect(await page.getByText('Alle Teilnehmenden haben einen Raum.').count()).toBe(1);

		const moved = (await raum1.locator('tbody tr th').first().textContent())!.trim();
		await page.getByLabel(`Raum für ${moved}`).selectOption({ label: 'Raum 2' });
		await page
			.locator('form', { has: page.getByLabel(`Raum für ${moved}`) })
			.getByRole('button', { name: 'Verschieben' })
			.click();
		await page.waitForLoadState('networkidle');
		await expect.poll(() => status(page).textContent()).toContain('Die Person wurde verschoben.');
		await expect.poll(() => raum2.locator('tbody tr').count()).toBe(3);
		expect(await raum2.getByRole('rowheader', { name: moved }).count()).toBe(1);
	});

	it('downloads the Zoom pre-assignment CSV and names who has no email', async () => {
		const page = session.page;
		const href = await page.getByRole('link', { name: 'Zoom-Vorabzuteilung (CSV)' }).getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toMatch(/^text\/csv/);
		expect(response.headers()['content-disposition']).toMatch(
			/^attachment; filename="breakout-.*-zoom\.csv"$/
		);
		const lines = (await response.text()).split('\r\n').filter(Boolean);
		expect(lines[0]).toBe('Pre-assign Room Name,Email Address');
		expect(lines.slice(1).every((line) => /^Raum [12],[^,]+@example\.org$/.test(line))).toBe(true);
		expect(lines).toHaveLength(4);
		const withoutEmail = page.getByRole('list', { name: /Ohne E-Mail-Adresse/ });
		expect(await withoutEmail.getByRole('listitem').count()).toBe(1);
		const xlsx = await page.request.get(
			(await page.getByRole('link', { name: 'Tabelle (Excel)' }).getAttribute('href'))!
		);
		expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
	});

	it('creates the second founding round (mixed, by room size) and lists both', async () => {
		const page = session.page;
		await page.getByRole('link', { name: 'Zurück zu den Breakout-Runden' }).click();
		await page.waitForURL((url) => url.pathname === `${meetingPath}/breakouts`);
		await page.getByLabel('Titel', { exact: true }).fill(SECOND);
		await page.getByLabel('oder Personen je Raum').fill('2');
		await page.getByLabel('Zuteilung').selectOption('mixed');
		await press(page, 'Runde anlegen');
		await expect.poll(() => status(page).textContent()).toContain('Die Runde wurde angelegt.');
		await press(page, 'Teilnehmende jetzt zuteilen');
		await expect.poll(() => status(page).textContent()).toContain('zugeteilt');
		expect(await page.getByRole('table', { name: /^Personen in Raum/ }).count()).toBe(2);
		await page.getByRole('link', { name: 'Zurück zu den Breakout-Runden' }).click();
		await page.waitForURL((url) => url.pathname === `${meetingPath}/breakouts`);
		expect(await page.getByRole('link', { name: FIRST }).count()).toBe(1);
		expect(await page.getByRole('link', { name: SECOND }).count()).toBe(1);
	});

	it('serves the rounds and boards over the JSON API, refusing a stale card edit with 409', async () => {
		const request = session.page.request;
		const headers = { origin: e2e.baseUrl, 'content-type': 'application/json' };
		const [, seriesId, number] = /^\/manage\/series\/([^/]+)\/meetings\/(\d+)$/.exec(meetingPath)!;
		const api = `/api/v1/meetings/${seriesId}/${number}/breakouts`;
		const list = (await (await request.get(api)).json()) as {
			rounds: { key: string; title: string; rooms: { id: string }[] }[];
		};
		expect(list.rounds.map((round) => round.title)).toEqual([FIRST, SECOND]);
		const round = list.rounds[0]!;
		const cards = `${api}/${round.key}/rooms/${round.rooms[0]!.id}/cards`;
		const added = await request.post(cards, { headers, data: { text: 'Kulturstammtisch', column: 'Ideen' } });
		expect(added.status()).toBe(201);
		const { id } = (await added.json()) as { id: string };
		const first = await request.patch(`${api}/${round.key}/cards/${id}`, {
			headers,
			data: { text: 'Monatlich', version: 1 }
		});
		expect(first.status()).toBe(200);
		const second = await request.patch(`${api}/${round.key}/cards/${id}`, {
			headers,
			data: { text: 'Wöchentlich', version: 1 }
		});
		expect(second.status()).toBe(409);
		expect(await second.text()).toContain('Monatlich');
		const board = (await (await request.get(cards)).json()) as { cards: { text: string; version: number }[] };
		expect(board.cards).toEqual([expect.objectContaining({ text: 'Monatlich', version: 2 })]);
	});
});
