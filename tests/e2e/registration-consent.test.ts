import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createRegistration } from '../../src/lib/server/services/registration';
import { confirmRegistration } from '../../src/lib/server/services/registration-confirm';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { memoryMailer } from '../helpers/test-doubles';
import { asE2eOrganizer, e2e, expectAccessible, inBothModes, isE2eAvailable } from './browser';

/**
 * Issue 9: a stranger who registers with someone else's address changes nothing; the owner
 * sees the proposed details and consents in the mail and on the confirmation page, and only
 * their confirmation applies them.
 */

/** A published future meeting; its owner registered and confirmed (by the services, beside the app). */
async function meetingWithOwner(email: string) {
	return asE2eOrganizer(async (db, actor) => {
		const series = await createSeries(db, actor, { title: `Einwilligungstest ${randomUUID().slice(0, 8)}` });
		const date = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
		const meeting = await createMeeting(db, actor, series.id, {
			date,
			start: '14:00',
			end: '16:00',
			venue: { mode: 'online', platform: 'Zoom' }
		});
		await publishSeries(db, actor, series.id);
		await publishMeeting(db, actor, series.id, meeting.number);
		const mailer = memoryMailer();
		const options = { publicOrigin: e2e.baseUrl, source: 'self' as const, locale: 'de' as const };
		await createRegistration(
			db,
			mailer,
			anonymous,
			{ seriesId: series.id, number: meeting.number },
			{ name: 'Olga Owner', email, organization: 'Kulturbüro Hamm' },
			options
		);
		const token = /\/registrations\/confirm\/([A-Za-z0-9_-]+)/.exec(mailer.sent[0]?.text ?? '')?.[1] ?? '';
		await confirmRegistration(db, mailer, token, options);
		return { series: series.id, number: meeting.number };
	});
}

async function storedPerson(email: string) {
	return asE2eOrganizer((db) =>
		db
			.selectFrom('registrations')
			.innerJoin('people', 'people.id', 'registrations.person_id')
			.select(['people.name', 'people.consent_participant_list', 'registrations.status'])
			.where('registrations.email_normalized', '=', email)
			.executeTakeFirstOrThrow()
	);
}

/** The newest mail the app delivered over SMTP to the address, whose subject starts so. */
async function mailTo(email: string, subjectStart: string): Promise<ParsedMail> {
	const files = existsSync(e2e.mailDir) ? readdirSync(e2e.mailDir).sort().reverse() : [];
	for (const file of files) {
		const mail = await simpleParser(readFileSync(join(e2e.mailDir, file)));
		if (JSON.stringify(mail.to ?? '').includes(email) && mail.subject?.startsWith(subjectStart)) return mail;
	}
	throw new Error(`No mail to ${email} starting "${subjectStart}" received over SMTP`);
}

inBothModes('registration with an address that is registered already', (session) => {
	const email = `olga-${session.hasJavaScript ? 'js' : 'nojs'}-${randomUUID().slice(0, 6)}@example.org`;
	let meeting: Awaited<ReturnType<typeof meetingWithOwner>>;

	beforeAll(async () => {
		if (isE2eAvailable) meeting = await meetingWithOwner(email);
	});

	it("a stranger's registration changes nothing until the owner confirms the details shown", async () => {
		const page = session.page;
		// visit waits for the page's scripts: typing into fields that hydration takes over loses the input.
		await session.visit(`/series/${meeting.series}/${meeting.number}/register`);
		await page.getByLabel('Name', { exact: true }).fill('Fritz Fremd');
		await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(email);
		await page.getByLabel('Ich möchte auf der Teilnehmendenliste genannt werden.').check();
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await page.waitForURL(/done=/);
		// The stranger is told what anyone is told; the stored person is still the owner's.
		expect(await page.locator('main').textContent()).toContain('Bitte bestätigen Sie Ihre Anmeldung');
		expect(await storedPerson(email)).toEqual({
			name: 'Olga Owner',
			consent_participant_list: 0,
			status: 'confirmed'
		});

		const mail = await mailTo(email, 'Bitte bestätigen Sie Ihre Angaben');
		if (session.hasJavaScript) {
			// The mail's content is checked once: the proposed details and consents, no manage link.
			expect(mail.text).toContain('Name: Fritz Fremd');
			expect(mail.text).toContain('Nennung auf der Teilnehmendenliste: ja, eingewilligt');
			expect(mail.text).toContain(
				'E-Mail-Adresse für andere Teilnehmende sichtbar: nein, nicht eingewilligt'
			);
			expect(mail.text).not.toContain('/registrations/manage/');
		}
		const link = /https?:\/\/[^/\s]+(\/registrations\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
		expect(link).toBeDefined();

		await session.visit(link!);
		expect(await page.locator('h1').textContent()).toContain('Angaben bestätigen');
		const details = await page.locator('dl.confirm-details').textContent();
		expect(details).toContain('Fritz Fremd');
		expect(details).toContain('ja, eingewilligt');
		if (session.hasJavaScript) await expectAccessible(page);
		// Looking at the page changes nothing.
		expect((await storedPerson(email)).name).toBe('Olga Owner');

		await page.getByRole('button', { name: 'Angaben bestätigen' }).click();
		await page.waitForURL(/\/registrations\/confirmed/);
		expect(await page.locator('h1').textContent()).toContain('Sie sind angemeldet');
		expect(await storedPerson(email)).toEqual({
			name: 'Fritz Fremd',
			consent_participant_list: 1,
			status: 'confirmed'
		});
	});
});
