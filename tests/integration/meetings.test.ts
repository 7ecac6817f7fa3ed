import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import {
	createMeeting,
	getMeeting,
	publishMeeting,
	suggestMeetingNumber,
	unpublishMeeting,
	updateMeeting
} from '../../src/lib/server/services/meetings';
import { createSeries, getSeries, publishSeries } from '../../src/lib/server/services/series';
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

const founding = {
	date: '2024-11-20',
	start: '14:00',
	end: '16:00',
	venue: { mode: 'online', platform: 'Zoom', url: 'https://zoom.example.org/j/1' }
};

async function seriesOf(db: Kysely<Database>, actor: Actor) {
	return createSeries(db, actor, { title: `Reihe ${randomUUID().slice(0, 8)}` });
}

for (const database of testDatabases()) {
	describe(`${database.name}: meetings`, () => {
		afterAll(() => database.close());

		it('creates meetings with the next free number and Europe/Berlin by default', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await seriesOf(db, organizer.actor);
			expect(await suggestMeetingNumber(db, organizer.actor, series.id)).toBe(1);
			const first = await createMeeting(db, organizer.actor, series.id, founding);
			expect(first).toMatchObject({
				number: 1,
				title: '1. Austauschtreffen',
				timeZone: 'Europe/Berlin',
				venue: { mode: 'online', platform: 'Zoom', url: 'https://zoom.example.org/j/1', address: null },
				isPublished: false
			});
			const second = await createMeeting(db, organizer.actor, series.id, {
				...founding,
				topic: { title: 'Lokale Vernetzung', summary: ['Absatz'], guidingQuestions: ['Wer?', 'Wie?'] },
				outlook: { text: ['Weiter geht es.'], topicWishesContact: 'wuensche@example.org' }
			});
			expect(second.number).toBe(2);
			expect(second.topic.guidingQuestions).toEqual(['Wer?', 'Wie?']);
			expect(await suggestMeetingNumber(db, organizer.actor, series.id)).toBe(3);
		});

		it('refuses end before start, an unknown time zone, a bad date and a taken number', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await seriesOf(db, organizer.actor);
			const times = await rejection(
				createMeeting(db, organizer.actor, series.id, {
					...founding,
					start: '16:00',
					end: '14:00',
					timeZone: 'Europe/Atlantis'
				})
			);
			expect(times.kind).toBe('validation');
			expect(times.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/timeZone', 'meeting.invalidTimeZone'],
				['/end', 'agenda.meetingEndNotAfterStart']
			]);
			const date = await rejection(
				createMeeting(db, organizer.actor, series.id, { ...founding, date: '20.11.2024' })
			);
			expect(date.problems[0]).toMatchObject({ path: '/date', message: { key: 'validation.invalidDate' } });
			await createMeeting(db, organizer.actor, series.id, { ...founding, number: 4 });
			const taken = await rejection(
				createMeeting(db, organizer.actor, series.id, { ...founding, number: '4' })
			);
			expect(taken.kind).toBe('conflict');
			expect(taken.problems[0]).toMatchObject({ path: '/number', message: { key: 'meeting.numberTaken' } });
		});

		it('refuses anonymous actors and organizers of another organization', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const stranger = await make.organizer();
			const series = await seriesOf(db, organizer.actor);
			expect((await rejection(createMeeting(db, anonymous, series.id, founding))).kind).toBe(
				'unauthenticated'
			);
			expect((await rejection(createMeeting(db, stranger.actor, series.id, founding))).kind).toBe(
				'not-found'
			);
			await createMeeting(db, organizer.actor, series.id, founding);
			await publishSeries(db, organizer.actor, series.id);
			// A draft meeting (of a published series) stays unknown to those who may not see it …
			expect(
				(await rejection(updateMeeting(db, stranger.actor, series.id, 1, { date: '2025-01-01' }))).kind
			).toBe('not-found');
			expect((await rejection(publishMeeting(db, stranger.actor, series.id, 1))).kind).toBe('not-found');
			// … a published one is refused.
			await publishMeeting(db, organizer.actor, series.id, 1);
			expect(
				(await rejection(updateMeeting(db, stranger.actor, series.id, 1, { date: '2025-01-01' }))).kind
			).toBe('forbidden');
			expect((await rejection(publishMeeting(db, stranger.actor, series.id, 1))).kind).toBe('forbidden');
			expect((await rejection(updateMeeting(db, anonymous, series.id, 1, { date: '2025-01-01' }))).kind).toBe(
				'unauthenticated'
			);
		});

		it('shows a meeting to the public only when it and its series are published', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await seriesOf(db, organizer.actor);
			await createMeeting(db, organizer.actor, series.id, founding);
			const publishedEarly = await publishMeeting(db, organizer.actor, series.id, 1);
			expect(publishedEarly).toMatchObject({ isPublished: true, isPublic: false });
			expect((await rejection(getMeeting(db, anonymous, series.id, 1))).kind).toBe('not-found');
			expect((await getMeeting(db, organizer.actor, series.id, 1)).canManage).toBe(true);

			await publishSeries(db, organizer.actor, series.id);
			const seen = await getMeeting(db, anonymous, series.id, 1);
			expect(seen.meeting).toMatchObject({ title: '1. Austauschtreffen', isPublic: true });
			expect((await getSeries(db, anonymous, series.id)).meetings.map((m) => m.number)).toEqual([1]);

			await createMeeting(db, organizer.actor, series.id, founding);
			expect((await getSeries(db, anonymous, series.id)).meetings.map((m) => m.number)).toEqual([1]);
			expect((await getSeries(db, organizer.actor, series.id)).meetings.map((m) => m.number)).toEqual([1, 2]);
			expect((await rejection(getMeeting(db, anonymous, series.id, 2))).kind).toBe('not-found');

			await unpublishMeeting(db, organizer.actor, series.id, 1);
			expect((await rejection(getMeeting(db, anonymous, series.id, 1))).kind).toBe('not-found');
		});

		it('changes the number only while unpublished and never to a taken one', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await seriesOf(db, organizer.actor);
			await createMeeting(db, organizer.actor, series.id, founding);
			await createMeeting(db, organizer.actor, series.id, founding);
			const taken = await rejection(updateMeeting(db, organizer.actor, series.id, 1, { number: 2 }));
			expect(taken.kind).toBe('conflict');
			const moved = await updateMeeting(db, organizer.actor, series.id, 1, {
				number: 7,
				topic: { title: 'Thema' }
			});
			expect(moved).toMatchObject({ number: 7, title: '7. Austauschtreffen', topic: { title: 'Thema' } });
			await publishMeeting(db, organizer.actor, series.id, 7);
			const locked = await rejection(updateMeeting(db, organizer.actor, series.id, 7, { number: 8 }));
			expect(locked.problems[0]).toMatchObject({
				path: '/number',
				message: { key: 'meeting.numberLockedPublished' }
			});
		});

		it('refuses new times that would leave an agenda item outside, naming it', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await seriesOf(db, organizer.actor);
			await createMeeting(db, organizer.actor, series.id, founding);
			const stored = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', series.id)
				.executeTakeFirstOrThrow();
			await db
				.insertInto('agenda_items')
				.values([
					{
						id: randomUUID(),
						meeting_id: stored.id,
						position: 0,
						start_time: '14:00',
						end_time: '14:05',
						kind: 'arrival',
						title: 'Ankommen',
						details: '[]',
						poll_id: null,
						breakout_round_id: null
					},
					{
						id: randomUUID(),
						meeting_id: stored.id,
						position: 1,
						start_time: '15:30',
						end_time: '16:00',
						kind: 'closing',
						title: 'Abschluss',
						details: '[]',
						poll_id: null,
						breakout_round_id: null
					}
				])
				.execute();
			const refused = await rejection(
				updateMeeting(db, organizer.actor, series.id, 1, { start: '14:00', end: '15:45' })
			);
			expect(refused.kind).toBe('validation');
			expect(refused.problems).toEqual([
				{
					path: '/end',
					message: {
						key: 'meeting.agendaOutsideNewTime',
						params: { title: 'Abschluss', start: '14:00', end: '15:45' }
					}
				}
			]);
			// Nothing was changed.
			expect((await getMeeting(db, organizer.actor, series.id, 1)).meeting.end).toBe('16:00');
			const later = await updateMeeting(db, organizer.actor, series.id, 1, { start: '13:30', end: '16:30' });
			expect([later.start, later.end]).toEqual(['13:30', '16:30']);
			const agenda = (await getMeeting(db, organizer.actor, series.id, 1)).agenda;
			expect(agenda.map((item) => [item.slot, item.title])).toEqual([
				['14:00-14:05', 'Ankommen'],
				['15:30-16:00', 'Abschluss']
			]);
		});
	});
}
