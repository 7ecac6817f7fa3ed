import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../src/lib/domain/errors';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import { translateMessage } from '../../src/lib/i18n/translate';
import type { Database } from '../../src/lib/server/db/schema';
import {
	addAgendaItem,
	deleteAgendaItem,
	getAgenda,
	getAgendaEditor,
	updateAgendaItem
} from '../../src/lib/server/services/agenda';
import {
	copyPreviousAgenda,
	moveAgendaItem,
	reorderAgenda
} from '../../src/lib/server/services/agenda-order';
import type { MeetingAddress } from '../../src/lib/domain/meeting-address';
import { listAgendaItems } from '../../src/lib/server/repositories/agenda';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** Series, meetings and people made directly with Kysely (the series services are built elsewhere). */
function agendaData(db: Kysely<Database>) {
	const now = new Date().toISOString();
	async function series(organizationId: string, options: { published?: boolean } = {}) {
		const id = randomUUID();
		const slug = `reihe-${id.slice(0, 8)}`;
		await db
			.insertInto('series')
			.values({
				id,
				slug,
				organization_id: organizationId,
				title: 'Austauschtreffen',
				meeting_noun: 'Austauschtreffen',
				meeting_noun_genitive: 'Austauschtreffens',
				audience: 'Kulturbüros',
				language: 'de',
				organizer_name: 'LWL',
				organizer_email: null,
				organizer_website: null,
				format_description: '[]',
				funding_lead: null,
				funding_funder: null,
				published_at: options.published ? now : null,
				created_at: now,
				updated_at: now
			})
			.execute();
		return { id, slug };
	}
	async function meeting(
		seriesRow: { id: string; slug: string },
		number: number,
		options: { start?: string; end?: string; published?: boolean } = {}
	) {
		const id = randomUUID();
		await db
			.insertInto('meetings')
			.values({
				id,
				series_id: seriesRow.id,
				number,
				date: '2024-11-20',
				start_time: options.start ?? '14:00',
				end_time: options.end ?? '16:00',
				time_zone: 'Europe/Berlin',
				venue_mode: 'online',
				venue_platform: 'Zoom',
				venue_url: null,
				venue_address: null,
				topic_title: null,
				topic_summary: '[]',
				topic_guiding_questions: '[]',
				outlook_text: '[]',
				topic_wishes_contact: null,
				findings: '[]',
				published_at: options.published ? now : null,
				created_at: now,
				updated_at: now
			})
			.execute();
		return { id, ref: { seriesId: seriesRow.slug, number } satisfies MeetingAddress };
	}
	async function person(meetingId: string, key: string, name: string, position = 0) {
		const id = randomUUID();
		await db
			.insertInto('people')
			.values({
				id,
				meeting_id: meetingId,
				person_key: key,
				position,
				name,
				organization: null,
				municipality: null,
				ags: null,
				job_role: null,
				email: null,
				status: null,
				user_id: null
			})
			.execute();
		return id;
	}
	return { series, meeting, person };
}

/** The AppError a call throws (fails the test when it does not throw one). */
async function refusal(work: Promise<unknown>): Promise<AppError> {
	const caught = await work.then(
		() => undefined,
		(error: unknown) => error
	);
	if (!isAppError(caught)) throw new Error(`expected an AppError, got ${String(caught)}`);
	return caught;
}

function texts(error: AppError): string[] {
	return error.problems.map((p) => `${p.path}: ${translateMessage('de', p.message)}`);
}

for (const database of testDatabases()) {
	describe(`${database.name}: agenda`, () => {
		afterAll(() => database.close());

		async function setUp() {
			const db = await database.open();
			const make = factories(db);
			const data = agendaData(db);
			const organizer = await make.organizer();
			const series = await data.series(organizer.organizationId);
			const meeting = await data.meeting(series, 2);
			return { db, make, data, organizer, actor: organizer.actor, series, meeting, ref: meeting.ref };
		}

		async function snapshot(db: Kysely<Database>, meetingId: string) {
			return (await listAgendaItems(db, meetingId)).map((item) => ({
				position: item.position,
				start: item.start,
				end: item.end,
				title: item.title,
				speakers: item.speakers.map((speaker) => speaker.personKey)
			}));
		}

		it('adds items with start and end, and with a duration from the next free start', async () => {
			const { db, actor, ref, meeting } = await setUp();
			const first = await addAgendaItem(db, actor, ref, {
				kind: 'arrival',
				title: 'Ankommen',
				start: '14:00',
				end: '14:05'
			});
			expect(first).toMatchObject({
				position: 0,
				start: '14:00',
				end: '14:05',
				kind: 'arrival',
				details: []
			});
			const second = await addAgendaItem(db, actor, ref, {
				kind: 'welcome',
				title: 'Begrüßung',
				details: 'Vorstellung des Formats\n\nRückblick auf das erste Treffen',
				start: '',
				end: '',
				duration: '5'
			});
			expect(second).toMatchObject({
				position: 1,
				start: '14:05',
				end: '14:10',
				details: ['Vorstellung des Formats', 'Rückblick auf das erste Treffen']
			});
			// An item added earlier in the day takes its place in time order.
			await addAgendaItem(db, actor, ref, {
				kind: 'closing',
				title: 'Abschluss',
				start: '15:55',
				duration: 5
			});
			await addAgendaItem(db, actor, ref, {
				kind: 'poll',
				title: 'Kurze Umfrage',
				start: '14:10',
				end: '14:15'
			});
			expect((await snapshot(db, meeting.id)).map((item) => [item.position, item.start, item.title])).toEqual(
				[
					[0, '14:00', 'Ankommen'],
					[1, '14:05', 'Begrüßung'],
					[2, '14:10', 'Kurze Umfrage'],
					[3, '15:55', 'Abschluss']
				]
			);
		});

		it('refuses overlaps, items outside the meeting and an end before the start, naming the item, writing nothing', async () => {
			const { db, actor, ref, meeting } = await setUp();
			await addAgendaItem(db, actor, ref, {
				kind: 'welcome',
				title: 'Begrüßung',
				start: '14:05',
				end: '14:10'
			});
			const before = await snapshot(db, meeting.id);

			const overlap = await refusal(
				addAgendaItem(db, actor, ref, { kind: 'poll', title: 'Kurze Umfrage', start: '14:08', end: '14:15' })
			);
			expect(overlap.kind).toBe('validation');
			expect(texts(overlap)).toEqual(['/start: „Kurze Umfrage“ überschneidet sich mit „Begrüßung“.']);

			const outside = await refusal(
				addAgendaItem(db, actor, ref, { kind: 'closing', title: 'Ausklang', start: '15:50', duration: 20 })
			);
			expect(texts(outside)).toEqual([
				'/end: „Ausklang“ liegt außerhalb der Zeit des Treffens (14:00–16:00).'
			]);

			const backwards = await refusal(
				addAgendaItem(db, actor, ref, { kind: 'other', title: 'Rückwärts', start: '15:00', end: '14:50' })
			);
			expect(texts(backwards)).toEqual([
				'/end: „Rückwärts“: Das Ende (14:50) muss nach dem Beginn (15:00) liegen.'
			]);

			const invalid = await refusal(
				addAgendaItem(db, actor, ref, { kind: 'party', title: '', start: '25:00' })
			);
			expect(invalid.problems.map((p) => p.path).sort()).toEqual(['/kind', '/start', '/title']);

			const item = (await listAgendaItems(db, meeting.id))[0]!;
			const edit = await refusal(
				updateAgendaItem(db, actor, ref, item.id, { title: 'Begrüßung lang', end: '16:30' })
			);
			expect(texts(edit)).toEqual([
				'/end: „Begrüßung lang“ liegt außerhalb der Zeit des Treffens (14:00–16:00).'
			]);
			expect(await snapshot(db, meeting.id)).toEqual(before);
		});

		it('lets only one of two overlapping items added at the same moment in', async () => {
			const { db, actor, ref, meeting } = await setUp();
			// On PostgreSQL each goes on its own connection; the meeting's row lock orders them.
			const outcomes = await Promise.allSettled(
				['Erste', 'Zweite'].map((title) =>
					addAgendaItem(db, actor, ref, { kind: 'input', title, start: '14:00', end: '14:30' })
				)
			);
			expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
			const rows = await db
				.selectFrom('agenda_items')
				.select('start_time')
				.where('meeting_id', '=', meeting.id)
				.execute();
			expect(rows).toEqual([{ start_time: '14:00' }]);
		});

		it('edits an item: content, speakers, and a new start that keeps the duration', async () => {
			const { db, actor, ref, meeting, data } = await setUp();
			const anne = await data.person(meeting.id, 'anne-melzig', 'Anne Melzig', 0);
			const jan = await data.person(meeting.id, 'jan-tonigs', 'Jan-Christoph Tonigs', 1);
			const input = await addAgendaItem(db, actor, ref, {
				kind: 'input',
				title: 'Input',
				start: '14:15',
				end: '14:20'
			});
			await addAgendaItem(db, actor, ref, {
				kind: 'discussion',
				title: 'Austausch',
				start: '14:35',
				end: '14:45'
			});

			// Moving the input to 14:40 keeps its 5 minutes, and so overlaps "Austausch".
			const overlap = await refusal(updateAgendaItem(db, actor, ref, input.id, { start: '14:40' }));
			expect(texts(overlap)).toEqual(['/start: „Input“ überschneidet sich mit „Austausch“.']);

			const edited = await updateAgendaItem(db, actor, ref, input.id, {
				kind: 'input',
				title: 'Input durch Anne Melzig',
				details: 'Engagement vor Ort gemeinsam gestalten',
				speakers: [jan, anne, jan],
				start: '14:50',
				end: '',
				duration: ''
			});
			expect(edited).toMatchObject({
				title: 'Input durch Anne Melzig',
				start: '14:50',
				end: '14:55',
				details: ['Engagement vor Ort gemeinsam gestalten'],
				position: 1
			});
			expect(edited.speakers.map((speaker) => speaker.name)).toEqual(['Jan-Christoph Tonigs', 'Anne Melzig']);
			expect((await snapshot(db, meeting.id)).map((item) => [item.position, item.title])).toEqual([
				[0, 'Austausch'],
				[1, 'Input durch Anne Melzig']
			]);

			const stranger = await refusal(
				updateAgendaItem(db, actor, ref, input.id, { speakers: [randomUUID()] })
			);
			expect(stranger.problems.map((p) => p.path)).toEqual(['/speakers/0']);
			const missing = await refusal(updateAgendaItem(db, actor, ref, randomUUID(), { title: 'x' }));
			expect(missing.kind).toBe('not-found');
		});

		it('deletes an item and keeps the positions contiguous', async () => {
			const { db, actor, ref, meeting } = await setUp();
			const ids: string[] = [];
			for (const [index, title] of ['A', 'B', 'C', 'D'].entries()) {
				const start = `14:${String(index * 10).padStart(2, '0')}`;
				ids.push((await addAgendaItem(db, actor, ref, { kind: 'other', title, start, duration: 10 })).id);
			}
			expect(await deleteAgendaItem(db, actor, ref, ids[1]!)).toEqual({ title: 'B' });
			expect((await snapshot(db, meeting.id)).map((item) => [item.position, item.title, item.start])).toEqual(
				[
					[0, 'A', '14:00'],
					[1, 'C', '14:20'],
					[2, 'D', '14:30']
				]
			);
			expect((await refusal(deleteAgendaItem(db, actor, ref, ids[1]!))).kind).toBe('not-found');
		});

		it('reorders and recomputes the times from the durations, from the earliest start', async () => {
			const { db, actor, ref, meeting } = await setUp();
			const a = await addAgendaItem(db, actor, ref, {
				kind: 'arrival',
				title: 'A',
				start: '14:00',
				duration: 5
			});
			const b = await addAgendaItem(db, actor, ref, {
				kind: 'welcome',
				title: 'B',
				start: '14:05',
				duration: 10
			});
			const c = await addAgendaItem(db, actor, ref, {
				kind: 'poll',
				title: 'C',
				start: '14:30',
				duration: 15
			});
			const reordered = await reorderAgenda(db, actor, ref, { itemIds: [c.id, a.id, b.id] });
			expect(reordered.map((item) => [item.position, item.title, item.start, item.end])).toEqual([
				[0, 'C', '14:00', '14:15'],
				[1, 'A', '14:15', '14:20'],
				[2, 'B', '14:20', '14:30']
			]);
			const moved = await moveAgendaItem(db, actor, ref, { itemId: b.id, direction: 'up' });
			expect(moved).toMatchObject({
				count: 3,
				item: { title: 'B', position: 1, start: '14:15', end: '14:25' }
			});
			// At the top, "up" changes nothing.
			await moveAgendaItem(db, actor, ref, { itemId: c.id, direction: 'up' });
			expect((await snapshot(db, meeting.id)).map((item) => item.title)).toEqual(['C', 'B', 'A']);

			const mismatch = await refusal(reorderAgenda(db, actor, ref, { itemIds: [a.id, a.id, b.id] }));
			expect(mismatch.problems.map((p) => p.path)).toEqual(['/itemIds']);
		});

		it('refuses a reorder that would leave the meeting, writing nothing', async () => {
			const { db, actor, data, series } = await setUp();
			// Items that overlap (imported data, say) add up to more than the meeting's time.
			const meeting = await data.meeting(series, 7, { start: '14:00', end: '15:00' });
			const now = [
				{ id: randomUUID(), title: 'Lang', start: '14:00', end: '15:00' },
				{ id: randomUUID(), title: 'Parallel', start: '14:00', end: '14:30' }
			];
			for (const [position, item] of now.entries()) {
				await db
					.insertInto('agenda_items')
					.values({
						id: item.id,
						meeting_id: meeting.id,
						position,
						start_time: item.start,
						end_time: item.end,
						kind: 'other',
						title: item.title,
						details: '[]',
						poll_id: null,
						breakout_round_id: null
					})
					.execute();
			}
			const before = await snapshot(db, meeting.id);
			const refused = await refusal(
				reorderAgenda(db, actor, meeting.ref, { itemIds: [now[1]!.id, now[0]!.id] })
			);
			expect(translateMessage('de', refused.summary)).toBe(
				'So umgestellt passt der Ablaufplan nicht in die Zeit des Treffens.'
			);
			expect(texts(refused)).toEqual([
				'/itemIds/1: „Lang“ liegt außerhalb der Zeit des Treffens (14:00–15:00).'
			]);
			expect(await snapshot(db, meeting.id)).toEqual(before);
		});

		it("copies the previous meeting's agenda, shifted, with details and the speakers who exist here", async () => {
			const { db, actor, data, organizer } = await setUp();
			const series = await data.series(organizer.organizationId);
			const first = await data.meeting(series, 1, { start: '10:00', end: '12:00' });
			const anneThen = await data.person(first.id, 'anne-melzig', 'Anne Melzig');
			const gone = await data.person(first.id, 'nicht-mehr-da', 'Nicht mehr da', 1);
			await addAgendaItem(db, actor, first.ref, {
				kind: 'arrival',
				title: 'Ankommen',
				start: '10:00',
				duration: 5
			});
			await addAgendaItem(db, actor, first.ref, {
				kind: 'input',
				title: 'Input',
				details: ['Erster Absatz', 'Zweiter Absatz'],
				speakers: [anneThen, gone],
				start: '10:05',
				end: '10:25'
			});
			const third = await data.meeting(series, 3, { start: '14:00', end: '16:00' });
			await data.person(third.id, 'anne-melzig', 'Anne Melzig');

			expect((await getAgendaEditor(db, actor, third.ref)).copyFromNumber).toBe(1);
			const copied = await copyPreviousAgenda(db, actor, third.ref);
			expect(copied.fromNumber).toBe(1);
			expect(await snapshot(db, third.id)).toEqual([
				{ position: 0, start: '14:00', end: '14:05', title: 'Ankommen', speakers: [] },
				{ position: 1, start: '14:05', end: '14:25', title: 'Input', speakers: ['anne-melzig'] }
			]);
			expect(copied.items[1]!.details).toEqual(['Erster Absatz', 'Zweiter Absatz']);
			expect(copied.items[1]!.speakers[0]!.personId).not.toBe(anneThen);

			// Only into an empty agenda, and no longer offered.
			expect((await refusal(copyPreviousAgenda(db, actor, third.ref))).kind).toBe('conflict');
			expect((await getAgendaEditor(db, actor, third.ref)).copyFromNumber).toBeNull();
			// The first meeting has none before it.
			const none = await data.meeting(await data.series(organizer.organizationId), 1);
			expect((await refusal(copyPreviousAgenda(db, actor, none.ref))).kind).toBe('conflict');
		});

		it('refuses a copy that would leave the meeting, writing nothing', async () => {
			const { db, actor, data, series } = await setUp();
			const long = await data.meeting(series, 4, { start: '14:00', end: '16:00' });
			await addAgendaItem(db, actor, long.ref, {
				kind: 'other',
				title: 'Lange Runde',
				start: '15:00',
				end: '16:00'
			});
			const short = await data.meeting(series, 5, { start: '09:00', end: '10:00' });
			const refused = await refusal(copyPreviousAgenda(db, actor, short.ref));
			expect(translateMessage('de', refused.summary)).toBe(
				'Der Ablaufplan von Treffen 4 passt verschoben nicht in die Zeit dieses Treffens (09:00–10:00).'
			);
			expect(texts(refused)).toEqual([
				'/items/0/start: „Lange Runde“ liegt außerhalb der Zeit des Treffens (09:00–10:00).'
			]);
			expect(await listAgendaItems(db, short.id)).toEqual([]);
		});

		it('refuses an organizer of another organization and an anonymous actor', async () => {
			const { db, make, actor, ref, meeting } = await setUp();
			await addAgendaItem(db, actor, ref, {
				kind: 'arrival',
				title: 'Ankommen',
				start: '14:00',
				duration: 5
			});
			const before = await snapshot(db, meeting.id);
			const other: Actor = (await make.organizer()).actor;
			const itemId = (await listAgendaItems(db, meeting.id))[0]!.id;
			const attempts = (who: Actor) => [
				() => getAgendaEditor(db, who, ref),
				() => addAgendaItem(db, who, ref, { kind: 'other', title: 'X', start: '15:00', duration: 5 }),
				() => updateAgendaItem(db, who, ref, itemId, { title: 'Y' }),
				() => deleteAgendaItem(db, who, ref, itemId),
				() => reorderAgenda(db, who, ref, { itemIds: [itemId] }),
				() => moveAgendaItem(db, who, ref, { itemId, direction: 'down' }),
				() => copyPreviousAgenda(db, who, ref),
				() => getAgenda(db, who, ref)
			];
			// The meeting is a draft: an organizer of another organization learns nothing about it.
			for (const attempt of attempts(other)) expect((await refusal(attempt())).kind).toBe('not-found');
			// An anonymous actor is asked to sign in to change it; reading a draft finds nothing.
			for (const attempt of attempts(anonymous).slice(0, -1))
				expect((await refusal(attempt())).kind).toBe('unauthenticated');
			expect((await refusal(getAgenda(db, anonymous, ref))).kind).toBe('not-found');
			expect(await snapshot(db, meeting.id)).toEqual(before);
			// Unknown meetings are not found, for anyone.
			expect((await refusal(getAgenda(db, actor, { seriesId: ref.seriesId, number: 99 }))).kind).toBe(
				'not-found'
			);
			// (A number that is none never reaches the service: the route's matcher answers 404.)
			expect(
				(await refusal(getAgendaEditor(db, actor, { seriesId: 'keine-reihe', number: ref.number }))).kind
			).toBe('not-found');
		});

		it("shows a published meeting's agenda to anyone", async () => {
			const { db, make, data, actor } = await setUp();
			const org = actor.kind === 'user' ? actor.organizations[0]!.organizationId : '';
			const published = await data.meeting(await data.series(org, { published: true }), 1, {
				published: true
			});
			await addAgendaItem(db, actor, published.ref, {
				kind: 'welcome',
				title: 'Begrüßung',
				start: '14:00',
				duration: 10
			});
			const view = await getAgenda(db, anonymous, published.ref);
			expect(view.meeting).toMatchObject({ number: 1, start: '14:00', end: '16:00', isPublished: true });
			expect(view.items.map((item) => item.title)).toEqual(['Begrüßung']);
			expect((await getAgenda(db, (await make.organizer()).actor, published.ref)).items).toHaveLength(1);
		});
	});
}
