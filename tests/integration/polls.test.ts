import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import type { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import { translateMessage } from '../../src/lib/i18n/translate';
import type { Database } from '../../src/lib/server/db/schema';
import { LiveBus } from '../../src/lib/server/live/bus';
import { AddAgendaItem, getAgendaEditor, updateAgendaItem } from '../../src/lib/server/services/agenda';
import { actorForUser } from '../../src/lib/server/services/auth';
import { exportMeeting, importMeeting } from '../../src/lib/server/services/exchange';
import { moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { grantModerator } from '../../src/lib/server/services/meeting-roles';
import {
	addQuestion,
	deleteQuestion,
	moveQuestion,
	updateQuestion
} from '../../src/lib/server/services/poll-questions';
import {
	createPoll,
	deletePoll,
	getPoll,
	listMeetingPolls,
	renamePoll
} from '../../src/lib/server/services/polls';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { foundingDocument } from '../helpers/founding-document';
import { memoryMailer, rejection } from '../helpers/test-doubles';

/** The founding meeting without polls (its agenda item of kind poll points at none), under a fresh series id. */
function meetingWithoutPolls(): MeetingDocument {
	const doc = foundingDocument();
	doc.series.id = `umfragen-${randomUUID().slice(0, 8)}`;
	delete doc.meeting.polls;
	for (const item of doc.meeting.agenda) delete item.poll;
	return doc;
}

/** `path: German text` of each problem, as the form shows them. */
function problemTexts(error: AppError): string[] {
	return error.problems.map((p) => `${p.path}: ${translateMessage('de', p.message)}`);
}

const single = {
	text: 'Wo arbeiten Sie?',
	kind: 'single',
	options: 'Verwaltung\nVerein\n\nAndere\n'
};
const multiple = {
	text: 'Welche Themen interessieren Sie?',
	kind: 'multiple',
	options: ['Netzwerke', 'Förderung', 'Ehrenamt'],
	maxChoices: '2'
};
const scale = {
	text: 'Wie zufrieden sind Sie?',
	kind: 'scale',
	scaleMin: '0',
	scaleMax: '10',
	scaleMinLabel: 'gar nicht',
	scaleMaxLabel: 'sehr'
};
const text = { text: 'Was wünschen Sie sich?', kind: 'text' };

for (const database of testDatabases()) {
	describe(`${database.name}: polls prepared in the meeting`, () => {
		afterAll(() => database.close());

		async function setUp() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const doc = meetingWithoutPolls();
			await importMeeting(db, organizer.actor, doc);
			const ref = { seriesId: doc.series.id, number: doc.meeting.number };
			return { db, make, organizer, actor: organizer.actor, doc, ref };
		}

		async function pollWithQuestions(
			db: Kysely<Database>,
			actor: Actor,
			ref: { seriesId: string; number: number }
		) {
			const poll = await createPoll(db, actor, ref, { title: 'Blitzlicht zum Schluss' });
			for (const question of [single, multiple, scale, text])
				await addQuestion(db, actor, ref, { poll: poll.key, ...question });
			return (await getPoll(db, actor, ref, poll.key)).poll;
		}

		it('creates polls with keys from their titles, unique in the meeting; renames and deletes them', async () => {
			const { db, actor, ref } = await setUp();
			const first = await createPoll(db, actor, ref, { title: '  Umfrage zum Einstieg ' });
			expect(first).toMatchObject({
				key: 'umfrage-zum-einstieg',
				title: 'Umfrage zum Einstieg',
				state: 'draft',
				isEditable: true,
				questions: []
			});
			const second = await createPoll(db, actor, ref, { title: 'Umfrage zum Einstieg!' });
			expect(second.key).toBe('umfrage-zum-einstieg-2');
			expect((await createPoll(db, actor, ref, { title: '???' })).key).toBe('umfrage');

			// A new title keeps the key: links and exported references stay valid.
			const renamed = await renamePoll(db, actor, ref, { poll: second.key, title: 'Blitzlicht' });
			expect(renamed).toMatchObject({ key: 'umfrage-zum-einstieg-2', title: 'Blitzlicht' });

			expect(await deletePoll(db, actor, ref, { poll: first.key })).toEqual({
				title: 'Umfrage zum Einstieg'
			});
			expect((await listMeetingPolls(db, actor, ref)).polls.map((poll) => [poll.key, poll.title])).toEqual([
				['umfrage-zum-einstieg-2', 'Blitzlicht'],
				['umfrage', '???']
			]);
			expect((await rejection(getPoll(db, actor, ref, first.key))).summary.key).toBe('polls.notFound');
		});

		it('adds a question of every kind with its options, maximum and scale', async () => {
			const { db, actor, ref } = await setUp();
			const poll = await pollWithQuestions(db, actor, ref);
			expect(poll.questions).toEqual([
				{
					id: expect.any(String),
					key: 'wo-arbeiten-sie',
					text: 'Wo arbeiten Sie?',
					kind: 'single',
					options: [
						{ key: 'verwaltung', label: 'Verwaltung' },
						{ key: 'verein', label: 'Verein' },
						{ key: 'andere', label: 'Andere' }
					],
					maxChoices: null,
					scale: null
				},
				{
					id: expect.any(String),
					key: 'welche-themen-interessieren-sie',
					text: 'Welche Themen interessieren Sie?',
					kind: 'multiple',
					options: [
						{ key: 'netzwerke', label: 'Netzwerke' },
						{ key: 'foerderung', label: 'Förderung' },
						{ key: 'ehrenamt', label: 'Ehrenamt' }
					],
					maxChoices: 2,
					scale: null
				},
				{
					id: expect.any(String),
					key: 'wie-zufrieden-sind-sie',
					text: 'Wie zufrieden sind Sie?',
					kind: 'scale',
					options: [],
					maxChoices: null,
					scale: { min: 0, max: 10, minLabel: 'gar nicht', maxLabel: 'sehr' }
				},
				{
					id: expect.any(String),
					key: 'was-wuenschen-sie-sich',
					text: 'Was wünschen Sie sich?',
					kind: 'text',
					options: [],
					maxChoices: null,
					scale: null
				}
			]);
		});

		it('derives unique option and question keys, and keeps only the fields of the chosen kind', async () => {
			const { db, actor, ref } = await setUp();
			const poll = await createPoll(db, actor, ref, { title: 'Schlüssel' });
			await addQuestion(db, actor, ref, {
				poll: poll.key,
				text: 'Ja?',
				kind: 'single',
				options: 'Ja!\nJa?\n…',
				// Fields of other kinds are not stored.
				maxChoices: '1',
				scaleMin: '1',
				scaleMax: '5'
			});
			await addQuestion(db, actor, ref, { poll: poll.key, text: 'Ja!', kind: 'text', options: 'a\nb' });
			const { questions } = (await getPoll(db, actor, ref, poll.key)).poll;
			expect(questions.map((question) => question.key)).toEqual(['ja', 'ja-2']);
			expect(questions[0]!.options.map((option) => option.key)).toEqual(['ja', 'ja-2', 'option']);
			expect(questions[0]).toMatchObject({ maxChoices: null, scale: null });
			expect(questions[1]!.options).toEqual([]);
		});

		it('edits, reorders and deletes questions', async () => {
			const { db, actor, ref } = await setUp();
			const poll = await pollWithQuestions(db, actor, ref);
			const [first, second, third, fourth] = poll.questions.map((question) => question.id);
			const order = async () =>
				(await getPoll(db, actor, ref, poll.key)).poll.questions.map((question) => question.id);

			// From single choice to a scale: the options go, the key stays.
			const edited = await updateQuestion(db, actor, ref, {
				poll: poll.key,
				questionId: first,
				text: 'Wie gut kennen Sie das Netzwerk?',
				kind: 'scale',
				options: 'Verwaltung\nVerein',
				scaleMin: 1,
				scaleMax: 5
			});
			expect(edited.questions[0]).toMatchObject({
				key: 'wo-arbeiten-sie',
				text: 'Wie gut kennen Sie das Netzwerk?',
				kind: 'scale',
				options: [],
				scale: { min: 1, max: 5, minLabel: null, maxLabel: null }
			});
			// Options replaced, maximum removed.
			await updateQuestion(db, actor, ref, {
				poll: poll.key,
				questionId: second,
				...multiple,
				options: 'Netzwerke\nKultur',
				maxChoices: ''
			});
			expect((await getPoll(db, actor, ref, poll.key)).poll.questions[1]).toMatchObject({
				options: [
					{ key: 'netzwerke', label: 'Netzwerke' },
					{ key: 'kultur', label: 'Kultur' }
				],
				maxChoices: null
			});

			await moveQuestion(db, actor, ref, { poll: poll.key, questionId: third, direction: 'up' });
			expect(await order()).toEqual([first, third, second, fourth]);
			await moveQuestion(db, actor, ref, { poll: poll.key, questionId: first, direction: 'down' });
			expect(await order()).toEqual([third, first, second, fourth]);
			// At the edge nothing moves.
			await moveQuestion(db, actor, ref, { poll: poll.key, questionId: fourth, direction: 'down' });
			expect(await order()).toEqual([third, first, second, fourth]);

			await deleteQuestion(db, actor, ref, { poll: poll.key, questionId: first });
			expect(await order()).toEqual([third, second, fourth]);
			const positions = await db
				.selectFrom('poll_questions')
				.select('position')
				.where('poll_id', '=', poll.id)
				.orderBy('position')
				.execute();
			expect(positions.map((row) => row.position)).toEqual([0, 1, 2]);
			expect(
				(await rejection(deleteQuestion(db, actor, ref, { poll: poll.key, questionId: first }))).summary.key
			).toBe('polls.questionNotFound');
		});

		it('names every problem of a poll or a question, writing nothing', async () => {
			const { db, actor, ref } = await setUp();
			expect(problemTexts(await rejection(createPoll(db, actor, ref, { title: '   ' })))).toEqual([
				'/title: Bitte ausfüllen.'
			]);
			const poll = await createPoll(db, actor, ref, { title: 'Prüfung' });
			const refused = async (question: Record<string, unknown>) =>
				problemTexts(await rejection(addQuestion(db, actor, ref, { poll: poll.key, ...question })));

			expect(await refused({ text: '', kind: 'text' })).toEqual(['/text: Bitte ausfüllen.']);
			expect(await refused({ text: 'Frage', kind: 'ranking' })).toEqual([
				'/kind: Bitte einen der angebotenen Werte wählen.'
			]);
			expect(await refused({ text: 'Frage', kind: 'single', options: 'Nur eine\n\n' })).toEqual([
				'/options: Bitte mindestens zwei Antwortmöglichkeiten angeben, eine pro Zeile.'
			]);
			expect(
				await refused({ text: 'Frage', kind: 'multiple', options: 'Verein\nVerwaltung\nverein ' })
			).toEqual(['/options: Die Antwortmöglichkeit „verein“ steht mehr als einmal da.']);
			expect(await refused({ text: 'Frage', kind: 'multiple', options: 'a\nb\nc', maxChoices: '4' })).toEqual(
				[
					'/maxChoices: Die Höchstzahl der Antworten muss zwischen 1 und der Zahl der Antwortmöglichkeiten (3) liegen.'
				]
			);
			expect(await refused({ text: 'Frage', kind: 'multiple', options: 'a\nb\nc', maxChoices: '0' })).toEqual(
				['/maxChoices: Bitte eine Zahl von 1 bis 50 angeben.']
			);
			expect(await refused({ text: 'Frage', kind: 'multiple', options: 'a\nb', maxChoices: 'zwei' })).toEqual(
				['/maxChoices: Bitte eine ganze Zahl angeben.']
			);
			expect(await refused({ text: 'Frage', kind: 'scale', scaleMin: '5', scaleMax: '5' })).toEqual([
				'/scaleMax: Das obere Ende (5) muss größer sein als das untere (5).'
			]);
			expect(await refused({ text: 'Frage', kind: 'scale', scaleMin: 0, scaleMax: 11 })).toEqual([
				'/scaleMax: Die Skala hätte 12 Stufen; höchstens 11 sind möglich (zum Beispiel 0 bis 10).'
			]);
			expect(await refused({ text: 'Frage', kind: 'scale', scaleMin: '1.5', scaleMax: '' })).toEqual([
				'/scaleMin: Bitte eine ganze Zahl angeben.',
				'/scaleMax: Bitte eine ganze Zahl angeben.'
			]);
			expect((await getPoll(db, actor, ref, poll.key)).poll.questions).toEqual([]);
		});

		it('lets only the organizers of the meeting prepare its polls', async () => {
			const { db, make, organizer, actor, ref } = await setUp();
			const poll = await createPoll(db, actor, ref, { title: 'Nur für uns' });
			const stranger = await make.organizer();
			const moderatorAccount = await make.user({ email: `mod-${make.unique()}@example.org` });
			await grantModerator(
				db,
				{ mailer: memoryMailer(), origin: 'http://localhost' },
				organizer.actor,
				ref.seriesId,
				ref.number,
				{ email: moderatorAccount.email },
				{ locale: 'de' }
			);
			const moderator = await actorForUser(db, moderatorAccount.id);
			for (const [who, expected] of [
				// The meeting is a draft: a stranger learns nothing about it, its moderator is refused.
				[stranger.actor, 'not-found'],
				[moderator, 'forbidden'],
				[anonymous, 'unauthenticated']
			] as const) {
				expect((await rejection(listMeetingPolls(db, who, ref))).kind).toBe(expected);
				expect((await rejection(createPoll(db, who, ref, { title: 'Fremd' }))).kind).toBe(expected);
				expect((await rejection(renamePoll(db, who, ref, { poll: poll.key, title: 'Fremd' }))).kind).toBe(
					expected
				);
				expect((await rejection(addQuestion(db, who, ref, { poll: poll.key, ...text }))).kind).toBe(expected);
				expect((await rejection(deletePoll(db, who, ref, { poll: poll.key }))).kind).toBe(expected);
			}
			expect((await listMeetingPolls(db, actor, ref)).polls.map((entry) => entry.title)).toEqual([
				'Nur für uns'
			]);
			expect(
				(await rejection(listMeetingPolls(db, actor, { seriesId: ref.seriesId, number: 99 }))).kind
			).toBe('not-found');
		});

		it('refuses to change a poll once it was opened, or when it has answers', async () => {
			const { db, actor, ref } = await setUp();
			const poll = await pollWithQuestions(db, actor, ref);
			const questionId = poll.questions[0]!.id;
			const bus = new LiveBus(db, 10);
			try {
				await startLiveSession(db, bus, actor, ref.seriesId, ref.number, {});
				const moderate = (action: string) =>
					moderateLive(db, bus, actor, ref.seriesId, ref.number, { action, pollId: poll.id });
				await moderate('openPoll');
				const changes = [
					() => renamePoll(db, actor, ref, { poll: poll.key, title: 'Neu' }),
					() => deletePoll(db, actor, ref, { poll: poll.key }),
					() => addQuestion(db, actor, ref, { poll: poll.key, ...text }),
					() => updateQuestion(db, actor, ref, { poll: poll.key, questionId, ...text }),
					() => deleteQuestion(db, actor, ref, { poll: poll.key, questionId }),
					() => moveQuestion(db, actor, ref, { poll: poll.key, questionId, direction: 'down' })
				];
				for (const change of changes) {
					const error = await rejection(change());
					expect(error.kind).toBe('conflict');
					expect(translateMessage('de', error.summary)).toBe(
						'Die Umfrage „Blitzlicht zum Schluss“ ist in der Live-Sitzung geöffnet und kann nicht mehr geändert werden: Ihre Fragen sind das, worauf gerade geantwortet wird.'
					);
				}
				await moderate('closePoll');
				for (const change of changes)
					expect((await rejection(change())).summary.key).toBe('polls.notDraftClosed');
				const view = (await getPoll(db, actor, ref, poll.key)).poll;
				expect(view).toMatchObject({ state: 'closed', isEditable: false, title: 'Blitzlicht zum Schluss' });
				expect(view.questions).toHaveLength(4);
			} finally {
				await bus.close();
			}

			// A draft with results recorded (as an import brings them) is what people answered, too.
			const answered = await pollWithQuestions(db, actor, ref);
			await db
				.insertInto('poll_result_counts')
				.values({ question_id: answered.questions[0]!.id, answer_key: 'verein', count: 3 })
				.execute();
			const error = await rejection(deletePoll(db, actor, ref, { poll: answered.key }));
			expect(error.summary.key).toBe('polls.hasAnswers');
			expect((await getPoll(db, actor, ref, answered.key)).poll).toMatchObject({
				state: 'draft',
				hasAnswers: true,
				isEditable: false
			});
		});

		it("links an agenda item of kind poll to one of the meeting's polls, and refuses any other", async () => {
			const { db, make, actor, ref } = await setUp();
			const poll = await createPoll(db, actor, ref, { title: 'Kurze Umfrage' });
			const editor = await getAgendaEditor(db, actor, ref);
			expect(editor.polls.map((entry) => [entry.id, entry.key, entry.title])).toEqual([
				[poll.id, 'kurze-umfrage', 'Kurze Umfrage']
			]);
			const pollItem = editor.items.find((item) => item.kind === 'poll')!;
			expect(pollItem.pollId).toBeNull();

			const linked = await updateAgendaItem(db, actor, ref, pollItem.id, { pollId: poll.id });
			expect(linked).toMatchObject({ pollId: poll.id, pollKey: 'kurze-umfrage' });
			// The API takes the same schema; "none" clears the link.
			expect(AddAgendaItem.parse({ kind: 'poll', title: 'Umfrage', pollId: '' }).pollId).toBeNull();
			expect((await updateAgendaItem(db, actor, ref, pollItem.id, { pollId: null })).pollId).toBeNull();
			await updateAgendaItem(db, actor, ref, pollItem.id, { pollId: poll.id });

			// Another meeting's poll, or an item of another kind, is refused with a field message.
			const other = meetingWithoutPolls();
			await importMeeting(db, (await make.organizer()).actor, other);
			const ownOther = meetingWithoutPolls();
			await importMeeting(db, actor, ownOther);
			const otherRef = { seriesId: ownOther.series.id, number: ownOther.meeting.number };
			const foreignPoll = await createPoll(db, actor, otherRef, { title: 'Anderes Treffen' });
			expect(
				problemTexts(
					await rejection(updateAgendaItem(db, actor, ref, pollItem.id, { pollId: foreignPoll.id }))
				)
			).toEqual(['/pollId: Diese Umfrage gehört nicht zu den Umfragen dieses Treffens.']);
			const inputItem = editor.items.find((item) => item.kind === 'input')!;
			expect(
				problemTexts(await rejection(updateAgendaItem(db, actor, ref, inputItem.id, { pollId: poll.id })))
			).toEqual([
				'/pollId: Nur ein Punkt der Art „Umfrage“ öffnet eine Umfrage. Bitte die Art „Umfrage“ wählen oder bei der Umfrage „keine“.'
			]);
			expect(
				(await getAgendaEditor(db, actor, ref)).items.find((item) => item.id === pollItem.id)
			).toMatchObject({
				pollId: poll.id
			});

			// An item that stops being a poll item opens no poll; a deleted poll leaves no link behind.
			expect((await updateAgendaItem(db, actor, ref, pollItem.id, { kind: 'input' })).pollId).toBeNull();
			await updateAgendaItem(db, actor, ref, pollItem.id, { kind: 'poll', pollId: poll.id });
			await deletePoll(db, actor, ref, { poll: poll.key });
			expect(
				(await getAgendaEditor(db, actor, ref)).items.find((item) => item.id === pollItem.id)
			).toMatchObject({
				pollId: null,
				pollKey: null
			});
		});

		it('exports a poll made in the app and imports it back equal', async () => {
			const { db, actor, ref } = await setUp();
			const poll = await pollWithQuestions(db, actor, ref);
			await createPoll(db, actor, ref, { title: 'Noch ohne Fragen' });
			const pollItem = (await getAgendaEditor(db, actor, ref)).items.find((item) => item.kind === 'poll')!;
			await updateAgendaItem(db, actor, ref, pollItem.id, { pollId: poll.id });

			const exported = await exportMeeting(db, actor, ref.seriesId, ref.number);
			expect(exported.meeting.polls).toEqual([
				{
					id: 'blitzlicht-zum-schluss',
					title: 'Blitzlicht zum Schluss',
					questions: [
						{
							id: 'wo-arbeiten-sie',
							text: 'Wo arbeiten Sie?',
							kind: 'single',
							options: [
								{ id: 'verwaltung', label: 'Verwaltung' },
								{ id: 'verein', label: 'Verein' },
								{ id: 'andere', label: 'Andere' }
							]
						},
						{
							id: 'welche-themen-interessieren-sie',
							text: 'Welche Themen interessieren Sie?',
							kind: 'multiple',
							options: [
								{ id: 'netzwerke', label: 'Netzwerke' },
								{ id: 'foerderung', label: 'Förderung' },
								{ id: 'ehrenamt', label: 'Ehrenamt' }
							],
							maxChoices: 2
						},
						{
							id: 'wie-zufrieden-sind-sie',
							text: 'Wie zufrieden sind Sie?',
							kind: 'scale',
							scale: { min: 0, max: 10, minLabel: 'gar nicht', maxLabel: 'sehr' }
						},
						{ id: 'was-wuenschen-sie-sich', text: 'Was wünschen Sie sich?', kind: 'text' }
					]
				},
				{ id: 'noch-ohne-fragen', title: 'Noch ohne Fragen', questions: [] }
			]);
			expect(exported.meeting.agenda.find((item) => item.kind === 'poll')?.poll).toBe(
				'blitzlicht-zum-schluss'
			);

			// Imported under another series id, the meeting exports the same polls and link again.
			const copy = structuredClone(exported);
			copy.series.id = `kopie-${randomUUID().slice(0, 8)}`;
			await importMeeting(db, actor, copy);
			const again = await exportMeeting(db, actor, copy.series.id, copy.meeting.number);
			expect(again.meeting.polls).toEqual(exported.meeting.polls);
			expect(again.meeting.agenda).toEqual(exported.meeting.agenda);
			// And the imported poll is a draft the organizers can go on preparing.
			const imported = await getPoll(
				db,
				actor,
				{ seriesId: copy.series.id, number: copy.meeting.number },
				poll.key
			);
			expect(imported.poll).toMatchObject({ state: 'draft', isEditable: true });
		});
	});
}
