import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { LiveBus } from '../../src/lib/server/live/bus';
import { broadcastToRooms, endRound, startRound } from '../../src/lib/server/services/breakouts-live';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { startLiveSession } from '../../src/lib/server/services/live-moderation';
import { expectLinesInOrder } from '../helpers/founding-document';
import { FIRST_ROUND, foundingMeetingWithRooms, SECOND_ROUND, UNCONSENTED } from '../helpers/founding-rounds';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable, signIn } from './browser';

const SYNTHESIS = 'Stammtische tragen die informelle Vernetzung vor Ort.';
const FINDINGS = 'Die Netzwerke wünschen sich regelmäßige Treffen im Land.';

/** Runs `work` with a live bus on the app's database (events are stored there for the app's streams). */
function withBus<T>(work: (bus: LiveBus) => Promise<T>): Promise<T> {
	return asE2eOrganizer(async (db) => {
		const bus = new LiveBus(db);
		try {
			return await work(bus);
		} finally {
			await bus.close();
		}
	});
}

/** Waits until SvelteKit's client started on the page (it marks the history entry first thing). */
async function untilHydrated(page: Page): Promise<void> {
	await page.waitForFunction(
		() => (history.state as Record<string, unknown> | null)?.['sveltekit:history'] !== undefined
	);
}

inBothModes(
	'breakout synthesis: clusters, synthesis and findings on the projector and in the documentation',
	(session) => {
		const seriesId = `synthese-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
		const meetingPath = `/manage/series/${seriesId}/meetings/2`;
		const roundPath = `${meetingPath}/breakouts/runde-1`;
		const address = { seriesId, number: 2 };
		let digits: string;

		beforeAll(async () => {
			if (!isE2eAvailable) return;
			digits = await asE2eOrganizer(async (db, actor) => {
				await importMeeting(db, actor, foundingMeetingWithRooms(seriesId), { publish: true });
				return withBus(async (bus) => (await startLiveSession(db, bus, actor, seriesId, 2, {})).code);
			});
		});

		const status = (page: Page) => page.getByRole('status').first();
		const press = async (page: Page, name: string | RegExp) => {
			await page.getByRole('button', { name }).first().click();
			await page.waitForLoadState('networkidle');
		};

		it('shows the running round on the projector: title, time left and the message to every room', async () => {
			await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
			await asE2eOrganizer((db, actor) =>
				withBus(async (bus) => {
					await startRound(db, bus, actor, address, 'runde-1');
					await broadcastToRooms(
						db,
						bus,
						actor,
						address,
						'runde-1',
						'Noch fünf Minuten, bitte Karten ergänzen.'
					);
				})
			);
			const projector = await session.visit(`/live/${digits}/projector`, { state: 'breakout round running' });
			expect(await projector.getByRole('heading', { name: `Breakout-Runde: ${FIRST_ROUND}` }).count()).toBe(
				1
			);
			expect(await projector.getByRole('timer').first().textContent()).toMatch(/Noch \d+:\d\d/);
			expect(await projector.getByText('Noch fünf Minuten, bitte Karten ergänzen.').count()).toBe(1);
			await asE2eOrganizer((db, actor) => withBus((bus) => endRound(db, bus, actor, address, 'runde-1')));
		});

		it('groups cards of every room into a cluster on the synthesis page, with a clear error first', async () => {
			const page = await session.visit(roundPath);
			await page.getByRole('link', { name: 'Ergebnisse im Plenum zusammenführen' }).click();
			await page.waitForURL((url) => url.pathname === `${roundPath}/synthesis`);
			await expectAccessible(page);
			expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Ergebnisse: ${FIRST_ROUND}`);
			// All rooms side by side, each column with its cards and their dots.
			const raum1 = page.getByRole('region', { name: 'Raum 1' });
			expect(await raum1.getByRole('heading', { name: 'Spalte „Netzwerke“ (2)' }).count()).toBe(1);
			expect(
				await raum1.getByRole('listitem').filter({ hasText: 'Kulturstammtisch im Rathaus' }).textContent()
			).toContain('3 Punkte');
			const raum2 = page.getByRole('region', { name: 'Raum 2' });
			expect(await raum2.getByText('Newsletter der Kreise').count()).toBe(1);

			await press(page, 'Gruppe anlegen');
			await expect.poll(() => page.getByRole('alert').count()).toBe(1);
			expect(await page.getByLabel('Name der neuen Gruppe').getAttribute('aria-invalid')).toBe('true');
			await expectAccessible(page, { state: 'error' });

			await page.getByLabel('Name der neuen Gruppe').fill('Stammtische');
			await press(page, 'Gruppe anlegen');
			await expect.poll(() => status(page).textContent()).toContain('Die Gruppe wurde angelegt.');

			for (const card of ['Kulturstammtisch im Rathaus', 'Stammtisch der Heimatvereine']) {
				const select = page.getByLabel(`Gruppe für die Karte „${card}“`);
				await select.selectOption({ label: 'Stammtische' });
				await page.locator('form', { has: select }).getByRole('button', { name: 'Zuordnen' }).click();
				await page.waitForLoadState('networkidle');
				await expect.poll(() => status(page).textContent()).toContain('Die Karte wurde zugeordnet.');
			}
			await expect.poll(() => page.getByText('Gruppe: Stammtische').count()).toBe(2);
			expect(await page.getByRole('list', { name: 'Gruppen' }).textContent()).toContain(
				'Stammtische (2 Karten)'
			);
			await expectAccessible(page, { state: 'clustered' });

			// A group made by mistake is deleted again; the others stay.
			await page.getByLabel('Name der neuen Gruppe').fill('Verworfen');
			await press(page, 'Gruppe anlegen');
			await expect.poll(() => status(page).textContent()).toContain('Die Gruppe wurde angelegt.');
			await press(page, 'Gruppe „Verworfen“ löschen');
			await expect.poll(() => status(page).textContent()).toContain('Die Gruppe wurde gelöscht');
			expect(await page.getByRole('list', { name: 'Gruppen' }).getByRole('listitem').count()).toBe(1);

			const csv = await page.request.get(
				(await page
					.getByRole('link', { name: 'Karten mit Gruppen herunterladen (CSV)' })
					.getAttribute('href'))!
			);
			expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
			expect(await csv.text()).toContain('Raum 1;Netzwerke;Kulturstammtisch im Rathaus;3;Stammtische');
		});

		it('writes the synthesis and the findings, which the projector shows (live, with JavaScript)', async () => {
			const page = session.page;
			// With JavaScript the projector is open in another tab while the moderator saves.
			const projector = await session.context.newPage();
			// With JavaScript: the stream's first snapshot makes the page load its data once more; once
			// that is done, only a `state` published by a save can bring the new texts.
			const reloadedOnSnapshot = session.hasJavaScript
				? projector.waitForResponse((response) => response.url().includes('/projector/__data.json'))
				: Promise.resolve(null);
			await projector.goto(`/live/${digits}/projector`);
			if (session.hasJavaScript) {
				await untilHydrated(projector);
				await reloadedOnSnapshot;
			}
			expect(await projector.getByText('Die Runde ist beendet.').count()).toBe(1);
			expect(await projector.getByText(SYNTHESIS).count()).toBe(0);

			await page.getByLabel('Einordnung dieser Runde').fill(`${SYNTHESIS}\n\nZweiter Absatz der Einordnung.`);
			await press(page, 'Einordnung speichern');
			await expect.poll(() => status(page).textContent()).toContain('Die Einordnung wurde gespeichert.');
			await page.getByLabel('Erkenntnisse des Treffens').fill(FINDINGS);
			await press(page, 'Erkenntnisse speichern');
			await expect.poll(() => status(page).textContent()).toContain('Die Erkenntnisse wurden gespeichert.');
			expect(await page.getByLabel('Einordnung dieser Runde').inputValue()).toBe(
				`${SYNTHESIS}\n\nZweiter Absatz der Einordnung.`
			);

			if (!session.hasJavaScript) await projector.reload();
			await expect.poll(() => projector.getByText(FINDINGS).count()).toBe(1);
			expect(
				await projector.getByRole('heading', { name: `Einordnen der Ergebnisse: ${FIRST_ROUND}` }).count()
			).toBe(1);
			expect(await projector.getByText(SYNTHESIS).count()).toBe(1);
			expect(
				await projector.getByRole('heading', { name: 'Zusammenführung der wichtigsten Erkenntnisse' }).count()
			).toBe(1);
			await expectAccessible(projector, { state: 'breakout synthesis' });
			await projector.close();
		});

		it('puts the synthesis under the round’s title in the generated documentation HTML, and the findings', async () => {
			const response = await session.page.request.get(`/api/v1/meetings/${seriesId}/2/documentation.html`);
			expect(response.status()).toBe(200);
			const text = (await response.text()).replace(/<[^>]+>/g, ' ');
			expectLinesInOrder(text, [
				FIRST_ROUND,
				'Kulturstammtisch im Rathaus',
				SYNTHESIS,
				'Zweiter Absatz der Einordnung.',
				SECOND_ROUND
			]);
			expectLinesInOrder(text, ['Zusammenführung der wichtigsten Erkenntnisse', FINDINGS]);
		});

		it('moves a person between rooms by dragging (with JavaScript) and by the form', async () => {
			const page = await session.visit(`${meetingPath}/breakouts/runde-2`);
			const raumA = page.getByRole('table', { name: 'Personen in Raum A' });
			const raumB = page.getByRole('table', { name: 'Personen in Raum B' });
			expect(await raumA.getByRole('rowheader', { name: UNCONSENTED }).count()).toBe(1);
			const hint = page.getByText('Ziehen Sie eine Person am Namen in einen anderen Raum.', { exact: false });
			if (session.hasJavaScript) {
				expect(await hint.count()).toBe(1);
				const raumBSection = page.locator('section[data-drop-room]', {
					has: page.getByRole('heading', { name: /^Raum B/ })
				});
				await raumA.getByRole('rowheader', { name: UNCONSENTED }).dragTo(raumBSection);
				await expect.poll(() => status(page).textContent()).toContain('Die Person wurde verschoben.');
				await expect.poll(() => raumB.getByRole('rowheader', { name: UNCONSENTED }).count()).toBe(1);
				expect(await raumA.count()).toBe(0);
			} else {
				expect(await hint.count()).toBe(0);
			}

			// The keyboard and no-JavaScript path: choose the room, press the button.
			const target = session.hasJavaScript ? 'Raum A' : 'Raum B';
			const select = page.getByLabel(`Raum für ${UNCONSENTED}`);
			await select.selectOption({ label: target });
			await page.locator('form', { has: select }).getByRole('button', { name: 'Verschieben' }).press('Enter');
			await page.waitForLoadState('networkidle');
			await expect
				.poll(() =>
					page
						.getByRole('table', { name: `Personen in ${target}` })
						.getByRole('rowheader', { name: UNCONSENTED })
						.count()
				)
				.toBe(1);
		});
	}
);
