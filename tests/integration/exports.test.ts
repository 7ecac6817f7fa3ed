import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting } from '../../src/lib/server/services/meetings';
import { saveAttendance } from '../../src/lib/server/services/attendance';
import { exportParticipantList } from '../../src/lib/server/services/participant-exports';
import { addRegistration, updateRegistration } from '../../src/lib/server/services/registrations-admin';
import { listAuditLog, listMeetingAuditLog } from '../../src/lib/server/services/registrations-audit';
import { createSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

/** The CSV as rows of cells (the export never quotes these test values). */
function csvRows(body: Buffer): string[][] {
	const text = body.toString('utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	return text
		.slice(1)
		.split('\r\n')
		.filter((line) => line !== '')
		.map((line) => line.split(';'));
}

for (const database of testDatabases()) {
	describe(`${database.name}: participant list exports and the audit log`, () => {
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

		async function mixedRegistrations() {
			const setup = await meetingWithOrganizer();
			const { db, organizer, seriesId, context } = setup;
			const add = (input: Record<string, unknown>) =>
				addRegistration(db, organizer.actor, seriesId, 1, input);
			const named = await add({
				name: 'Nina Named',
				email: 'nina@example.org',
				organization: 'Kulturbüro Hamm',
				municipality: 'Hamm',
				consent: { participantList: true }
			});
			await add({
				name: 'Erik Email',
				email: 'erik@example.org',
				consent: { participantList: true, shareEmail: true }
			});
			await add({ name: 'Stefan Still', email: 'stefan@example.org', organization: 'Privat' });
			await add({
				name: 'Ida Invited',
				email: 'ida@example.org',
				status: 'invited',
				consent: { participantList: true }
			});
			const cancelled = await add({
				name: 'Carla Cancelled',
				email: 'carla@example.org',
				consent: { participantList: true }
			});
			await updateRegistration(db, context, organizer.actor, seriesId, 1, cancelled.id, {
				name: 'Carla Cancelled',
				email: 'carla@example.org',
				consent: { participantList: true },
				status: 'cancelled'
			});
			await saveAttendance(db, organizer.actor, seriesId, 1, { shown: [named.id], attended: [named.id] });
			await add({
				name: '=HYPERLINK("http://evil")',
				email: 'evil@example.org',
				consent: { participantList: true }
			});
			return setup;
		}

		it('internal: every registration with every field; publishable: consent decides, email only with its own', async () => {
			const { db, organizer, seriesId } = await mixedRegistrations();
			const internal = await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'internal', format: 'csv' },
				'de'
			);
			expect(internal.contentType).toBe('text/csv; charset=utf-8');
			expect(internal.fileName).toBe(`${seriesId}-1-anmeldungen-intern.csv`);
			const rows = csvRows(internal.body);
			expect(rows[0]?.slice(0, 8)).toEqual([
				'Name',
				'Organisation',
				'Kommune',
				'AGS',
				'Funktion',
				'E-Mail',
				'Status',
				'Teilgenommen'
			]);
			expect(rows.slice(1).map((row) => row[0])).toEqual([
				'Nina Named',
				'Erik Email',
				'Stefan Still',
				'Ida Invited',
				'Carla Cancelled',
				// A formula is defused for Excel (CSV injection), and quoted for its quotes.
				`"'=HYPERLINK(""http://evil"")"`
			]);
			expect(rows[1]?.slice(0, 10)).toEqual([
				'Nina Named',
				'Kulturbüro Hamm',
				'Hamm',
				// Added by hand, the AGS comes from the municipality as on the participant's side.
				'05915000',
				'',
				'nina@example.org',
				'Bestätigt',
				'ja',
				'ja',
				'nein'
			]);
			expect(rows[3]?.[5]).toBe('stefan@example.org');

			const publishable = await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'publishable', format: 'csv' },
				'de'
			);
			expect(publishable.fileName).toBe(`${seriesId}-1-teilnehmendenliste.csv`);
			expect(csvRows(publishable.body)).toEqual([
				['Name', 'Organisation', 'Kommune', 'E-Mail'],
				['Nina Named', 'Kulturbüro Hamm', 'Hamm', ''],
				['Erik Email', '', '', 'erik@example.org'],
				[`"'=HYPERLINK(""http://evil"")"`, '', '', '']
			]);
		});

		it('writes XLSX with a bold, frozen header row and column widths', async () => {
			const { db, organizer, seriesId } = await mixedRegistrations();
			const file = await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'publishable', format: 'xlsx' },
				'en'
			);
			expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
			expect(file.fileName).toBe(`${seriesId}-1-participant-list.xlsx`);
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
			const sheet = workbook.worksheets[0];
			if (!sheet) throw new Error('no sheet');
			expect(sheet.name).toBe('Participant list');
			expect(sheet.getRow(1).values).toEqual([undefined, 'Name', 'Organization', 'Municipality', 'Email']);
			expect(sheet.getRow(1).font?.bold).toBe(true);
			expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(sheet.getColumn(1).width).toBe(28);
			expect(sheet.getColumn(1).values.slice(2)).toEqual([
				'Nina Named',
				'Erik Email',
				`'=HYPERLINK("http://evil")`
			]);
			expect(sheet.getRow(3).getCell(4).value).toBe('erik@example.org');

			const internal = await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'internal', format: 'xlsx' },
				'de'
			);
			const internalBook = new ExcelJS.Workbook();
			await internalBook.xlsx.load(internal.body as unknown as ArrayBuffer);
			expect(internalBook.worksheets[0]?.rowCount).toBe(7);
		});

		it('records each export in the audit log: who, when, which meeting, which kind', async () => {
			const { db, make, organizer, seriesId } = await meetingWithOrganizer();
			await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'internal', format: 'csv' },
				'de',
				new Date('2026-03-06T09:00:00Z')
			);
			await exportParticipantList(
				db,
				organizer.actor,
				seriesId,
				1,
				{ kind: 'publishable', format: 'xlsx' },
				'de',
				new Date('2026-03-06T10:00:00Z')
			);
			const entries = await listMeetingAuditLog(db, organizer.actor, seriesId, 1);
			expect(entries).toEqual([
				{
					at: '2026-03-06T10:00:00.000Z',
					actorLabel: expect.stringContaining(organizer.email) as unknown as string,
					action: 'participants.export',
					meeting: { seriesId, number: 1 },
					details: { kind: 'publishable', format: 'xlsx', rows: 0 }
				},
				{
					at: '2026-03-06T09:00:00.000Z',
					actorLabel: expect.stringContaining(organizer.email) as unknown as string,
					action: 'participants.export',
					meeting: { seriesId, number: 1 },
					details: { kind: 'internal', format: 'csv', rows: 0 }
				}
			]);
			const row = await db
				.selectFrom('audit_log')
				.select('actor_user_id')
				.where('at', '=', '2026-03-06T09:00:00.000Z')
				.where('actor_label', 'like', `%${organizer.email}%`)
				.executeTakeFirstOrThrow();
			expect(row.actor_user_id).toBe(organizer.userId);

			const admin = await make.admin();
			const all = await listAuditLog(db, admin.actor);
			expect(all.filter((entry) => entry.meeting?.seriesId === seriesId)).toHaveLength(2);
			expect((await rejection(listAuditLog(db, organizer.actor))).kind).toBe('forbidden');
			expect((await rejection(listAuditLog(db, anonymous))).kind).toBe('unauthenticated');
		});

		it("refuses anonymous visitors, another organization's organizer and an unknown kind; logs nothing", async () => {
			const { db, make, organizer, seriesId } = await mixedRegistrations();
			const stranger = await make.organizer();
			const exportAs = (actor: typeof anonymous, kind: string) =>
				rejection(exportParticipantList(db, actor, seriesId, 1, { kind, format: 'csv' }, 'de'));
			expect((await exportAs(anonymous, 'internal')).kind).toBe('unauthenticated');
			expect((await exportAs(stranger.actor, 'internal')).kind).toBe('not-found');
			expect((await exportAs(stranger.actor, 'publishable')).kind).toBe('not-found');
			expect((await exportAs(organizer.actor, 'everything')).kind).toBe('validation');
			expect(await listMeetingAuditLog(db, organizer.actor, seriesId, 1)).toEqual([]);
		});
	});
}
