import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { foundingDocument } from '../helpers/founding-document';
import {
	asE2eOrganizer,
	e2e,
	expectAccessible,
	gotoStarted,
	inBothModes,
	isE2eAvailable,
	signIn
} from './browser';

/** The founding meeting without polls (its item "Kurze Umfrage" opens none yet), for the e2e organizer. */
async function makeMeetingWithoutPolls(): Promise<string> {
	const doc = foundingDocument();
	doc.series.id = `umfragen-${randomUUID().slice(0, 8)}`;
	delete doc.meeting.polls;
	for (const item of doc.meeting.agenda) delete item.poll;
	await asE2eOrganizer((db, actor) => importMeeting(db, actor, doc));
	return `/manage/series/${doc.series.id}/meetings/${doc.meeting.number}`;
}

inBothModes('polls prepared in the meeting and opened from the agenda', (session) => {
	let meetingPath: string;
	let participantContext: BrowserContext;
	let participant: Page;
	let digits: string;

	beforeAll(async () => {
		if (!isE2eAvailable) return;
		meetingPath = await makeMeetingWithoutPolls();
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

	const organizer = () => session.page;
	const press = async (page: Page, name: string | RegExp) => {
		await page.getByRole('button', { name }).first().click();
		await page.waitForLoadState('networkidle');
	};
	const status = () => organizer().getByRole('status').first();

	it('creates a poll with a single-choice and a scale question, correcting a mistake', async () => {
		const page = organizer();
		await signIn(page, e2e.organizer.email, e2e.organizer.password);
		await session.visit(meetingPath);
		await page.getByRole('link', { name: 'Umfragen', exact: true }).click();
		await page.waitForURL((url) => url.pathname === `${meetingPath}/polls`);
		await expectAccessible(page);
		expect(await page.getByText('Für dieses Treffen gibt es noch keine Umfrage.').count()).toBe(1);

		await page.getByLabel('Titel der Umfrage').fill('Blitzlicht');
		await press(page, 'Umfrage anlegen');
		await page.waitForURL((url) => url.pathname === `${meetingPath}/polls/blitzlicht`);
		await expect.poll(() => status().textContent()).toContain('Die Umfrage „Blitzlicht“ wurde angelegt.');
		expect(await page.getByText('Zustand: Entwurf').count()).toBe(1);
		await expectAccessible(page);

		// One option only: the error is named, linked to the field, and what was typed stays.
		await page.getByLabel('Frage', { exact: true }).fill('Wo arbeiten Sie?');
		await page.getByLabel('Einfachauswahl (eine Antwort)').check();
		await page.getByLabel('Antwortmöglichkeiten', { exact: true }).fill('Verwaltung');
		await press(page, 'Frage hinzufügen');
		const summary = page.getByRole('alert');
		await expect.poll(() => summary.textContent()).toContain('Bitte korrigieren Sie 1 Angabe(n):');
		const link = summary.getByRole('link', {
			name: 'Bitte mindestens zwei Antwortmöglichkeiten angeben, eine pro Zeile.'
		});
		expect(await link.getAttribute('href')).toBe('#options');
		expect(await page.getByLabel('Frage', { exact: true }).inputValue()).toBe('Wo arbeiten Sie?');
		expect(await page.getByLabel('Antwortmöglichkeiten', { exact: true }).getAttribute('aria-invalid')).toBe(
			'true'
		);
		await expectAccessible(page);

		await page.getByLabel('Antwortmöglichkeiten', { exact: true }).fill('Verwaltung\nVerein\nAndere');
		await press(page, 'Frage hinzufügen');
		await expect
			.poll(() => status().textContent())
			.toContain('Die Frage „Wo arbeiten Sie?“ wurde hinzugefügt.');

		await page.getByLabel('Frage', { exact: true }).fill('Wie zufrieden sind Sie?');
		await page.getByLabel('Skala', { exact: true }).check();
		await page.getByLabel('Unteres Ende', { exact: true }).fill('1');
		await page.getByLabel('Oberes Ende', { exact: true }).fill('5');
		await page.getByLabel('Beschriftung des unteren Endes').fill('gar nicht');
		await page.getByLabel('Beschriftung des oberen Endes').fill('sehr');
		await press(page, 'Frage hinzufügen');
		await expect
			.poll(() => status().textContent())
			.toContain('Die Frage „Wie zufrieden sind Sie?“ wurde hinzugefügt.');
		expect(await page.getByText('Skala von 1 bis 5').count()).toBe(1);
		expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
			'Wo arbeiten Sie?',
			'Wie zufrieden sind Sie?'
		]);
		await expectAccessible(page);
	});

	it('links the agenda item of kind poll to the new poll', async () => {
		const page = organizer();
		await session.visit(`${meetingPath}/agenda`);
		await page.getByRole('link', { name: '„Kurze Umfrage“ bearbeiten' }).click();
		// With JavaScript the page follows the link without a reload: wait for the edit form.
		await page.getByRole('heading', { name: 'Punkt bearbeiten: „Kurze Umfrage“' }).waitFor();
		await page.getByLabel('Umfrage, die dieser Punkt öffnet').selectOption({ label: 'Blitzlicht' });
		await press(page, 'Änderungen speichern');
		await expect.poll(() => page.getByText('Öffnet die Umfrage „Blitzlicht“').count()).toBe(1);
		await expectAccessible(page);
	});

	it('opens the poll from its agenda item in the cockpit, and a participant sees its question', async () => {
		const page = organizer();
		await session.visit(`${meetingPath}/live`);
		await press(page, 'Live-Sitzung starten');
		const heading = await page.getByRole('heading', { name: /Code für die Teilnehmenden/ }).textContent();
		digits = /(\d{3}) (\d{3})/
			.exec(heading ?? '')!
			.slice(1)
			.join('');
		await press(page, 'Jetzt: Kurze Umfrage');
		const item = page.locator('li', { hasText: 'Zu diesem Punkt gehört die Umfrage „Blitzlicht“.' });
		await item.getByRole('button', { name: 'Umfrage „Blitzlicht“ öffnen' }).click();
		await page.waitForLoadState('networkidle');
		await expect.poll(() => page.getByText('Zustand: offen').count()).toBe(1);
		await expectAccessible(page);

		await gotoStarted(participant, `/live/${digits}`);
		await participant.getByLabel('Ihr Name').fill('Petra');
		await press(participant, 'Teilnehmen');
		await expect
			.poll(() => participant.getByRole('heading', { name: 'Umfrage: Blitzlicht' }).count())
			.toBe(1);
		const question = participant.locator('form.question-form', { hasText: 'Wo arbeiten Sie?' });
		expect(await question.getByLabel('Verein').count()).toBe(1);
		expect(await participant.getByText('Wie zufrieden sind Sie?').count()).toBeGreaterThan(0);
		await expectAccessible(participant);

		// Opened, the poll is read-only for the organizers.
		await session.visit(`${meetingPath}/polls/blitzlicht`);
		expect(await page.getByText(/nur noch lesbar/).count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Frage hinzufügen' }).count()).toBe(0);
	});
});
