import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importLiveMeeting } from '../integration/live-fixtures';
import {
	asE2eOrganizer,
	e2e,
	expectAccessible,
	gotoStarted,
	inBothModes,
	isE2eAvailable,
	signIn
} from './browser';

/** The founding meeting with a poll of every question kind, imported for the e2e organizer. */
async function makeLiveMeeting(): Promise<{ seriesSlug: string; number: number }> {
	const { seriesSlug, number } = await asE2eOrganizer(importLiveMeeting);
	return { seriesSlug, number };
}

inBothModes('live meeting: moderator, participant and projector', (session) => {
	let participantContext: BrowserContext;
	let participant: Page;
	let cockpitPath: string;
	let digits: string;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		const meeting = await makeLiveMeeting();
		cockpitPath = `/manage/series/${meeting.seriesSlug}/meetings/${meeting.number}/live`;
		participantContext = await session.context.browser()!.newContext({
			javaScriptEnabled: session.hasJavaScript,
			baseURL: e2e.baseUrl,
			locale: 'de-DE'
		});
		participant = await participantContext.newPage();
	});
	afterAll(async () => {
		await participantContext?.close();
	});

	const moderator = () => session.page;
	const press = async (page: Page, name: string | RegExp) => {
		await page.getByRole('button', { name }).first().click();
		await page.waitForLoadState('networkidle');
	};

	it('starts the session from the cockpit and shows the join code', async () => {
		await signIn(moderator(), e2e.organizer.email, e2e.organizer.password);
		await session.visit(cockpitPath);
		await press(moderator(), 'Live-Sitzung starten');
		const heading = await moderator()
			.getByRole('heading', { name: /Code für die Teilnehmenden/ })
			.textContent();
		digits = /(\d{3}) (\d{3})/
			.exec(heading ?? '')!
			.slice(1)
			.join('');
		expect(digits).toMatch(/^\d{6}$/);
		await press(moderator(), 'Nächster Punkt');
		await press(moderator(), 'Umfrage „Kurze Umfrage“ öffnen');
		await expect.poll(() => moderator().getByText('Zustand: offen').count()).toBe(1);
		await expectAccessible(moderator());
	});

	it('lets a guest enter the code, join with a name and answer every kind of question', async () => {
		if (!session.hasJavaScript) {
			// No running session behind an address: the live error page says so (axe once).
			const missing = await participant.goto('/live/0');
			expect(missing?.status()).toBe(404);
			expect(await participant.getByText('Zu diesem Code gibt es keine laufende Live-Sitzung.').count()).toBe(
				1
			);
			await expectAccessible(participant);
		}
		await participant.goto('/live');
		await expectAccessible(participant);
		await participant.getByLabel('Code').fill(`${digits.slice(0, 3)} ${digits.slice(3)}`);
		await press(participant, 'Weiter');
		await participant.waitForURL(`**/live/${digits}`);
		await expectAccessible(participant);
		// Before joining only the title and the join form: no link to the series' wishes either.
		const wishLink = () => participant.getByRole('link', { name: 'Themenwunsch einreichen' });
		expect(await wishLink().count()).toBe(0);
		await participant.getByLabel('Ihr Name').fill('Petra');
		await press(participant, 'Teilnehmen');
		await expect
			.poll(() => participant.getByRole('heading', { name: 'Umfrage: Kurze Umfrage' }).count())
			.toBe(1);
		expect(await wishLink().getAttribute('href')).toMatch(/^\/series\/[a-z0-9-]+\/wuensche#submit-heading$/);
		await expectAccessible(participant);

		const form = (text: string) => participant.locator('form.question-form', { hasText: text });
		const send = async (text: string) => {
			await form(text).getByRole('button', { name: 'Antwort senden' }).click();
			await expect.poll(() => form(text).getByText('Ihre Antwort ist gespeichert').count()).toBe(1);
		};
		await form('Welche Rolle').getByLabel('Verein').check();
		await send('Welche Rolle');
		// Too many choices: the error is named and linked, nothing is stored.
		for (const label of ['Netzwerke', 'Förderung', 'Ehrenamt'])
			await form('Welche Themen').getByLabel(label).check();
		await form('Welche Themen').getByRole('button', { name: 'Antwort senden' }).click();
		await expect
			.poll(() => participant.getByText('Bitte höchstens 2 Antworten auswählen.').count())
			.toBeGreaterThan(0);
		await expectAccessible(participant);
		await form('Welche Themen').getByLabel('Förderung').uncheck();
		await send('Welche Themen');
		await form('Wie zufrieden').getByLabel('4', { exact: true }).check();
		expect(await form('Wie zufrieden').getByLabel('5 (sehr)').count()).toBe(1);
		await send('Wie zufrieden');
		await form('Was wünschen').getByLabel('Was wünschen Sie sich?').fill('Mehr Austausch vor Ort');
		await send('Was wünschen');
		await expectAccessible(participant);
	});

	it('closes the poll and shows the results to the participant and on the projector', async () => {
		await session.visit(cockpitPath);
		await press(moderator(), 'Umfrage „Kurze Umfrage“ schließen');
		// With JavaScript the press returns before the answer: the poll is closed once it can be opened again.
		await moderator().getByRole('button', { name: 'Umfrage „Kurze Umfrage“ öffnen' }).first().waitFor();
		await press(moderator(), 'Ergebnisse von „Kurze Umfrage“ zeigen');
		await expectAccessible(moderator());

		// With JavaScript the participant's page follows by itself; without, the refresh link.
		if (!session.hasJavaScript) await participant.getByRole('link', { name: 'Aktualisieren' }).click();
		await expect
			.poll(() => participant.getByRole('heading', { name: 'Ergebnisse: Kurze Umfrage' }).count())
			.toBe(1);
		const table = participant.getByRole('table').first();
		await expect.poll(() => table.getByRole('row', { name: /Verein 1 100 %/ }).count()).toBe(1);
		expect(await participant.getByText('Mehr Austausch vor Ort').count()).toBeGreaterThan(0);
		await expect.poll(() => participant.getByText('Gerade ist keine Umfrage offen.').count()).toBe(1);
		await expectAccessible(participant);

		await session.visit(`/live/${digits}/projector`);
		expect(await moderator().getByRole('heading', { name: 'Ergebnisse: Kurze Umfrage' }).count()).toBe(1);
	});

	it('broadcasts a message that the participant sees', async () => {
		const cockpit = await session.context.newPage();
		await gotoStarted(cockpit, cockpitPath);
		await cockpit.getByRole('textbox', { name: 'Nachricht an alle' }).fill('Gleich geht es weiter.');
		await press(cockpit, 'Nachricht senden');
		if (session.hasJavaScript) {
			// The projector (open in the other tab) follows live.
			await expect.poll(() => moderator().getByText('Gleich geht es weiter.').count()).toBe(1);
		} else {
			await participant.getByRole('link', { name: 'Aktualisieren' }).click();
		}
		await expect.poll(() => participant.getByText('Gleich geht es weiter.').count()).toBe(1);
		await expectAccessible(participant);
		await cockpit.close();
	});
});
