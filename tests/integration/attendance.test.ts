import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting } from '../../src/lib/server/services/meetings';
import {
	importAttendanceReport,
	markAttendedByHand,
	saveAttendance
} from '../../src/lib/server/services/attendance';
import {
	addRegistration,
	listRegistrationsOfMeeting
} from '../../src/lib/server/services/registrations-admin';
import { createSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { csvFile, memoryMailer, rejection } from '../helpers/test-doubles';

const zoomReport = [
	'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
	'812 3456 7890,Austauschtreffen,03/05/2026 01:55:00 PM,03/05/2026 04:02:00 PM,host@lwl.example,127,4',
	'',
	'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
	'Anna S.,ANNA@example.org,03/05/2026 01:58:00 PM,03/05/2026 02:30:00 PM,32,No',
	'Anna S.,anna@example.org,03/05/2026 02:35:00 PM,03/05/2026 04:00:00 PM,85,No',
	'Kulturbüro Hamm (Jörg Mueller),,03/05/2026 02:00:00 PM,03/05/2026 04:00:00 PM,120,Yes',
	'iPhone von K.,,03/05/2026 02:00:00 PM,03/05/2026 03:00:00 PM,60,Yes'
].join('\n');

for (const database of testDatabases()) {
	describe(`${database.name}: attendance by hand and from the Zoom report`, () => {
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

		async function threeRegistrations(
			db: Awaited<ReturnType<typeof database.open>>,
			actor: Parameters<typeof addRegistration>[1],
			seriesId: string
		) {
			const anna = await addRegistration(db, actor, seriesId, 1, {
				name: 'Anna Schmidt',
				email: 'anna@example.org'
			});
			const joerg = await addRegistration(db, actor, seriesId, 1, {
				name: 'Jörg Müller',
				email: 'jm@hamm.example'
			});
			const kim = await addRegistration(db, actor, seriesId, 1, {
				name: 'Kim Lee',
				email: 'kim@example.org'
			});
			return { anna: anna.id, joerg: joerg.id, kim: kim.id };
		}

		const attendedNames = async (
			db: Awaited<ReturnType<typeof database.open>>,
			actor: Parameters<typeof addRegistration>[1],
			seriesId: string
		) =>
			(await listRegistrationsOfMeeting(db, actor, seriesId, 1, { attended: 'yes' })).registrations.map(
				(r) => r.name
			);

		it('imports the report: by email, then by name, rejoins once; unmatched rows matched by hand', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			const ids = await threeRegistrations(db, organizer.actor, seriesId);
			const result = await importAttendanceReport(db, organizer.actor, seriesId, 1, csvFile(zoomReport));
			expect(result.matched).toBe(2);
			expect(result.unmatched).toEqual([{ name: 'iPhone von K.', email: null, lines: [8], minutes: 60 }]);
			expect(result.options.map((option) => option.label)).toContain('Kim Lee <kim@example.org>');
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual(['Anna Schmidt', 'Jörg Müller']);

			// The second form: the organizer says "iPhone von K." is Kim.
			await markAttendedByHand(db, organizer.actor, seriesId, 1, { registrationIds: [ids.kim] });
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual([
				'Anna Schmidt',
				'Jörg Müller',
				'Kim Lee'
			]);
			const people = await db
				.selectFrom('people')
				.innerJoin('registrations', 'registrations.person_id', 'people.id')
				.select('people.has_attended')
				.where('registrations.id', 'in', [ids.anna, ids.joerg, ids.kim])
				.execute();
			expect(people.map((p) => p.has_attended)).toEqual([1, 1, 1]);
		});

		it('reads the German report', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			await threeRegistrations(db, organizer.actor, seriesId);
			const german = [
				'Name (ursprünglicher Name);E-Mail des Benutzers;Beitrittszeit;Austrittszeit;Dauer (Minuten);Gast',
				'kim lee;;05.03.2026 14:00:00;05.03.2026 16:00:00;120;Ja'
			].join('\n');
			const result = await importAttendanceReport(db, organizer.actor, seriesId, 1, csvFile(german));
			expect(result).toMatchObject({ matched: 1, unmatched: [] });
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual(['Kim Lee']);
		});

		it('marks attendance by hand for the rows shown', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			const ids = await threeRegistrations(db, organizer.actor, seriesId);
			await saveAttendance(db, organizer.actor, seriesId, 1, {
				shown: [ids.anna, ids.joerg, ids.kim],
				attended: [ids.anna, ids.kim]
			});
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual(['Anna Schmidt', 'Kim Lee']);
			// A filtered page showed only Kim: Anna stays as she was.
			await saveAttendance(db, organizer.actor, seriesId, 1, { shown: [ids.kim], attended: [] });
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual(['Anna Schmidt']);
			expect(
				(await rejection(saveAttendance(db, organizer.actor, seriesId, 1, { shown: ['x'], attended: [] })))
					.kind
			).toBe('validation');
		});

		it('refuses an empty, oversized, malformed or columnless report and changes nothing', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			await threeRegistrations(db, organizer.actor, seriesId);
			const keyOf = async (file: { size: number; text: () => Promise<string> } | null) =>
				(await rejection(importAttendanceReport(db, organizer.actor, seriesId, 1, file))).problems.map(
					(p) => [p.path, p.message.key]
				);
			expect(await keyOf(null)).toEqual([['report', 'registrationsAdmin.reportEmpty']]);
			expect(await keyOf(csvFile('\n\n'))).toEqual([['report', 'registrationsAdmin.reportEmpty']]);
			expect(await keyOf({ size: 2 * 1024 * 1024 + 1, text: () => Promise.resolve('') })).toEqual([
				['report', 'registrationsAdmin.reportTooLarge']
			]);
			expect(await keyOf(csvFile('Name (Original Name),User Email\n"Anna,anna@example.org\n'))).toEqual([
				['report', 'registrationsAdmin.reportMalformed']
			]);
			expect(await keyOf(csvFile('Teilnehmende,Mail\nAnna,anna@example.org\n'))).toEqual([
				['report', 'registrationsAdmin.reportMissingColumns']
			]);
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual([]);
		});

		it("refuses anonymous visitors and another organization's organizer", async () => {
			const { db, make, organizer, seriesId } = await meetingWithOrganizer();
			const ids = await threeRegistrations(db, organizer.actor, seriesId);
			const stranger = await make.organizer();
			for (const [actor, kind] of [
				[anonymous, 'unauthenticated'],
				[stranger.actor, 'not-found']
			] as const) {
				expect(
					(await rejection(importAttendanceReport(db, actor, seriesId, 1, csvFile(zoomReport)))).kind
				).toBe(kind);
				expect(
					(await rejection(markAttendedByHand(db, actor, seriesId, 1, { registrationIds: [ids.kim] }))).kind
				).toBe(kind);
				expect(
					(await rejection(saveAttendance(db, actor, seriesId, 1, { shown: [ids.kim], attended: [ids.kim] })))
						.kind
				).toBe(kind);
			}
			expect(await attendedNames(db, organizer.actor, seriesId)).toEqual([]);
		});
	});
}
