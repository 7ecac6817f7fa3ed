import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting } from '../../src/lib/server/services/meetings';
import { inviteFromCsv, inviteOne } from '../../src/lib/server/services/invitations';
import {
	addRegistration,
	listRegistrationsOfMeeting
} from '../../src/lib/server/services/registrations-admin';
import { createSeries, updateSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { csvFile, memoryMailer, rejection } from '../helpers/test-doubles';

for (const database of testDatabases()) {
	describe(`${database.name}: invitations by email and CSV`, () => {
		afterAll(() => database.close());

		async function meetingWithOrganizer() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			await createMeeting(db, organizer.actor, series.id, {
				date: '2026-03-05',
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', platform: 'Zoom' }
			});
			const context = { mailer: memoryMailer(), origin: 'http://app.test' };
			return { db, make, organizer, seriesId: series.id, context };
		}

		it('invites one address: a registration "invited" and a mail with the registration link', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			await inviteOne(db, context, organizer.actor, seriesId, 1, {
				email: 'Gast@Example.org',
				name: 'Greta Gast',
				organization: 'Kulturamt'
			});
			const overview = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {});
			expect(overview.registrations).toHaveLength(1);
			expect(overview.registrations[0]).toMatchObject({
				name: 'Greta Gast',
				email: 'Gast@Example.org',
				organization: 'Kulturamt',
				status: 'invited',
				source: 'invitation'
			});
			const [mail] = context.mailer.sent;
			expect(mail).toMatchObject({ to: 'Gast@Example.org', kind: 'invitation' });
			expect(mail?.subject).toBe(`Einladung: 1. Austauschtreffen – ${overview.meeting.seriesTitle}`);
			expect(mail?.text).toContain('Guten Tag Greta Gast,');
			expect(mail?.text).toContain('5. März 2026');
			expect(mail?.text).toContain(`http://app.test/series/${seriesId}/1/register`);
			expect(mail?.html).toContain(`href="http://app.test/series/${seriesId}/1/register"`);
			const logged = await db
				.selectFrom('mail_log')
				.select(['recipient', 'kind'])
				.where('recipient', '=', 'Gast@Example.org')
				.execute();
			expect(logged).toEqual([{ recipient: 'Gast@Example.org', kind: 'invitation' }]);

			const again = await rejection(
				inviteOne(db, context, organizer.actor, seriesId, 1, { email: 'gast@example.org' })
			);
			expect(again.kind).toBe('conflict');
			expect(context.mailer.sent).toHaveLength(1);
		});

		it('writes the mail in English for an English series and escapes HTML', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			await updateSeries(db, organizer.actor, seriesId, { language: 'en' });
			await inviteOne(db, context, organizer.actor, seriesId, 1, {
				email: 'x@example.org',
				name: '<b>Kim</b>'
			});
			const [mail] = context.mailer.sent;
			expect(mail?.subject.startsWith('Invitation: ')).toBe(true);
			expect(mail?.text).toContain('Hello <b>Kim</b>,');
			expect(mail?.text).toContain('5 March 2026');
			expect(mail?.html).toContain('Hello &lt;b&gt;Kim&lt;/b&gt;,');
		});

		it('invites a CSV list with German headers and reports invited, skipped and invalid lines', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			await addRegistration(db, organizer.actor, seriesId, 1, { name: 'Schon Da', email: 'da@example.org' });
			const report = await inviteFromCsv(
				db,
				context,
				organizer.actor,
				seriesId,
				1,
				csvFile(
					[
						'\uFEFFE-Mail;Name;Organisation',
						'eins@example.org;Erika Eins;Kulturbüro A',
						'DA@example.org;Schon Da;',
						'kein-email;Falsch;',
						'',
						'zwei@example.org;;Stadt B',
						'eins@example.org;Erika doppelt;'
					].join('\r\n')
				)
			);
			expect(report.invited).toEqual([
				{ line: 2, email: 'eins@example.org' },
				{ line: 6, email: 'zwei@example.org' }
			]);
			expect(report.skipped).toEqual([
				{ line: 3, email: 'DA@example.org' },
				{ line: 7, email: 'eins@example.org' }
			]);
			expect(report.invalid).toEqual([
				{ line: 4, field: 'email', message: { key: 'validation.invalidEmail' } }
			]);
			const overview = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {
				status: 'invited'
			});
			expect(overview.registrations.map((r) => [r.name, r.organization])).toEqual([
				['Erika Eins', 'Kulturbüro A'],
				['zwei@example.org', 'Stadt B']
			]);
			expect(context.mailer.sent.map((mail) => mail.to)).toEqual(['eins@example.org', 'zwei@example.org']);
		});

		it('reads English headers with commas', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			const report = await inviteFromCsv(
				db,
				context,
				organizer.actor,
				seriesId,
				1,
				csvFile('email,name,organization\na@example.org,"Doe, Jane",Museum\n')
			);
			expect(report.invited).toEqual([{ line: 2, email: 'a@example.org' }]);
			const [registration] = (await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {}))
				.registrations;
			expect(registration).toMatchObject({ name: 'Doe, Jane', organization: 'Museum' });
		});

		it('refuses a malformed, empty, oversized or headerless file and writes nothing', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			const invite = (file: { size: number; text: () => Promise<string> } | null) =>
				rejection(inviteFromCsv(db, context, organizer.actor, seriesId, 1, file));
			const keyOf = async (file: { size: number; text: () => Promise<string> } | null) =>
				(await invite(file)).problems.map((p) => [p.path, p.message.key]);
			expect(await keyOf(csvFile('email,name\n"a@example.org,Anna\nb@example.org,Ben\n'))).toEqual([
				['file', 'registrationsAdmin.csvMalformed']
			]);
			expect(await keyOf(null)).toEqual([['file', 'registrationsAdmin.csvEmpty']]);
			expect(await keyOf(csvFile('  \n'))).toEqual([['file', 'registrationsAdmin.csvEmpty']]);
			expect(await keyOf(csvFile('Vorname;Nachname\nAnna;B\n'))).toEqual([
				['file', 'registrationsAdmin.csvNoEmailColumn']
			]);
			expect(await keyOf(csvFile('email\n'))).toEqual([['file', 'registrationsAdmin.csvNoRows']]);
			expect(await keyOf({ size: 1024 * 1024 + 1, text: () => Promise.resolve('email\n') })).toEqual([
				['file', 'registrationsAdmin.csvTooLarge']
			]);
			const tooMany = ['email', ...Array.from({ length: 2001 }, (_, i) => `p${i}@example.org`)].join('\n');
			expect(await keyOf(csvFile(tooMany))).toEqual([['file', 'registrationsAdmin.csvTooManyRows']]);
			expect((await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {})).total).toBe(0);
			expect(context.mailer.sent).toHaveLength(0);
		});

		it("refuses anonymous visitors and another organization's organizer", async () => {
			const { db, make, seriesId, context } = await meetingWithOrganizer();
			const stranger = await make.organizer();
			expect(
				(await rejection(inviteOne(db, context, anonymous, seriesId, 1, { email: 'a@example.org' }))).kind
			).toBe('unauthenticated');
			expect(
				(
					await rejection(
						inviteFromCsv(db, context, stranger.actor, seriesId, 1, csvFile('email\na@example.org\n'))
					)
				).kind
			).toBe('not-found');
			expect(context.mailer.sent).toHaveLength(0);
		});
	});
}
