import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { renderDocumentation } from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import {
	getGoodPractice,
	listGoodPractice,
	listGoodPracticeOfMeeting
} from '../../src/lib/server/services/good-practice';
import {
	createGoodPractice,
	listGoodPracticeSources,
	prefillGoodPractice
} from '../../src/lib/server/services/good-practice-create';
import {
	deleteGoodPractice,
	getGoodPracticeForEdit,
	setGoodPracticePublished,
	updateGoodPractice
} from '../../src/lib/server/services/good-practice-edit';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { richMeeting } from '../helpers/rich-meeting';
import { rejection } from '../helpers/test-doubles';

for (const database of testDatabases()) {
	describe(`${database.name}: good practice`, () => {
		afterAll(() => database.close());

		/** The rich meeting (talks with speakers, breakout cards, networks), imported and published. */
		async function setup(publish = true) {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const document = richMeeting();
			const seriesId = `praxis-${make.unique()}`;
			await importMeeting(
				db,
				organizer.actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{ publish }
			);
			const number = document.meeting.number;
			const sources = await listGoodPracticeSources(db, organizer.actor, seriesId, number);
			return { db, make, organizer, seriesId, number, sources };
		}

		it('makes an entry from a talk in one step: prefilled form, links to the meeting and the talk', async () => {
			const { db, organizer, seriesId, number, sources } = await setup();
			expect(sources.talks.length).toBeGreaterThan(0);
			expect(sources.cards.length).toBeGreaterThan(0);
			expect(sources.networks.length).toBeGreaterThan(0);
			const talk = sources.talks.find((entry) => entry.title.length > 0);
			if (!talk) throw new Error('no talk');
			const prefill = await prefillGoodPractice(db, organizer.actor, seriesId, number, talk.ref);
			expect(prefill).toMatchObject({ kind: 'talk', values: { title: talk.title } });

			const { id } = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: talk.ref,
				title: prefill.values.title,
				what: 'Ein Netzwerk vor Ort.',
				how: 'Mit festen Treffen.',
				municipality: 'Bielefeld',
				contactName: 'Petra Offen',
				contactEmail: 'petra.offen@example.org',
				contactConsent: 'on',
				topics: 'Netzwerke, Ehrenamt, netzwerke',
				publish: 'on'
			});
			const entry = await getGoodPractice(db, anonymous, id);
			expect(entry).toMatchObject({
				title: talk.title,
				municipality: 'Bielefeld',
				ags: '05711000',
				topics: ['Netzwerke', 'Ehrenamt'],
				contact: { name: 'Petra Offen', email: 'petra.offen@example.org' },
				isPublished: true
			});
			expect(entry.meetings.map((meeting) => meeting.href)).toEqual([`/series/${seriesId}/${number}`]);
			expect(entry.talks).toEqual([{ title: talk.title, href: `/series/${seriesId}/${number}` }]);
			expect((await listGoodPracticeSources(db, organizer.actor, seriesId, number)).entries).toEqual([
				{ id, title: talk.title, isPublished: true }
			]);
		});

		it('makes entries from a breakout card and a network entry, and never shows a contact without consent', async () => {
			const { db, organizer, seriesId, number, sources } = await setup();
			const card = sources.cards[0];
			const network = sources.networks[0];
			if (!card || !network) throw new Error('no card or network');
			const cardPrefill = await prefillGoodPractice(db, organizer.actor, seriesId, number, card.ref);
			const fromCard = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: card.ref,
				title: cardPrefill.values.title,
				what: cardPrefill.values.what,
				contactName: 'Ohne Einwilligung',
				contactEmail: 'ohne@example.org',
				publish: 'on'
			});
			const cardEntry = await getGoodPractice(db, anonymous, fromCard.id);
			expect(cardEntry.cards).toEqual([card.text]);
			expect(cardEntry.contact).toBeNull();
			expect(JSON.stringify(cardEntry)).not.toContain('ohne@example.org');

			const networkPrefill = await prefillGoodPractice(db, organizer.actor, seriesId, number, network.ref);
			expect(networkPrefill.values.title).toBe(network.name);
			const fromNetwork = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: network.ref,
				title: networkPrefill.values.title,
				what: networkPrefill.values.what || 'Ein Netzwerk.',
				publish: 'on'
			});
			expect((await getGoodPractice(db, anonymous, fromNetwork.id)).networks.map((n) => n.name)).toEqual([
				network.name
			]);
			// The meeting's documentation has a "Gute Praxis" section, naming no contact without consent.
			const markdown = (
				await renderDocumentation(
					db,
					organizer.actor,
					{ seriesId, number },
					{ format: 'md' },
					{ dataDir: '/nonexistent' }
				)
			).bytes.toString('utf8');
			expect(markdown).toContain('## Gute Praxis');
			expect(markdown).toContain(cardPrefill.values.title.split(/[&<>*_]/)[0]?.trim());
			expect(markdown).not.toContain('ohne@example.org');
			const ofMeeting = await listGoodPracticeOfMeeting(
				db,
				(
					await db
						.selectFrom('meetings')
						.innerJoin('series', 'series.id', 'meetings.series_id')
						.select('meetings.id')
						.where('series.slug', '=', seriesId)
						.executeTakeFirstOrThrow()
				).id
			);
			expect(ofMeeting.map((entry) => entry.id)).toEqual([fromCard.id, fromNetwork.id]);
		});

		it('refuses a source of another meeting, an unknown municipality and a missing title, by field', async () => {
			const { db, organizer, seriesId, number, sources } = await setup();
			const other = await setup();
			const talk = other.sources.talks[0];
			if (!talk) throw new Error('no talk');
			const foreign = await rejection(
				createGoodPractice(db, organizer.actor, seriesId, number, { source: talk.ref, title: 'x', what: 'y' })
			);
			expect(foreign.problems.map((p) => p.path)).toEqual(['/source']);
			const own = sources.talks[0];
			if (!own) throw new Error('no talk');
			const unknownPlace = await rejection(
				createGoodPractice(db, organizer.actor, seriesId, number, {
					source: own.ref,
					title: 'x',
					what: 'y',
					municipality: 'Atlantis'
				})
			);
			expect(unknownPlace.problems.map((p) => p.path)).toEqual(['/municipality']);
			const noTitle = await rejection(
				createGoodPractice(db, organizer.actor, seriesId, number, { source: own.ref, title: ' ', what: 'y' })
			);
			expect(noTitle.problems.map((p) => p.path)).toEqual(['/title']);
			const stranger = await other.make.organizer();
			expect((await rejection(listGoodPracticeSources(db, stranger.actor, seriesId, number))).kind).toBe(
				'forbidden'
			);
		});

		it('shows drafts only to their organizers, and searches the published entries', async () => {
			const { db, organizer, seriesId, number, sources } = await setup();
			const talk = sources.talks[0];
			if (!talk) throw new Error('no talk');
			const draft = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: talk.ref,
				title: 'Entwurf Kulturbüro',
				what: 'Noch nicht öffentlich.'
			});
			expect((await rejection(getGoodPractice(db, anonymous, draft.id))).kind).toBe('not-found');
			expect((await getGoodPractice(db, organizer.actor, draft.id)).isPublished).toBe(false);
			const published = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: talk.ref,
				title: `Freiwilligenagenturen ${seriesId}`,
				what: 'Kulturbüros und Engagement.',
				publish: 'on'
			});
			const found = await listGoodPractice(db, anonymous, { query: `kulturbueros ${seriesId}` });
			expect(found.entries.map((entry) => entry.id)).toEqual([published.id]);
			const mine = await listGoodPractice(db, organizer.actor, { query: 'Entwurf Kulturbüro' });
			expect(mine.entries.map((entry) => entry.id)).toContain(draft.id);
		});

		it('lets its organizers edit, unpublish, publish and delete an entry; others are refused', async () => {
			const { db, make, organizer, seriesId, number, sources } = await setup();
			const talk = sources.talks[0];
			if (!talk) throw new Error('no talk');
			const { id } = await createGoodPractice(db, organizer.actor, seriesId, number, {
				source: talk.ref,
				title: 'Kulturrucksack',
				what: 'Angebote für Jugendliche.',
				contactName: 'Paula Privat',
				contactEmail: 'paula@example.org',
				publish: 'on'
			});
			const stranger = await make.organizer();
			const change = { title: 'Fremd', what: 'x' };
			expect((await rejection(updateGoodPractice(db, anonymous, id, change))).kind).toBe('unauthenticated');
			expect((await rejection(updateGoodPractice(db, stranger.actor, id, change))).kind).toBe('forbidden');
			expect((await rejection(deleteGoodPractice(db, stranger.actor, id, { confirm: true }))).kind).toBe(
				'forbidden'
			);
			const noTitle = await rejection(updateGoodPractice(db, organizer.actor, id, { title: ' ', what: 'x' }));
			expect(noTitle.problems.map((problem) => problem.path)).toEqual(['/title']);
			const unknownPlace = await rejection(
				updateGoodPractice(db, organizer.actor, id, { title: 't', what: 'x', municipality: 'Atlantis' })
			);
			expect(unknownPlace.problems.map((problem) => problem.path)).toEqual(['/municipality']);

			expect((await getGoodPracticeForEdit(db, organizer.actor, id)).values).toMatchObject({
				title: 'Kulturrucksack',
				contactName: 'Paula Privat',
				contactConsent: false
			});
			await updateGoodPractice(db, organizer.actor, id, {
				title: 'Kulturrucksack NRW',
				what: 'Angebote für Jugendliche von 10 bis 14.',
				how: 'Mit Schulen.',
				municipality: 'Bielefeld',
				contactName: 'Paula Privat',
				contactEmail: 'paula@example.org',
				contactConsent: true,
				topics: 'Jugend, Schule'
			});
			const edited = await getGoodPractice(db, anonymous, id);
			expect(edited).toMatchObject({
				title: 'Kulturrucksack NRW',
				how: 'Mit Schulen.',
				ags: '05711000',
				topics: ['Jugend', 'Schule'],
				contact: { name: 'Paula Privat', email: 'paula@example.org' }
			});
			expect(edited.meetings).toHaveLength(1);

			await setGoodPracticePublished(db, organizer.actor, id, false);
			expect((await rejection(getGoodPractice(db, anonymous, id))).kind).toBe('not-found');
			// A stranger does not learn that the draft exists.
			expect((await rejection(getGoodPracticeForEdit(db, stranger.actor, id))).kind).toBe('not-found');
			await setGoodPracticePublished(db, organizer.actor, id, true);
			expect((await getGoodPractice(db, anonymous, id)).isPublished).toBe(true);

			const unconfirmed = await rejection(deleteGoodPractice(db, organizer.actor, id, {}));
			expect(unconfirmed.problems.map((problem) => problem.path)).toEqual(['/confirm']);
			await deleteGoodPractice(db, organizer.actor, id, { confirm: 'on' });
			expect((await rejection(getGoodPractice(db, organizer.actor, id))).kind).toBe('not-found');
			const links = await db
				.selectFrom('good_practice_links')
				.select('kind')
				.where('good_practice_id', '=', id)
				.execute();
			expect(links).toEqual([]);
		});
	});
}
