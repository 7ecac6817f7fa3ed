import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

/** The founding meeting's agenda (spec/examples): 11 items, 14:00–16:00. */
interface ExampleItem {
	start: string;
	end: string;
	kind: string;
	title: string;
}
const founding = JSON.parse(
	readFileSync(join(import.meta.dirname, '../../spec/examples/austauschtreffen-2024-11-20.json'), 'utf8')
) as { meeting: { agenda: ExampleItem[] } };
const agenda = founding.meeting.agenda;

/** A draft series with one meeting (14:00–16:00) of the e2e organizer's organization, made directly in the app's database. */
async function makeMeeting(): Promise<string> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		const now = new Date().toISOString();
		const seriesId = randomUUID();
		const slug = `ablauf-${seriesId.slice(0, 8)}`;
		await handle.db
			.insertInto('series')
			.values({
				id: seriesId,
				slug,
				organization_id: e2e.organizer.organizationId,
				title: 'Austauschtreffen für kommunale Kulturkümmernde',
				meeting_noun: 'Austauschtreffen',
				meeting_noun_genitive: 'Austauschtreffens',
				audience: 'Kulturbüros',
				language: 'de',
				organizer_name: 'LWL-Kulturabteilung',
				organizer_email: null,
				organizer_website: null,
				format_description: '[]',
				funding_lead: null,
				funding_funder: null,
				published_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		await handle.db
			.insertInto('meetings')
			.values({
				id: randomUUID(),
				series_id: seriesId,
				number: 2,
				date: '2024-11-20',
				start_time: '14:00',
				end_time: '16:00',
				time_zone: 'Europe/Berlin',
				venue_mode: 'online',
				venue_platform: 'Zoom',
				venue_url: null,
				venue_address: null,
				topic_title: null,
				topic_summary: '[]',
				topic_guiding_questions: '[]',
				outlook_text: '[]',
				topic_wishes_contact: null,
				findings: '[]',
				published_at: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		return `/manage/series/${slug}/meetings/2/agenda`;
	} finally {
		await handle.close();
	}
}

const items = (page: Page) => page.locator('ol.agenda-list > li');

/** Slot and title of each item, as the page shows them. */
async function shownAgenda(page: Page): Promise<string[]> {
	return items(page)
		.locator('h3')
		.evaluateAll((headings) =>
			headings.map((heading) => heading.textContent?.replace(/\s+/g, ' ').trim() ?? '')
		);
}

const expected = (list: ExampleItem[]) => list.map((item) => `${item.start}–${item.end} ${item.title}`);

async function settled(page: Page): Promise<void> {
	await page.waitForLoadState('load');
	await expectAccessible(page);
}

inBothModes('agenda builder', (session) => {
	let path = '';

	it('sends an anonymous visitor to sign in', async () => {
		path = await makeMeeting();
		await session.page.goto(path);
		expect(new URL(session.page.url()).pathname).toBe('/login');
		expect(new URL(session.page.url()).searchParams.get('next')).toBe(path);
	});

	it("builds the founding meeting's agenda by hand", async () => {
		const { page } = session;
		await signIn(page, e2e.organizer.email, e2e.organizer.password);
		await session.visit(path);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ablaufplan für Treffen 2');
		expect(await page.getByText('Der Ablaufplan ist noch leer.').count()).toBe(1);

		for (const [index, item] of agenda.entries()) {
			await page.getByLabel('Art', { exact: true }).selectOption(item.kind);
			await page.getByLabel('Titel', { exact: true }).fill(item.title);
			// Half the items by start and end; the other half by a duration from the next free start.
			if (index % 2 === 0) {
				await page.getByLabel('Beginn', { exact: true }).fill(item.start);
				await page.getByLabel('Ende', { exact: true }).fill(item.end);
			} else {
				const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
				await page.getByLabel('Dauer in Minuten').fill(String(minutes(item.end) - minutes(item.start)));
			}
			await page.getByRole('button', { name: 'Punkt hinzufügen' }).click();
			await expect.poll(() => items(page).count()).toBe(index + 1);
			await expect
				.poll(() => page.getByRole('status').textContent())
				.toContain(`„${item.title}“ wurde hinzugefügt.`);
			// axe on the first item's page and on the whole agenda (each check takes seconds).
			if (index === 0) await settled(page);
		}
		expect(await shownAgenda(page)).toEqual(expected(agenda));
		await settled(page);
	}, 240_000);

	it('refuses an overlapping item, names it, links to the field and adds nothing', async () => {
		const { page } = session;
		await page.getByLabel('Art', { exact: true }).selectOption('poll');
		await page.getByLabel('Titel', { exact: true }).fill('Zweite Umfrage');
		await page.getByLabel('Beginn', { exact: true }).fill('14:12');
		await page.getByLabel('Ende', { exact: true }).fill('14:18');
		await page.getByRole('button', { name: 'Punkt hinzufügen' }).click();
		const summary = page.locator('.error-summary');
		await summary.waitFor();
		const link = summary.getByRole('link', {
			name: '„Zweite Umfrage“ überschneidet sich mit „Kurze Umfrage“.'
		});
		expect(await link.getAttribute('href')).toBe('#start');
		// What was typed stays in the form, and the field says what is wrong.
		expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe('Zweite Umfrage');
		expect(await page.locator('#start').getAttribute('aria-invalid')).toBe('true');
		expect(await items(page).count()).toBe(agenda.length);
		await settled(page);
	});

	it('moves an item down and back up with the buttons, recomputing the times', async () => {
		const { page } = session;
		await session.visit(path);
		await page.getByRole('button', { name: '„Kurze Umfrage“ nach unten verschieben' }).click();
		await expect.poll(() => shownAgenda(page).then((shown) => shown[3])).toBe('14:15–14:20 Kurze Umfrage');
		const swapped = [...agenda];
		[swapped[2], swapped[3]] = [
			{ ...agenda[3]!, start: '14:10', end: '14:15' },
			{ ...agenda[2]!, start: '14:15', end: '14:20' }
		];
		expect(await shownAgenda(page)).toEqual(expected(swapped));
		await expect.poll(() => page.getByRole('status').textContent()).toContain('Position 4 von 11');
		await settled(page);

		await page.getByRole('button', { name: '„Kurze Umfrage“ nach oben verschieben' }).click();
		await expect.poll(() => shownAgenda(page)).toEqual(expected(agenda));
		await settled(page);
	});

	// The keyboard moves need JavaScript; without it the buttons above do the same.
	it.skipIf(!session.hasJavaScript)('moves an item with the keyboard', async () => {
		const { page } = session;
		const item = page.locator('ol.agenda-list > li', { hasText: 'Kurze Umfrage' });
		await item.focus();
		await page.keyboard.press('Alt+ArrowDown');
		await expect.poll(() => shownAgenda(page).then((shown) => shown[3])).toBe('14:15–14:20 Kurze Umfrage');
		await expect.poll(() => page.getByRole('status').textContent()).toContain('Position 4 von 11');
		// The moved item keeps the focus.
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent))
			.toContain('Kurze Umfrage');
		await settled(page);

		// "Move" mode: the toggle, then the arrow keys.
		const toggle = page.getByRole('button', { name: '„Kurze Umfrage“ mit den Pfeiltasten verschieben' });
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
		await page.keyboard.press('ArrowUp');
		await expect.poll(() => shownAgenda(page)).toEqual(expected(agenda));
		await expect.poll(() => page.getByRole('status').textContent()).toContain('Position 3 von 11');
		await page.keyboard.press('Escape');
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
		await settled(page);
	});

	it('offers the agenda as JSON, with problem documents for refusals', async () => {
		const api = `/api/v1/meetings/${path.split('/')[3]}/2/agenda`;
		const request = session.page.request;
		// A changing request with the session cookie must come from the app's own origin.
		const headers = { origin: e2e.baseUrl };
		const listed = await request.get(api);
		expect(listed.status()).toBe(200);
		const body = (await listed.json()) as { items: { id: string; title: string; start: string }[] };
		expect(body.items.map((item) => item.title)).toEqual(agenda.map((item) => item.title));

		const overlap = await request.post(api, {
			headers,
			data: { kind: 'poll', title: 'Zweite Umfrage', start: '14:12', duration: 2 }
		});
		expect(overlap.status()).toBe(400);
		expect(overlap.headers()['content-type']).toContain('application/problem+json');
		expect(((await overlap.json()) as { errors: unknown[] }).errors).toEqual([
			{ path: '/start', message: '„Zweite Umfrage“ überschneidet sich mit „Kurze Umfrage“.' }
		]);

		const first = body.items[0]!;
		const patched = await request.patch(`${api}/${first.id}`, {
			headers,
			data: { title: 'Ankommen im Zoom' }
		});
		expect(patched.status()).toBe(200);
		expect(((await patched.json()) as { title: string }).title).toBe('Ankommen im Zoom');
		const back = await request.patch(`${api}/${first.id}`, { headers, data: { title: 'Ankommen' } });
		expect(back.status()).toBe(200);

		const mismatch = await request.post(`${api}/reorder`, { headers, data: { itemIds: [first.id] } });
		expect(mismatch.status()).toBe(400);
		// The meeting is a draft: someone not signed in learns nothing about it (as GET of the meeting).
		expect((await fetch(`${e2e.baseUrl}${api}`)).status).toBe(404);
		await session.visit(path);
		expect(await shownAgenda(session.page)).toEqual(expected(agenda));
	});
});
