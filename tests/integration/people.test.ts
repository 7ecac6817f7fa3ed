import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import { anonymous } from '../../src/lib/domain/policy';
import { createMeeting, getMeetingForEditing, updateMeeting } from '../../src/lib/server/services/meetings';
import {
	addPerson,
	getPerson,
	listPeople,
	removePerson,
	updatePerson
} from '../../src/lib/server/services/people';
import { createSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		return error as AppError;
	}
	throw new Error('expected a rejection');
}

for (const database of testDatabases()) {
	describe(`${database.name}: people and credits`, () => {
		afterAll(() => database.close());

		async function meetingWithOrganizer() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${randomUUID().slice(0, 8)}` });
			await createMeeting(db, organizer.actor, series.id, {
				date: '2024-11-20',
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', platform: 'Zoom' }
			});
			return { db, make, organizer, seriesId: series.id };
		}

		it('adds, edits and removes people; keys come from names and are unique per meeting', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			const anne = await addPerson(db, organizer.actor, seriesId, 1, {
				name: 'Anne Melzig',
				organization: 'LWL-Kulturabteilung',
				email: 'anne@example.org',
				registered: true,
				consent: { participantList: true }
			});
			expect(anne).toMatchObject({
				id: 'anne-melzig',
				registered: true,
				attended: false,
				consent: { participantList: true, shareEmail: false }
			});
			await addPerson(db, organizer.actor, seriesId, 1, { name: 'Jörg Müller', municipality: 'Münster' });
			expect((await listPeople(db, organizer.actor, seriesId, 1)).map((p) => p.id)).toEqual([
				'anne-melzig',
				'joerg-mueller'
			]);
			const duplicate = await rejection(addPerson(db, organizer.actor, seriesId, 1, { name: 'Anne Melzig' }));
			expect(duplicate.kind).toBe('conflict');
			expect(duplicate.problems[0]).toMatchObject({ path: '/key', message: { key: 'people.keyTaken' } });
			const badEmail = await rejection(
				addPerson(db, organizer.actor, seriesId, 1, { name: 'X', email: 'keine-adresse' })
			);
			expect(badEmail.problems[0]).toMatchObject({
				path: '/email',
				message: { key: 'validation.invalidEmail' }
			});

			await updatePerson(db, organizer.actor, seriesId, 1, 'joerg-mueller', {
				key: 'joerg',
				name: 'Jörg Müller',
				role: 'Kulturbüro',
				attended: true
			});
			expect(await getPerson(db, organizer.actor, seriesId, 1, 'joerg')).toMatchObject({
				role: 'Kulturbüro',
				attended: true,
				municipality: null
			});
			const clash = await rejection(
				updatePerson(db, organizer.actor, seriesId, 1, 'joerg', { key: 'anne-melzig', name: 'Jörg' })
			);
			expect(clash.kind).toBe('conflict');
			await removePerson(db, organizer.actor, seriesId, 1, 'joerg');
			expect((await listPeople(db, organizer.actor, seriesId, 1)).map((p) => p.id)).toEqual(['anne-melzig']);
			expect((await rejection(removePerson(db, organizer.actor, seriesId, 1, 'joerg'))).kind).toBe(
				'not-found'
			);
		});

		it('refuses anonymous actors and organizers of another organization', async () => {
			const { db, make, seriesId } = await meetingWithOrganizer();
			const stranger = await make.organizer();
			expect((await rejection(listPeople(db, anonymous, seriesId, 1))).kind).toBe('unauthenticated');
			expect((await rejection(addPerson(db, stranger.actor, seriesId, 1, { name: 'X' }))).kind).toBe(
				'not-found'
			);
		});

		it('credits people in the order of the people list, keeps unknown credits, follows edits', async () => {
			const { db, organizer, seriesId } = await meetingWithOrganizer();
			for (const name of ['Kai Heddergott', 'Anne Melzig', 'Bea Beispiel'])
				await addPerson(db, organizer.actor, seriesId, 1, {
					name,
					organization: name === 'Anne Melzig' ? 'LWL' : ''
				});
			// An imported credit naming someone who is not on the people list.
			const meetingRow = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', seriesId)
				.executeTakeFirstOrThrow();
			await db
				.insertInto('meeting_credits')
				.values({
					id: randomUUID(),
					meeting_id: meetingRow.id,
					role: 'documentation',
					position: 0,
					person_key: 'extern',
					name: 'Externe Autorin',
					organization: null
				})
				.execute();

			const edited = await updateMeeting(db, organizer.actor, seriesId, 1, {
				moderation: ['kai-heddergott'],
				documentedBy: ['bea-beispiel', 'anne-melzig']
			});
			expect(edited.moderation).toEqual([
				{ id: 'kai-heddergott', name: 'Kai Heddergott', organization: null }
			]);
			expect(edited.documentedBy.map((c) => c.id)).toEqual(['extern', 'anne-melzig', 'bea-beispiel']);
			expect(edited.documentedBy[1]).toEqual({ id: 'anne-melzig', name: 'Anne Melzig', organization: 'LWL' });

			const unknown = await rejection(
				updateMeeting(db, organizer.actor, seriesId, 1, { moderation: ['niemand'] })
			);
			expect(unknown.problems[0]).toMatchObject({
				path: '/moderation',
				message: { key: 'meeting.unknownPerson' }
			});

			await updatePerson(db, organizer.actor, seriesId, 1, 'anne-melzig', {
				key: 'anne',
				name: 'Anne Melzig-Neu',
				organization: 'LWL-Kulturabteilung'
			});
			await removePerson(db, organizer.actor, seriesId, 1, 'kai-heddergott');
			const view = await getMeetingForEditing(db, organizer.actor, seriesId, 1);
			expect(view.meeting.moderation).toEqual([]);
			expect(view.meeting.documentedBy).toEqual([
				{ id: 'extern', name: 'Externe Autorin', organization: null },
				{ id: 'anne', name: 'Anne Melzig-Neu', organization: 'LWL-Kulturabteilung' },
				{ id: 'bea-beispiel', name: 'Bea Beispiel', organization: null }
			]);
			expect(view.people.map((p) => p.id)).toEqual(['anne', 'bea-beispiel']);

			// Choosing nobody removes the chosen credits but keeps the one naming no person.
			const cleared = await updateMeeting(db, organizer.actor, seriesId, 1, { documentedBy: [] });
			expect(cleared.documentedBy.map((c) => c.id)).toEqual(['extern']);
		});
	});
}
