import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { toJsonList } from '../../src/lib/server/db/json-columns';
import { copyPreviousAgenda } from '../../src/lib/server/services/agenda-order';
import { addAgendaItem } from '../../src/lib/server/services/agenda';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { getSeriesWithMemory } from '../../src/lib/server/services/series-memory';
import { submitWish } from '../../src/lib/server/services/wishes-contributions';
import { triageWish } from '../../src/lib/server/services/wishes-triage';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer } from '../helpers/test-doubles';

const ORIGIN = 'http://netzwerkstatt.test';
const NOW = new Date('2027-02-01T09:00:00Z');

for (const database of testDatabases()) {
	describe(`${database.name}: the series' memory and the Rückblick`, () => {
		afterAll(() => database.close());

		/** A published series with a past meeting (topic, findings) and a future one. */
		async function setup() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Gedächtnis ${make.unique()}` });
			await publishSeries(db, organizer.actor, series.id);
			const venue = { mode: 'online' };
			await createMeeting(db, organizer.actor, series.id, {
				date: '2027-01-10',
				start: '10:00',
				end: '12:00',
				venue,
				topic: { title: 'Freiwilligenagenturen' }
			});
			await createMeeting(db, organizer.actor, series.id, {
				date: '2027-03-10',
				start: '14:00',
				end: '16:00',
				venue,
				topic: { title: 'Kulturelle Bildung' }
			});
			await publishMeeting(db, organizer.actor, series.id, 1);
			await publishMeeting(db, organizer.actor, series.id, 2);
			await db
				.updateTable('meetings')
				.set({ findings: toJsonList(['Kulturbüros brauchen feste Ansprechpersonen.']) })
				.where('number', '=', 1)
				.where('series_id', 'in', db.selectFrom('series').select('id').where('slug', '=', series.id))
				.execute();
			return { db, organizer, series };
		}

		it('shows every meeting with topic and findings, the next meeting, the open wishes, and searches them', async () => {
			const { db, organizer, series } = await setup();
			const mailer = memoryMailer();
			const options = { locale: 'de' as const, publicOrigin: ORIGIN };
			const open = await submitWish(
				db,
				mailer,
				anonymous,
				series.id,
				{ title: 'Kulturbüros vernetzen', body: 'x' },
				options
			);
			const declined = await submitWish(
				db,
				mailer,
				anonymous,
				series.id,
				{ title: 'Abgelehnt', body: 'y' },
				options
			);
			await triageWish(
				db,
				mailer,
				organizer.actor,
				series.id,
				declined.wishId ?? '',
				{
					status: 'declined',
					reason: 'Nicht unser Thema.'
				},
				{ publicOrigin: ORIGIN }
			);

			const view = await getSeriesWithMemory(db, anonymous, series.id, { query: '' }, NOW);
			expect(view.memory.meetings.map((m) => [m.number, m.topicTitle, m.findings])).toEqual([
				[1, 'Freiwilligenagenturen', ['Kulturbüros brauchen feste Ansprechpersonen.']],
				[2, 'Kulturelle Bildung', []]
			]);
			expect(view.memory.next).toMatchObject({ number: 2, isRegistrationOpen: true });
			expect(view.memory.openWishes.map((wish) => wish.id)).toEqual([open.wishId]);
			expect(view.memory.search).toBeNull();

			const found = await getSeriesWithMemory(db, anonymous, series.id, { query: 'kulturbueros' }, NOW);
			expect(found.memory.search?.hits.map((hit) => [hit.kind, hit.href])).toEqual([
				['meeting', `/series/${series.id}/1`],
				['wish', `/series/${series.id}/wuensche/${open.wishId}`]
			]);
		});

		it('prefills "Rückblick auf das letzte Treffen" with the previous meeting’s topic and findings', async () => {
			const { db, organizer, series } = await setup();
			const ref = { seriesId: series.id, number: 2 };
			const review = await addAgendaItem(db, organizer.actor, ref, {
				kind: 'welcome',
				title: 'Rückblick auf das letzte Treffen',
				start: '14:00',
				duration: '10'
			});
			expect(review.details).toEqual([
				'Rückblick auf das 1. Austauschtreffen',
				'Schwerpunktthema: Freiwilligenagenturen',
				'Kulturbüros brauchen feste Ansprechpersonen.'
			]);
			// Details the organizer wrote are kept.
			const own = await addAgendaItem(db, organizer.actor, ref, {
				kind: 'welcome',
				title: 'Rückblick',
				details: 'Eigener Text',
				start: '14:10',
				duration: '5'
			});
			expect(own.details).toEqual(['Eigener Text']);
		});

		it('prefills the review when the agenda is copied from the previous meeting', async () => {
			const { db, organizer, series } = await setup();
			await addAgendaItem(
				db,
				organizer.actor,
				{ seriesId: series.id, number: 1 },
				{
					kind: 'welcome',
					title: 'Rückblick auf das letzte Treffen',
					details: 'Alter Rückblick',
					start: '10:00',
					duration: '10'
				}
			);
			const copied = await copyPreviousAgenda(db, organizer.actor, { seriesId: series.id, number: 2 });
			expect(copied.items[0]?.details).toEqual([
				'Rückblick auf das 1. Austauschtreffen',
				'Schwerpunktthema: Freiwilligenagenturen',
				'Kulturbüros brauchen feste Ansprechpersonen.'
			]);
		});
	});
}
