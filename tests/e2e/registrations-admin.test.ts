import { randomUUID } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { systemActor } from '../../src/lib/domain/policy';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createMeeting } from '../../src/lib/server/services/meetings';
import { addRegistration } from '../../src/lib/server/services/registrations-admin';
import { createSeries } from '../../src/lib/server/services/series';
import { e2e, expectAccessible, inBothModes, signIn } from './browser';

/** A series of the e2e organizer's organization with one meeting and three registrations. */
async function meetingWithRegistrations(seriesId: string): Promise<void> {
	const handle = await openDatabase(`sqlite:${join(e2e.dataDir, 'netzwerkstatt.sqlite')}`);
	try {
		await createSeries(handle.db, systemActor, {
			id: seriesId,
			title: `Anmeldungen ${seriesId}`,
			organizationId: e2e.organizer.organizationId
		});
		await createMeeting(handle.db, systemActor, seriesId, {
			date: '2026-03-05',
			start: '14:00',
			end: '16:00',
			venue: { mode: 'online', platform: 'Zoom' }
		});
		const add = (input: Record<string, unknown>) =>
			addRegistration(handle.db, systemActor, seriesId, 1, input);
		await add({ name: 'Anna Schmidt', email: 'anna@example.org', consent: { participantList: true } });
		await add({ name: 'Jörg Müller', email: 'joerg@example.org', consent: { participantList: true } });
		await add({ name: 'Stefan Still', email: 'stefan@example.org' });
	} finally {
		await handle.close();
	}
}

const folder = mkdtempSync(join(tmpdir(), 'nws-e2e-zoom-'));

function writeFile(name: string, content: string): string {
	const path = join(folder, name);
	writeFileSync(path, content, 'utf8');
	return path;
}

const zoomReport = writeFile(
	'zoom.csv',
	[
		'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
		'812 3456 7890,Austauschtreffen,03/05/2026 01:55:00 PM,03/05/2026 04:02:00 PM,host@lwl.example,127,3',
		'',
		'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
		'Anna S.,ANNA@example.org,03/05/2026 01:58:00 PM,03/05/2026 02:30:00 PM,32,No',
		'Anna S.,anna@example.org,03/05/2026 02:35:00 PM,03/05/2026 04:00:00 PM,85,No',
		'Tablet Kulturbüro,,03/05/2026 02:00:00 PM,03/05/2026 04:00:00 PM,120,Yes'
	].join('\n')
);
const invitationList = writeFile(
	'einladungen.csv',
	'\uFEFFE-Mail;Name;Organisation\nneu@example.org;Nora Neu;Kulturamt\nanna@example.org;Anna Schmidt;\nkaputt;X;\n'
);
const malformed = writeFile('kaputt.csv', 'Name (Original Name),User Email\n"Anna,anna@example.org\n');

inBothModes('the organizer manages registrations', (session) => {
	const seriesId = `e2e-anmeldung-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 8)}`;
	const meetingPath = `/manage/series/${seriesId}/meetings/1`;
	const listPath = `${meetingPath}/registrations`;

	it('imports a Zoom report, matches the unmatched row by hand and sees attendance', async () => {
		await meetingWithRegistrations(seriesId);
		await signIn(session.page, e2e.organizer.email, e2e.organizer.password);
		const meetingPage = await session.visit(meetingPath);
		expect(
			await meetingPage.getByRole('link', { name: 'Anmeldungen', exact: true }).getAttribute('href')
		).toBe(listPath);

		const page = await session.visit(listPath);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			'Anmeldungen: 1. Austauschtreffen'
		);
		expect(await page.getByText('Bestätigt: 3').count()).toBe(1);

		await page.getByRole('link', { name: 'Teilnahme aus dem Zoom-Bericht einlesen' }).click();
		await page.waitForURL(`**${listPath}/attendance`);
		await expectAccessible(page);
		await page.getByLabel('Teilnahmebericht (CSV)').setInputFiles(zoomReport);
		await page.getByRole('button', { name: 'Bericht einlesen' }).click();
		await page.getByText('Als teilgenommen markiert: 1').waitFor();
		await expectAccessible(page);

		const select = page.getByLabel('Tablet Kulturbüro (Zeilen 7, 120 Minuten)');
		await select.selectOption({ label: 'Jörg Müller <joerg@example.org>' });
		await page.getByRole('button', { name: 'Zuordnung speichern' }).click();
		await page.waitForURL((url) => url.searchParams.get('done') === 'matched');
		await expect
			.poll(() => page.getByRole('status').textContent())
			.toContain('Die Zuordnung wurde gespeichert.');
		await expectAccessible(page);

		// The list filtered to those who attended, through the GET form.
		await page.getByLabel('Teilnahme', { exact: true }).selectOption('yes');
		await page.getByRole('button', { name: 'Filtern' }).click();
		await page.waitForURL((url) => url.searchParams.get('attended') === 'yes');
		await page.getByText('2 von 3 Anmeldungen').waitFor();
		await expectAccessible(page);
		const names = await page.locator('tbody th[scope="row"]').allTextContents();
		expect(names.map((name) => name.trim())).toEqual(['Anna Schmidt', 'Jörg Müller']);
		expect(await page.getByLabel('Anna Schmidt hat teilgenommen').isChecked()).toBe(true);
	});

	it('shows an error summary for a malformed report', async () => {
		const page = await session.visit(`${listPath}/attendance`);
		await page.getByLabel('Teilnahmebericht (CSV)').setInputFiles(malformed);
		await page.getByRole('button', { name: 'Bericht einlesen' }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		const link = summary.getByRole('link', { name: /keine lesbare CSV-Datei \(Fehler in Zeile 2\)/ });
		expect(await link.getAttribute('href')).toBe('#report');
		expect(await page.getByLabel('Teilnahmebericht (CSV)').getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page);
	});

	it('downloads the internal and the publishable list as CSV and XLSX', async () => {
		const request = session.page.request;
		const internal = await request.get(`${listPath}/export.csv?kind=internal`);
		expect(internal.status()).toBe(200);
		expect(internal.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(internal.headers()['content-disposition']).toBe(
			`attachment; filename="${seriesId}-1-anmeldungen-intern.csv"`
		);
		const internalText = (await internal.body()).toString('utf8');
		expect(internalText).toContain('Stefan Still');
		expect(internalText).toContain('anna@example.org');

		const publishable = await request.get(`${listPath}/export.csv?kind=publishable`);
		expect(publishable.status()).toBe(200);
		const publishableText = (await publishable.body()).toString('utf8');
		expect(publishableText).toContain('Anna Schmidt');
		expect(publishableText).not.toContain('Stefan Still');
		expect(publishableText).not.toContain('anna@example.org');

		for (const kind of ['internal', 'publishable']) {
			const xlsx = await request.get(`${listPath}/export.xlsx?kind=${kind}`);
			expect(xlsx.status()).toBe(200);
			expect(xlsx.headers()['content-type']).toBe(
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
			);
			expect(xlsx.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
			// An XLSX is a ZIP file.
			expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
		}
	});

	it('adds a person by hand after correcting an error, edits and cancels the registration', async () => {
		const page = await session.visit(`${listPath}/new`);
		await page.getByLabel('Name', { exact: true }).fill('Paula Hand');
		await page.getByLabel('E-Mail', { exact: true }).fill('keine-adresse');
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		expect(
			await summary
				.getByRole('link', { name: 'Bitte eine gültige E-Mail-Adresse angeben.' })
				.getAttribute('href')
		).toBe('#email');
		await expectAccessible(page);
		await page.getByLabel('E-Mail', { exact: true }).fill('paula@example.org');
		await page.getByLabel('Darf auf der Teilnehmendenliste genannt werden').check();
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await page.waitForURL((url) => url.searchParams.get('done') === 'added');
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Paula Hand', exact: true }).click();
		await page.waitForURL((url) => /\/registrations\/[0-9a-f-]{36}$/.test(url.pathname));
		await expectAccessible(page);
		await page.getByLabel('Organisation', { exact: true }).fill('Stadtbibliothek');
		await page.getByLabel('Hat teilgenommen').check();
		await page.getByRole('button', { name: 'Speichern', exact: true }).click();
		await page.waitForURL((url) => url.searchParams.get('done') === 'saved');
		expect(await page.getByRole('row', { name: /Paula Hand/ }).textContent()).toContain('Stadtbibliothek');

		await page.getByRole('link', { name: 'Paula Hand', exact: true }).click();
		await page.getByRole('button', { name: 'Anmeldung absagen' }).click();
		await page.waitForURL((url) => url.searchParams.get('done') === 'cancelled');
		expect(await page.getByRole('row', { name: /Paula Hand/ }).textContent()).toContain('Abgesagt');
	});

	it('invites a CSV list and sees the report; the admin sees the export log', async () => {
		const page = await session.visit(`${listPath}/invite`);
		await page.getByLabel('CSV-Datei').setInputFiles(invitationList);
		await page.getByRole('button', { name: 'Liste einladen' }).click();
		await page.getByText('Eingeladen: 1').waitFor();
		expect(await page.getByText('Zeile 2: neu@example.org').count()).toBe(1);
		expect(await page.getByText('Zeile 3: anna@example.org').count()).toBe(1);
		expect(
			await page.getByText('Zeile 4, Spalte email: Bitte eine gültige E-Mail-Adresse angeben.').count()
		).toBe(1);
		await expectAccessible(page);

		const list = await session.visit(`${listPath}?status=invited`);
		expect(await list.getByRole('row', { name: /Nora Neu/ }).textContent()).toContain('Eingeladen');

		await session.context.clearCookies();
		await signIn(session.page, e2e.admin.email, e2e.admin.password);
		const audit = await session.visit('/admin/audit');
		const rows = audit.getByRole('row', { name: new RegExp(`${seriesId}/1`) });
		expect(await rows.count()).toBeGreaterThanOrEqual(4);
		expect(await rows.first().textContent()).toContain(e2e.organizer.email);
	});
});
