import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting } from '../../src/lib/server/services/meetings';
import {
	addRegistration,
	cancelRegistrationByOrganizer,
	getRegistration,
	listRegistrationsOfMeeting,
	updateRegistration
} from '../../src/lib/server/services/registrations-admin';
import { updateRegistrationSettings } from '../../src/lib/server/services/registrations-settings';
import { createSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

for (const database of testDatabases()) {
	describe(`${database.name}: registrations, the organizer's side`, () => {
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

		it('adds by hand, lists with counts, searches and filters', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			const add = (input: Record<string, unknown>) =>
				addRegistration(db, organizer.actor, seriesId, 1, input);
			await add({
				name: 'Anna Schmidt',
				email: 'Anna@Example.org',
				organization: 'Kulturbüro Hamm',
				consent: { participantList: true }
			});
			await add({
				name: 'Jörg Müller',
				email: 'joerg@example.org',
				organization: 'Stadt Münster',
				status: 'invited'
			});
			await add({ name: 'Lea 50%', email: 'lea@example.org' });

			const all = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {});
			expect(all.total).toBe(3);
			expect(all.counts).toEqual({ invited: 1, pending: 0, confirmed: 2, waiting: 0, cancelled: 0 });
			expect(all.registrations.map((r) => r.name)).toEqual(['Anna Schmidt', 'Jörg Müller', 'Lea 50%']);
			expect(all.registrations[0]).toMatchObject({
				email: 'Anna@Example.org',
				status: 'confirmed',
				attended: false,
				consent: { participantList: true, shareEmail: false }
			});
			expect(all.registrations[0]?.confirmedAt).not.toBeNull();

			const names = async (filter: Record<string, string>) =>
				(await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, filter)).registrations.map(
					(r) => r.name
				);
			expect(await names({ q: 'münster' })).toEqual(['Jörg Müller']);
			expect(await names({ q: 'ANNA@example' })).toEqual(['Anna Schmidt']);
			expect(await names({ q: '50%' })).toEqual(['Lea 50%']);
			expect(await names({ q: '%' })).toEqual(['Lea 50%']);
			expect(await names({ status: 'invited' })).toEqual(['Jörg Müller']);
			expect(await names({ attended: 'yes' })).toEqual([]);
			expect(await names({ status: 'nonsense' })).toHaveLength(3);

			// The person row carries the status and "registered" for the exchange format.
			const people = await db
				.selectFrom('people')
				.innerJoin('meetings', 'meetings.id', 'people.meeting_id')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['people.name', 'people.status', 'people.is_registered', 'people.person_key'])
				.where('series.slug', '=', seriesId)
				.orderBy('people.position')
				.execute();
			expect(people).toEqual([
				{ name: 'Anna Schmidt', status: 'confirmed', is_registered: 1, person_key: 'anna-schmidt' },
				{ name: 'Jörg Müller', status: 'invited', is_registered: 0, person_key: 'joerg-mueller' },
				{ name: 'Lea 50%', status: 'confirmed', is_registered: 1, person_key: 'lea-50' }
			]);
		});

		it('refuses a second registration of the same email and invalid input, changing nothing', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			await addRegistration(db, organizer.actor, seriesId, 1, { name: 'Anna', email: 'anna@example.org' });
			const twice = await rejection(
				addRegistration(db, organizer.actor, seriesId, 1, { name: 'Anna B', email: ' ANNA@example.org ' })
			);
			expect(twice.kind).toBe('conflict');
			expect(twice.problems[0]?.path).toBe('/email');
			const invalid = await rejection(
				addRegistration(db, organizer.actor, seriesId, 1, {
					name: '',
					email: 'not-an-email',
					status: 'waiting'
				})
			);
			expect(invalid.kind).toBe('validation');
			expect(invalid.problems.map((p) => p.path).sort()).toEqual(['/email', '/name', '/status']);
			expect((await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {})).total).toBe(1);
		});

		it('edits a registration: fields, status, attendance; people follow', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			const { id } = await addRegistration(db, organizer.actor, seriesId, 1, {
				name: 'Anna',
				email: 'anna@example.org',
				status: 'invited'
			});
			await updateRegistration(db, context, organizer.actor, seriesId, 1, id, {
				name: 'Anna Schmidt',
				email: 'anna.schmidt@example.org',
				organization: 'Kulturbüro',
				municipality: 'Hamm',
				role: 'Leitung',
				consent: { participantList: true, shareEmail: true },
				status: 'confirmed',
				attended: true
			});
			const { registration } = await getRegistration(db, organizer.actor, seriesId, 1, id);
			expect(registration).toMatchObject({
				name: 'Anna Schmidt',
				email: 'anna.schmidt@example.org',
				organization: 'Kulturbüro',
				municipality: 'Hamm',
				role: 'Leitung',
				status: 'confirmed',
				attended: true,
				consent: { participantList: true, shareEmail: true }
			});
			const row = await db
				.selectFrom('registrations')
				.innerJoin('people', 'people.id', 'registrations.person_id')
				.select([
					'registrations.email_normalized',
					'people.status',
					'people.is_registered',
					'people.has_attended'
				])
				.where('registrations.id', '=', id)
				.executeTakeFirstOrThrow();
			expect(row).toEqual({
				email_normalized: 'anna.schmidt@example.org',
				status: 'confirmed',
				is_registered: 1,
				has_attended: 1
			});
			expect((await rejection(getRegistration(db, organizer.actor, seriesId, 1, randomUUID()))).kind).toBe(
				'not-found'
			);
		});

		it('cancels through the participant side: the waiting list moves up', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			await updateRegistrationSettings(db, context, organizer.actor, seriesId, 1, {
				capacity: '1',
				isRegistrationOpen: true,
				remindDayBefore: true,
				remindHourBefore: false
			});
			const first = await addRegistration(db, organizer.actor, seriesId, 1, {
				name: 'Eins',
				email: 'eins@example.org'
			});
			const second = await addRegistration(db, organizer.actor, seriesId, 1, {
				name: 'Zwei',
				email: 'zwei@example.org',
				status: 'invited'
			});
			// Put the second on the waiting list by hand.
			await updateRegistration(db, context, organizer.actor, seriesId, 1, second.id, {
				name: 'Zwei',
				email: 'zwei@example.org',
				status: 'waiting'
			});
			const outcome = await cancelRegistrationByOrganizer(
				db,
				context,
				organizer.actor,
				seriesId,
				1,
				first.id
			);
			expect(outcome.movedUp).toEqual([second.id]);
			const overview = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {});
			expect(overview.counts).toMatchObject({ confirmed: 1, cancelled: 1, waiting: 0 });
			expect(overview.settings).toEqual({
				capacity: 1,
				isRegistrationOpen: true,
				remindDayBefore: true,
				remindHourBefore: false
			});
			expect(context.mailer.sent.map((mail) => mail.to).sort()).toEqual([
				'eins@example.org',
				'zwei@example.org'
			]);
		});

		it('refuses bad settings', async () => {
			const { db, organizer, seriesId, context } = await meetingWithOrganizer();
			const error = await rejection(
				updateRegistrationSettings(db, context, organizer.actor, seriesId, 1, { capacity: '0' })
			);
			expect(error.problems.map((p) => p.path)).toEqual(['/capacity']);
			await updateRegistrationSettings(db, context, organizer.actor, seriesId, 1, { capacity: '' });
			const overview = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {});
			expect(overview.settings).toMatchObject({ capacity: null, isRegistrationOpen: false });
		});

		it("refuses anonymous visitors and another organization's organizer", async () => {
			const { db, make, organizer, seriesId, context } = await meetingWithOrganizer();
			const { id } = await addRegistration(db, organizer.actor, seriesId, 1, {
				name: 'A',
				email: 'a@example.org'
			});
			const stranger = await make.organizer();
			for (const actor of [anonymous, stranger.actor]) {
				const expected = actor === anonymous ? 'unauthenticated' : 'not-found';
				expect((await rejection(listRegistrationsOfMeeting(db, actor, seriesId, 1, {}))).kind).toBe(expected);
				expect(
					(await rejection(addRegistration(db, actor, seriesId, 1, { name: 'B', email: 'b@example.org' })))
						.kind
				).toBe(expected);
				expect(
					(
						await rejection(
							updateRegistration(db, context, actor, seriesId, 1, id, {
								name: 'X',
								email: 'a@example.org',
								status: 'cancelled'
							})
						)
					).kind
				).toBe(expected);
				expect(
					(await rejection(cancelRegistrationByOrganizer(db, context, actor, seriesId, 1, id))).kind
				).toBe(expected);
				expect(
					(await rejection(updateRegistrationSettings(db, context, actor, seriesId, 1, { capacity: '5' })))
						.kind
				).toBe(expected);
			}
			expect((await getRegistration(db, organizer.actor, seriesId, 1, id)).registration.status).toBe(
				'confirmed'
			);
		});
	});
}
