import { randomUUID } from 'node:crypto';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateRoom } from '../../src/lib/server/services/breakouts-assignment';
import { getRound, updateRound } from '../../src/lib/server/services/breakouts-rounds';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { getCockpit } from '../../src/lib/server/services/live-moderation';
import { foundingDocument } from '../helpers/founding-document';
import {
	asE2eOrganizer,
	e2e,
	expectAccessible,
	gotoStarted,
	isE2eAvailable,
	sharedBrowser,
	signIn
} from './browser';

const FIRST = 'Bestehende lokale Netzwerke und informelle Vernetzung';
const SECOND = 'Weiterentwicklung und Herausforderungen von Netzwerken';

/**
 * The founding meeting with both breakout rounds, for a live session of guests only: its people
 * are removed (so that the three guests are everyone), the first round has one room (all three
 * together), the second three (one each), so that the test knows who is where.
 */
async function makeMeeting(): Promise<string> {
	const doc = foundingDocument();
	doc.series.id = `breakout-live-${randomUUID().slice(0, 8)}`;
	const number = doc.meeting.number;
	await asE2eOrganizer(async (db, actor) => {
		await importMeeting(db, actor, doc);
		const address = { seriesId: doc.series.id, number };
		const { meetingId } = await getCockpit(db, actor, doc.series.id, number);
		await db.deleteFrom('people').where('meeting_id', '=', meetingId).execute();
		await updateRound(db, actor, address, {
			round: 'runde-1',
			title: FIRST,
			questions: 'Welche Netzwerke gibt es bei Ihnen?\nWer fehlt noch?',
			roomCount: '1',
			dotsPerPerson: '2'
		});
		await updateRound(db, actor, address, { round: 'runde-2', title: SECOND, roomCount: '3' });
	});
	return `/manage/series/${doc.series.id}/meetings/${number}`;
}

/** A participant's browser: a guest who joins by display name, with or without JavaScript. */
interface Guest {
	name: string;
	context: BrowserContext;
	page: Page;
	hasJavaScript: boolean;
}

describe.skipIf(!isE2eAvailable)('breakout rounds live: cockpit, three guests, boards, overview', () => {
	let meetingPath: string;
	let moderatorContext: BrowserContext;
	let cockpit: Page;
	let overview: Page;
	let digits: string;
	let anna: Guest;
	let bernd: Guest;
	let carla: Guest;

	const newContext = async (javaScriptEnabled: boolean) =>
		(await sharedBrowser()).newContext({ javaScriptEnabled, baseURL: e2e.baseUrl, locale: 'de-DE' });

	beforeAll(async () => {
		meetingPath = await makeMeeting();
		moderatorContext = await newContext(true);
		cockpit = await moderatorContext.newPage();
		const guest = async (name: string, hasJavaScript: boolean): Promise<Guest> => {
			const context = await newContext(hasJavaScript);
			return { name, context, page: await context.newPage(), hasJavaScript };
		};
		anna = await guest('Anna', true);
		bernd = await guest('Bernd', true);
		carla = await guest('Carla', false);
	});
	afterAll(async () => {
		for (const context of [moderatorContext, anna?.context, bernd?.context, carla?.context])
			await context?.close();
	});

	/**
	 * A button's name: its visible words, then (visually hidden, so Playwright reads a space
	 * before it) the colon and what it acts on.
	 */
	const named = (visible: string, target: string) => new RegExp(`^${visible}\\s*: .*${target}`);
	const press = async (page: Page, name: string | RegExp) => {
		await page.getByRole('button', { name }).first().click();
		await page.waitForLoadState('networkidle');
	};
	/** Without JavaScript a participant sees changes after following the refresh link. */
	const refresh = async (guest: Guest) => {
		if (guest.hasJavaScript) return;
		await guest.page.getByRole('link', { name: 'Aktualisieren' }).click();
		await guest.page.waitForLoadState('networkidle');
	};
	const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
	/** A text on the page (a message, a notice); cards are counted by `seenCard`. */
	const seen = (page: Page, text: string) => expect.poll(() => page.getByText(text, { exact: true }).count());
	/** How many cards on the page have exactly this text. */
	const cardTexts = (page: Page, text: string) =>
		page.locator('.card-text').filter({ hasText: exactly(text) });
	const seenCard = (page: Page, text: string) => expect.poll(() => cardTexts(page, text).count());
	const cardOf = (page: Page, text: string): Locator =>
		page.locator('li.board-card', { has: cardTexts(page, text) });
	const addCard = async (guest: Guest, column: string, text: string) => {
		await guest.page.getByLabel('Spalte', { exact: true }).selectOption(column);
		await guest.page.getByLabel('Text der Karte').fill(text);
		await press(guest.page, 'Karte hinzufügen');
		await seenCard(guest.page, text).toBe(1);
	};
	/** Opens the card's edit form and types into it; returns the card's element (by its id). */
	const startEdit = async (page: Page, text: string, newText: string): Promise<Locator> => {
		const id = await cardOf(page, text).getAttribute('id');
		const card = page.locator(`#${id}`);
		await card.locator('summary').click();
		await card.getByLabel('Neuer Text').fill(newText);
		return card;
	};
	const saveEdit = async (card: Locator) => {
		await card.getByRole('button', { name: /^Änderung speichern/ }).click();
		await card.page().waitForLoadState('networkidle');
	};

	it('starts the live session; three guests join by name, one of them without JavaScript', async () => {
		await signIn(cockpit, e2e.organizer.email, e2e.organizer.password);
		await cockpit.goto(`${meetingPath}/live`);
		await press(cockpit, 'Live-Sitzung starten');
		const heading = await cockpit.getByRole('heading', { name: /Code für die Teilnehmenden/ }).textContent();
		digits = /(\d{3}) (\d{3})/
			.exec(heading ?? '')!
			.slice(1)
			.join('');
		for (const guest of [anna, bernd, carla]) {
			await gotoStarted(guest.page, `/live/${digits}`);
			await guest.page.getByLabel('Ihr Name').fill(guest.name);
			await press(guest.page, 'Teilnehmen');
			await expect.poll(() => guest.page.getByRole('heading', { name: 'Jetzt' }).count()).toBe(1);
		}
		// Before a round: the cockpit lists both breakout items, each startable.
		const section = cockpit.locator('#breakouts');
		expect(await section.getByRole('button', { name: /^Runde starten/ }).count()).toBe(2);
		await expectAccessible(cockpit, { state: 'breakouts, no round' });
	});

	it('starts the first round from the cockpit: every guest sees the room, the questions and the time', async () => {
		await press(cockpit, named('Runde starten', FIRST));
		await expect
			.poll(() => cockpit.getByRole('heading', { name: `Laufende Runde: ${FIRST}` }).count())
			.toBe(1);
		expect(await cockpit.getByRole('timer').textContent()).toMatch(/Noch (19|20):\d\d in dieser Runde/);
		expect(await cockpit.getByRole('button', { name: 'Runde beenden' }).count()).toBe(1);
		await expectAccessible(cockpit, { state: 'breakouts, round running' });

		for (const guest of [anna, bernd, carla]) {
			await refresh(guest);
			await expect.poll(() => guest.page.getByRole('heading', { name: /^Ihr Raum: / }).count()).toBe(1);
			expect(await guest.page.getByRole('heading', { name: `Breakout-Runde: ${FIRST}` }).count()).toBe(1);
			expect(await guest.page.getByRole('listitem').filter({ hasText: 'Wer fehlt noch?' }).count()).toBe(1);
			expect(await guest.page.getByRole('timer').first().textContent()).toMatch(/in dieser Runde/);
			expect(
				await guest.page.getByText('2 weitere Person(en) ohne Namensnennung', { exact: false }).count()
			).toBe(1);
			expect(await guest.page.getByText('Sie haben noch 2 von 2 Punkten.').count()).toBe(1);
		}
		await expectAccessible(anna.page, { state: 'breakout room, empty board' });
		await expectAccessible(carla.page, { state: 'breakout room, empty board' });
	});

	it('syncs the board live between the guests with JavaScript, and announces new cards politely', async () => {
		await addCard(anna, 'Ideen', 'Kulturstammtisch');
		await seenCard(bernd.page, 'Kulturstammtisch').toBe(1);
		await expect
			.poll(() => bernd.page.locator('[aria-live="polite"]').first().textContent())
			.toContain('Neue Karte auf der Pinnwand: Kulturstammtisch');
		await addCard(bernd, 'Erfahrungen', 'Ehrenamtsbörse');
		await seenCard(anna.page, 'Ehrenamtsbörse').toBe(1);
		// Bernd's dot on Anna's card reaches Anna; authors are never named.
		await press(bernd.page, named('Punkt vergeben', 'Kulturstammtisch'));
		await expect.poll(() => cardOf(bernd.page, 'Kulturstammtisch').getByText('1 Punkt(e)').count()).toBe(1);
		// The dot's own event may come before the reload that counts Bernd's dots left.
		await seen(bernd.page, 'Sie haben noch 1 von 2 Punkten.').toBe(1);
		await expect.poll(() => cardOf(anna.page, 'Kulturstammtisch').getByText('1 Punkt(e)').count()).toBe(1);
		await expect.poll(() => cardOf(anna.page, 'Kulturstammtisch').getByText('Ihre Karte').count()).toBe(1);
		expect(await cardOf(bernd.page, 'Kulturstammtisch').getByText('Ihre Karte').count()).toBe(0);
		expect(await anna.page.getByText('Bernd').count()).toBe(0);
		// Carla (no JavaScript) sees both after a reload, and adds her own.
		await refresh(carla);
		await seenCard(carla.page, 'Kulturstammtisch').toBe(1);
		await addCard(carla, 'Herausforderungen', 'Seniorentreff');
		await seenCard(anna.page, 'Seniorentreff').toBe(1);
		await expectAccessible(anna.page, { state: 'breakout room, cards' });
	});

	it('shows the moderators every room’s cards live on the overview', async () => {
		overview = await moderatorContext.newPage();
		await overview.goto(`${meetingPath}/live`);
		await overview
			.getByRole('link', { name: `Übersicht aller Räume: ${FIRST}` })
			.first()
			.click();
		await overview.waitForURL(/\/overview$/);
		await overview.waitForLoadState('networkidle');
		expect(await overview.getByRole('heading', { level: 1 }).textContent()).toBe(`Übersicht: ${FIRST}`);
		for (const text of ['Kulturstammtisch', 'Ehrenamtsbörse', 'Seniorentreff'])
			await seenCard(overview, text).toBe(1);
		expect(await cardOf(overview, 'Kulturstammtisch').getByText('1 Punkt(e)').count()).toBe(1);
		await addCard(bernd, 'Ideen', 'Vereinsfest');
		await seenCard(overview, 'Vereinsfest').toBe(1);
		await expect
			.poll(() => overview.locator('[aria-live="polite"]').first().textContent())
			.toContain('Vereinsfest');
		await expectAccessible(overview, { state: 'overview with cards' });
	});

	it('refuses a conflicting edit with JavaScript and shows the current text', async () => {
		const annasEdit = await startEdit(anna.page, 'Kulturstammtisch', 'Kulturstammtisch monatlich');
		const moderatorsEdit = await startEdit(overview, 'Kulturstammtisch', 'Kulturstammtisch im Rathaus');
		await saveEdit(moderatorsEdit);
		await seenCard(overview, 'Kulturstammtisch im Rathaus').toBe(1);
		// Anna's page follows the change, but her open edit keeps the version it started from.
		await seenCard(anna.page, 'Kulturstammtisch im Rathaus').toBe(1);
		await saveEdit(annasEdit);
		const alert = annasEdit.getByRole('alert');
		await expect.poll(() => alert.count()).toBe(1);
		expect(await alert.textContent()).toContain('Ihre Änderung wurde nicht gespeichert');
		expect(await alert.locator('.current-text').textContent()).toBe('Kulturstammtisch im Rathaus');
		expect(await alert.textContent()).toContain('Kulturstammtisch monatlich');
		expect(await annasEdit.locator('.card-text').textContent()).toBe('Kulturstammtisch im Rathaus');
		await expectAccessible(anna.page, { state: 'breakout room, edit conflict' });
		// Saving again, knowingly, replaces the current text.
		await saveEdit(annasEdit);
		await seenCard(anna.page, 'Kulturstammtisch monatlich').toBe(1);
		await seenCard(bernd.page, 'Kulturstammtisch monatlich').toBe(1);
		await expect.poll(() => anna.page.getByRole('alert').count()).toBe(0);
	});

	it('refuses a conflicting edit without JavaScript and shows the current text', async () => {
		const carlasEdit = await startEdit(carla.page, 'Seniorentreff', 'Seniorentreff dienstags');
		const moderatorsEdit = await startEdit(overview, 'Seniorentreff', 'Seniorentreff mittwochs');
		await saveEdit(moderatorsEdit);
		await seenCard(overview, 'Seniorentreff mittwochs').toBe(1);
		await carlasEdit.getByRole('button', { name: /^Änderung speichern/ }).click();
		await carla.page.waitForLoadState('networkidle');
		const alert = carla.page.getByRole('alert').filter({ hasText: 'Ihre Änderung wurde nicht gespeichert' });
		await expect.poll(() => alert.count()).toBe(1);
		expect(await alert.locator('.current-text').textContent()).toBe('Seniorentreff mittwochs');
		expect(await alert.textContent()).toContain('Seniorentreff dienstags');
		expect(await cardTexts(carla.page, 'Seniorentreff mittwochs').count()).toBe(1);
		await expectAccessible(carla.page, { state: 'breakout room, edit conflict' });
	});

	it('gives every card back after a reload, and the missed ones after the stream reconnects', async () => {
		const all = ['Kulturstammtisch monatlich', 'Ehrenamtsbörse', 'Vereinsfest', 'Seniorentreff mittwochs'];
		await bernd.page.reload();
		await bernd.page.waitForLoadState('networkidle');
		for (const text of all) await seenCard(bernd.page, text).toBe(1);

		// Offline, Bernd's page closes its stream; back online it asks for what came after its last event.
		await bernd.context.setOffline(true);
		await expect.poll(() => bernd.page.evaluate(() => navigator.onLine)).toBe(false);
		await addCard(anna, 'Ideen', 'Bürgerstiftung');
		await seenCard(overview, 'Bürgerstiftung').toBe(1);
		expect(await cardTexts(bernd.page, 'Bürgerstiftung').count()).toBe(0);
		await bernd.context.setOffline(false);
		await seenCard(bernd.page, 'Bürgerstiftung').toBe(1);
		// And the stream goes on live after the reconnect.
		await addCard(anna, 'Erfahrungen', 'Nachbarschaftshilfe');
		await seenCard(bernd.page, 'Nachbarschaftshilfe').toBe(1);
	});

	it('sends the moderators’ message to the room', async () => {
		await gotoStarted(cockpit, `${meetingPath}/live#breakouts`);
		await cockpit.getByLabel('Nachricht an alle Räume').fill('Bitte in fünf Minuten zum Schluss kommen.');
		await press(cockpit, 'An alle Räume senden');
		for (const guest of [anna, bernd, carla]) {
			await refresh(guest);
			await seen(guest.page, 'Bitte in fünf Minuten zum Schluss kommen.').toBe(1);
		}
		expect(await anna.page.getByRole('heading', { name: 'Nachricht der Moderation' }).count()).toBe(1);
	});

	it('ends the first round: the rooms learn it live (without JavaScript after a reload)', async () => {
		await press(cockpit, 'Runde beenden');
		await expect
			.poll(() => cockpit.getByRole('heading', { name: `Zuletzt beendet: ${FIRST}` }).count())
			.toBe(1);
		for (const guest of [anna, bernd, carla]) {
			await refresh(guest);
			await seen(guest.page, `Die Runde „${FIRST}“ ist beendet. Vielen Dank!`).toBe(1);
			expect(await guest.page.getByRole('heading', { name: 'Pinnwand' }).count()).toBe(0);
		}
	});

	it('runs the second round in three rooms: the message reaches every room, boards stay apart', async () => {
		await press(cockpit, named('Runde starten', SECOND));
		await expect
			.poll(() => cockpit.getByRole('heading', { name: `Laufende Runde: ${SECOND}` }).count())
			.toBe(1);
		const rooms = new Set<string>();
		for (const guest of [anna, bernd, carla]) {
			await refresh(guest);
			const room = guest.page.getByRole('heading', { name: /^Ihr Raum: / });
			await expect.poll(() => room.count()).toBe(1);
			// The round comes with the live event, the room with the reload it starts: wait for both.
			await seen(guest.page, 'Außer Ihnen ist noch niemand im Raum.').toBe(1);
			rooms.add((await room.textContent())!);
		}
		expect(rooms.size).toBe(3);

		await cockpit.getByLabel('Nachricht an alle Räume').fill('Willkommen in der zweiten Runde.');
		await press(cockpit, 'An alle Räume senden');
		for (const guest of [anna, bernd, carla]) {
			await refresh(guest);
			await seen(guest.page, 'Willkommen in der zweiten Runde.').toBe(1);
		}
		await addCard(anna, 'Ideen', 'Gemeinsamer Kalender');
		const overviewPath = `${meetingPath}/breakouts/runde-2/overview`;
		await overview.goto(overviewPath);
		await seenCard(overview, 'Gemeinsamer Kalender').toBe(1);
		expect(await overview.locator('section.room').count()).toBe(3);
		expect(await cardTexts(bernd.page, 'Gemeinsamer Kalender').count()).toBe(0);

		await cockpit.goto(`${meetingPath}/live`);
		await press(cockpit, 'Runde beenden');
		await expect
			.poll(() => cockpit.getByRole('heading', { name: `Zuletzt beendet: ${SECOND}` }).count())
			.toBe(1);
		await seen(anna.page, `Die Runde „${SECOND}“ ist beendet. Vielen Dank!`).toBe(1);
	});
});

/** The founding meeting (guests only) whose first round is self-chosen: two rooms with topics. */
async function makeSelfChosenMeeting(): Promise<string> {
	const doc = foundingDocument();
	doc.series.id = `breakout-choice-${randomUUID().slice(0, 8)}`;
	const address = { seriesId: doc.series.id, number: doc.meeting.number };
	await asE2eOrganizer(async (db, actor) => {
		await importMeeting(db, actor, doc);
		const { meetingId } = await getCockpit(db, actor, address.seriesId, address.number);
		await db.deleteFrom('people').where('meeting_id', '=', meetingId).execute();
		await updateRound(db, actor, address, { round: 'runde-1', title: FIRST, roomCount: '2', mode: 'self' });
		const { rooms } = (await getRound(db, actor, address, 'runde-1')).round;
		for (const [index, topic] of ['Förderung', 'Ehrenamt'].entries())
			await updateRoom(db, actor, address, {
				round: 'runde-1',
				roomId: rooms[index]!.id,
				name: `Raum ${index + 1}`,
				topic
			});
	});
	return `/manage/series/${address.seriesId}/meetings/${address.number}`;
}

for (const hasJavaScript of [true, false]) {
	describe.skipIf(!isE2eAvailable)(
		`breakout rounds live: a guest who arrives picks a room by its topic (${hasJavaScript ? 'with' : 'without'} JavaScript)`,
		() => {
			let moderator: BrowserContext;
			let guest: BrowserContext;
			afterAll(async () => {
				await moderator?.close();
				await guest?.close();
			});

			it('offers the rooms with their topics and places the guest in the chosen one', async () => {
				const meetingPath = await makeSelfChosenMeeting();
				const browser = await sharedBrowser();
				moderator = await browser.newContext({ baseURL: e2e.baseUrl, locale: 'de-DE' });
				guest = await browser.newContext({
					javaScriptEnabled: hasJavaScript,
					baseURL: e2e.baseUrl,
					locale: 'de-DE'
				});
				const cockpit = await moderator.newPage();
				await signIn(cockpit, e2e.organizer.email, e2e.organizer.password);
				await cockpit.goto(`${meetingPath}/live`);
				await cockpit.getByRole('button', { name: 'Live-Sitzung starten' }).click();
				await cockpit.waitForLoadState('networkidle');
				const heading = await cockpit
					.getByRole('heading', { name: /Code für die Teilnehmenden/ })
					.textContent();
				const digits = /(\d{3}) (\d{3})/
					.exec(heading ?? '')!
					.slice(1)
					.join('');
				await cockpit.getByRole('button', { name: /^Runde starten\s*: .*Bestehende/ }).click();
				await expect
					.poll(() => cockpit.getByRole('heading', { name: `Laufende Runde: ${FIRST}` }).count())
					.toBe(1);

				// Arriving while the self-chosen round runs, the guest has no room yet: they pick one.
				const page = await guest.newPage();
				await gotoStarted(page, `/live/${digits}`);
				await page.getByLabel('Ihr Name').fill('Dora');
				await page.getByRole('button', { name: 'Teilnehmen' }).click();
				await page.waitForLoadState('networkidle');
				await expect.poll(() => page.getByRole('heading', { name: 'Raum wählen' }).count()).toBe(1);
				expect(await page.getByLabel('Raum 1 – Förderung').count()).toBe(1);
				await expectAccessible(page, { state: 'breakout room choice' });
				await page.getByLabel('Raum 2 – Ehrenamt').check();
				await page.getByRole('button', { name: 'Diesen Raum wählen' }).click();
				await page.waitForLoadState('networkidle');
				await expect.poll(() => page.getByRole('heading', { name: 'Ihr Raum: Raum 2' }).count()).toBe(1);
				expect(await page.getByText('Thema: Ehrenamt').count()).toBe(1);
				expect(await page.getByRole('heading', { name: 'Raum wählen' }).count()).toBe(0);
				await page.getByLabel('Text der Karte').fill('Freiwilligenagentur');
				await page.getByRole('button', { name: 'Karte hinzufügen' }).click();
				await expect
					.poll(() => page.locator('.card-text', { hasText: 'Freiwilligenagentur' }).count())
					.toBe(1);
			});
		}
	);
}
