import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { actorForUser } from '../../src/lib/server/services/auth';
import { createMeeting, getMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { getWish, listWishes } from '../../src/lib/server/services/wishes';
import { commentOnWish, submitWish } from '../../src/lib/server/services/wishes-contributions';
import { makeWishMeetingTopic, triageWish } from '../../src/lib/server/services/wishes-triage';
import { confirmWishLink, followWish, voteForWish } from '../../src/lib/server/services/wishes-votes';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

const ORIGIN = 'http://netzwerkstatt.test';

/** The token of the first confirmation link in a mail's text. */
function tokenIn(text: string): string {
	const match = /\/wuensche\/bestaetigen\/([A-Za-z0-9_-]+)/.exec(text);
	if (!match?.[1]) throw new Error(`no confirmation link in: ${text}`);
	return match[1];
}

for (const database of testDatabases()) {
	describe(`${database.name}: topic wishes`, () => {
		afterAll(() => database.close());

		/** A published series with one meeting, its organizer, a memory mailer and public options. */
		async function setup() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Austausch ${make.unique()}` });
			await publishSeries(db, organizer.actor, series.id);
			await createMeeting(db, organizer.actor, series.id, {
				date: '2027-03-10',
				start: '10:00',
				end: '12:00',
				venue: { mode: 'online' },
				topic: { summary: ['Schon geplant.'] }
			});
			const mailer = memoryMailer();
			const options = {
				locale: 'de' as const,
				publicOrigin: ORIGIN,
				clientAddress: randomUUID()
			};
			const submit = (input: Record<string, unknown>) =>
				submitWish(db, mailer, anonymous, series.id, input, { ...options, clientAddress: randomUUID() });
			return { db, make, organizer, series, mailer, options, submit };
		}

		it('takes a wish from anyone, shows the name only with consent and never the email', async () => {
			const { db, series, submit } = await setup();
			const named = await submit({
				title: 'Kulturförderung',
				body: 'Wie beantragen wir Mittel?',
				name: 'Anna Beispiel',
				showName: 'on'
			});
			const unnamed = await submit({
				title: 'Ehrenamt',
				body: 'Wie gewinnen wir Freiwillige?',
				name: 'Bert Geheim',
				email: 'bert@example.org'
			});
			const list = await listWishes(db, anonymous, series.id);
			const byId = new Map(list.wishes.map((wish) => [wish.id, wish]));
			expect(byId.get(named.wishId ?? '')?.authorName).toBe('Anna Beispiel');
			expect(byId.get(unnamed.wishId ?? '')?.authorName).toBeNull();
			expect(JSON.stringify(list)).not.toContain('bert@example.org');
			expect(JSON.stringify(list)).not.toContain('Bert Geheim');
			expect(list.wishes.every((wish) => wish.status === 'new')).toBe(true);
		});

		it('stores nothing when the honeypot is filled, and refuses a wish without a title by field', async () => {
			const { db, series, submit } = await setup();
			expect(await submit({ title: 'Spam', body: 'Spam', website: 'http://spam.example' })).toEqual({
				wishId: null,
				isConfirmMailSent: false
			});
			expect((await listWishes(db, anonymous, series.id)).wishes).toEqual([]);
			const error = await rejection(submit({ title: ' ', body: 'x' }));
			expect(error.problems.map((p) => p.path)).toEqual(['/title']);
		});

		it('rate-limits public writes per client address', async () => {
			const { db, mailer, series } = await setup();
			const clientAddress = randomUUID();
			const errors: string[] = [];
			for (let attempt = 0; attempt < 21; attempt += 1) {
				try {
					await submitWish(
						db,
						mailer,
						anonymous,
						series.id,
						{ title: `W${attempt}`, body: 'x' },
						{
							locale: 'de',
							publicOrigin: ORIGIN,
							clientAddress
						}
					);
				} catch (error) {
					errors.push((error as Error).message);
				}
			}
			expect(errors).toEqual(['rate-limited: wishes.tooManyAttempts']);
		});

		it('counts one vote per person: by account at once, by email after the link, and refuses a second', async () => {
			const { db, make, series, mailer, options, submit } = await setup();
			const { wishId } = await submit({ title: 'Digitale Angebote', body: 'Streaming?' });
			if (!wishId) throw new Error('no wish');
			const account = await make.user({ email: `voter-${make.unique()}@example.org` });
			const voter = await actorForUser(db, account.id);
			expect(await voteForWish(db, mailer, voter, series.id, wishId, {}, options)).toBe('counted');
			const again = await rejection(voteForWish(db, mailer, voter, series.id, wishId, {}, options));
			expect(again.summary.key).toBe('wishes.vote.already');
			// The same person by email (other case) is the same voter.
			const sameByEmail = await rejection(
				voteForWish(db, mailer, anonymous, series.id, wishId, { email: account.email.toUpperCase() }, options)
			);
			expect(sameByEmail.problems.map((p) => p.path)).toEqual(['/email']);

			expect(
				await voteForWish(db, mailer, anonymous, series.id, wishId, { email: 'carla@example.org' }, options)
			).toBe('confirm-sent');
			expect((await getWish(db, anonymous, series.id, wishId)).wish.votes).toBe(1);
			const mail = mailer.sent.at(-1);
			expect(mail?.to).toBe('carla@example.org');
			expect(await confirmWishLink(db, tokenIn(mail?.text ?? ''))).toEqual({
				kind: 'vote',
				seriesSlug: series.id,
				wishId
			});
			expect((await getWish(db, anonymous, series.id, wishId)).wish.votes).toBe(2);
			const reused = await rejection(confirmWishLink(db, tokenIn(mail?.text ?? '')));
			expect(reused.kind).toBe('not-found');
			const secondByEmail = await rejection(
				voteForWish(db, mailer, anonymous, series.id, wishId, { email: 'Carla@Example.org' }, options)
			);
			expect(secondByEmail.summary.key).toBe('wishes.vote.already');
		});

		it('refuses a concurrent double vote through the unique constraint', async () => {
			const { db, make, series, mailer, options, submit } = await setup();
			const { wishId } = await submit({ title: 'Gleichzeitig', body: 'x' });
			if (!wishId) throw new Error('no wish');
			const account = await make.user({ email: `twice-${make.unique()}@example.org` });
			const voter = await actorForUser(db, account.id);
			const outcomes = await Promise.allSettled(
				Array.from({ length: 4 }, () => voteForWish(db, mailer, voter, series.id, wishId, {}, options))
			);
			expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
			for (const outcome of outcomes)
				if (outcome.status === 'rejected')
					expect((outcome.reason as Error).message).toContain('wishes.vote.already');
			const rows = await db
				.selectFrom('topic_wish_votes')
				.selectAll()
				.where('wish_id', '=', wishId)
				.execute();
			expect(rows).toHaveLength(1);
			await expect(
				db
					.insertInto('topic_wish_votes')
					.values({ ...rows[0]!, id: randomUUID() })
					.execute()
			).rejects.toThrow();
		});

		it('triages: declining needs a public reason; a declined wish only reopens as new; strangers may not', async () => {
			const { db, make, organizer, series, mailer, submit } = await setup();
			const { wishId } = await submit({ title: 'Ohne Bezug', body: 'x' });
			if (!wishId) throw new Error('no wish');
			const triage = (actor = organizer.actor, input: Record<string, unknown>) =>
				triageWish(db, mailer, actor, series.id, wishId, input, { publicOrigin: ORIGIN });
			const noReason = await rejection(triage(organizer.actor, { status: 'declined' }));
			expect(noReason.problems.map((p) => `${p.path} ${p.message.key}`)).toEqual([
				'/reason wishes.triage.reasonRequired'
			]);
			await triage(organizer.actor, { status: 'declined', reason: 'Passt nicht zur Reihe.' });
			const seen = await getWish(db, anonymous, series.id, wishId);
			expect(seen.wish).toMatchObject({ status: 'declined', declineReason: 'Passt nicht zur Reihe.' });
			const jump = await rejection(triage(organizer.actor, { status: 'taken-up' }));
			expect(jump.problems[0]?.message.key).toBe('wishes.triage.notAllowed');
			const closedVote = await rejection(
				voteForWish(
					db,
					mailer,
					anonymous,
					series.id,
					wishId,
					{ email: 'x@example.org' },
					{
						locale: 'de',
						publicOrigin: ORIGIN
					}
				)
			);
			expect(closedVote.summary.key).toBe('wishes.vote.closed');
			await triage(organizer.actor, { status: 'new' });
			expect((await getWish(db, anonymous, series.id, wishId)).wish).toMatchObject({
				status: 'new',
				declineReason: null
			});
			const stranger = await make.organizer();
			expect((await rejection(triage(stranger.actor, { status: 'planned' }))).kind).toBe('forbidden');
			expect((await rejection(triage(anonymous, { status: 'planned' }))).kind).toBe('unauthenticated');
		});

		it('makes a wish the focus topic of an existing meeting in one step and tells each confirmed follower once', async () => {
			const { db, make, organizer, series, mailer, options, submit } = await setup();
			const { wishId } = await submit({
				title: 'Kulturelle Bildung',
				body: 'Schulen und Kulturbüros zusammenbringen.',
				email: 'autorin@example.org'
			});
			if (!wishId) throw new Error('no wish');
			const authorMail = mailer.sent.at(-1);
			expect(authorMail?.kind).toBe('wish-follow-confirm');
			await confirmWishLink(db, tokenIn(authorMail?.text ?? ''));
			const account = await make.user({ email: `follower-${make.unique()}@example.org` });
			expect(
				await followWish(db, mailer, await actorForUser(db, account.id), series.id, wishId, {}, options)
			).toBe('counted');
			// Not confirmed: not told.
			await followWish(
				db,
				mailer,
				anonymous,
				series.id,
				wishId,
				{ email: 'unbestaetigt@example.org' },
				options
			);
			mailer.sent.length = 0;

			const made = await makeWishMeetingTopic(
				db,
				mailer,
				organizer.actor,
				series.id,
				wishId,
				{
					target: 'existing',
					number: '1'
				},
				{ publicOrigin: ORIGIN }
			);
			expect(made).toEqual({ meetingNumber: 1, notified: 2 });
			expect(mailer.sent.map((mail) => mail.to).sort()).toEqual(
				['autorin@example.org', account.email].sort()
			);
			expect(mailer.sent[0]?.kind).toBe('wish-planned');
			expect(mailer.sent[0]?.text).toContain(`${ORIGIN}/series/${series.id}/1`);

			const meeting = await getMeeting(db, organizer.actor, series.id, 1);
			expect(meeting.meeting.topic.title).toBe('Kulturelle Bildung');
			// The meeting had a summary already: it is kept.
			expect(meeting.meeting.topic.summary).toEqual(['Schon geplant.']);
			const wish = await getWish(db, organizer.actor, series.id, wishId);
			expect(wish.wish).toMatchObject({ status: 'planned', meeting: { number: 1 } });
			// The meeting is a draft: the public does not see the link yet.
			expect((await getWish(db, anonymous, series.id, wishId)).wish.meeting).toBeNull();
			await publishMeeting(db, organizer.actor, series.id, 1);
			expect((await getWish(db, anonymous, series.id, wishId)).wish.meeting).toMatchObject({ number: 1 });

			// One mail each: planning again tells nobody.
			mailer.sent.length = 0;
			await triageWish(
				db,
				mailer,
				organizer.actor,
				series.id,
				wishId,
				{ status: 'new' },
				{ publicOrigin: ORIGIN }
			);
			expect(
				(
					await triageWish(
						db,
						mailer,
						organizer.actor,
						series.id,
						wishId,
						{ status: 'planned' },
						{ publicOrigin: ORIGIN }
					)
				).notified
			).toBe(0);
			expect(mailer.sent).toEqual([]);
		});

		it('creates a new meeting with the wish as its topic, and leaves nothing behind when it fails', async () => {
			const { db, organizer, series, mailer, submit } = await setup();
			const { wishId } = await submit({ title: 'Neues Thema', body: 'Ein ganz neues Treffen.' });
			if (!wishId) throw new Error('no wish');
			const bad = await rejection(
				makeWishMeetingTopic(
					db,
					mailer,
					organizer.actor,
					series.id,
					wishId,
					{
						target: 'new',
						date: '2027-05-01',
						start: '12:00',
						end: '11:00'
					},
					{ publicOrigin: ORIGIN }
				)
			);
			expect(bad.problems.map((p) => p.path)).toEqual(['/end']);
			const missing = await rejection(
				makeWishMeetingTopic(
					db,
					mailer,
					organizer.actor,
					series.id,
					wishId,
					{ target: 'existing', number: 99 },
					{
						publicOrigin: ORIGIN
					}
				)
			);
			expect(missing.problems.map((p) => p.path)).toEqual(['/number']);
			expect((await getWish(db, organizer.actor, series.id, wishId)).wish.status).toBe('new');

			const made = await makeWishMeetingTopic(
				db,
				mailer,
				organizer.actor,
				series.id,
				wishId,
				{
					target: 'new',
					date: '2027-05-01',
					start: '10:00',
					end: '12:00'
				},
				{ publicOrigin: ORIGIN }
			);
			expect(made).toEqual({ meetingNumber: 2, notified: 0 });
			const meeting = await getMeeting(db, organizer.actor, series.id, 2);
			expect(meeting.meeting.topic).toMatchObject({
				title: 'Neues Thema',
				summary: ['Ein ganz neues Treffen.']
			});
		});

		it('shows comments with the name only by consent', async () => {
			const { db, series, submit } = await setup();
			const { wishId } = await submit({ title: 'Kommentare', body: 'x' });
			if (!wishId) throw new Error('no wish');
			const comment = (input: Record<string, unknown>) =>
				commentOnWish(db, anonymous, series.id, wishId, input, { clientAddress: randomUUID() });
			await comment({ body: 'Gute Idee!', name: 'Clara Offen', showName: 'on' });
			await comment({ body: 'Finde ich auch.', name: 'Dora Still' });
			const error = await rejection(comment({ body: '' }));
			expect(error.problems.map((p) => p.path)).toEqual(['/body']);
			const page = await getWish(db, anonymous, series.id, wishId);
			// Two comments written in the same millisecond have no defined order: compare as a set.
			expect(page.comments.map((entry) => [entry.body, entry.authorName])).toHaveLength(2);
			expect(page.comments.map((entry) => [entry.body, entry.authorName])).toEqual(
				expect.arrayContaining([
					['Gute Idee!', 'Clara Offen'],
					['Finde ich auch.', null]
				])
			);
			expect(JSON.stringify(page)).not.toContain('Dora Still');
		});

		it('hides the wishes of a draft series from the public', async () => {
			const { db, make, mailer } = await setup();
			const organizer = await make.organizer();
			const draft = await createSeries(db, organizer.actor, { title: `Entwurf ${make.unique()}` });
			const refused = await rejection(
				submitWish(
					db,
					mailer,
					anonymous,
					draft.id,
					{ title: 'x', body: 'y' },
					{ locale: 'de', publicOrigin: ORIGIN }
				)
			);
			expect(refused.kind).toBe('not-found');
			expect((await listWishes(db, organizer.actor, draft.id)).canManage).toBe(true);
		});
	});
}
