import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { applyRetention } from '../../src/lib/server/jobs/retention';
import { actorForUser } from '../../src/lib/server/services/auth';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { getWish, listWishes } from '../../src/lib/server/services/wishes';
import { commentOnWish, submitWish } from '../../src/lib/server/services/wishes-contributions';
import { triageWish } from '../../src/lib/server/services/wishes-triage';
import { confirmWishLink, followWish, voteForWish } from '../../src/lib/server/services/wishes-votes';
import { deleteWishDataFor, listWishDataFor } from '../../src/lib/server/services/wishes-personal-data';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer } from '../helpers/test-doubles';

const ORIGIN = 'http://netzwerkstatt.test';
const dataDir = mkdtempSync(join(tmpdir(), 'nws-wish-retention-'));

function tokenIn(text: string): string {
	const match = /\/wuensche\/bestaetigen\/([A-Za-z0-9_-]+)/.exec(text);
	if (!match?.[1]) throw new Error(`no confirmation link in: ${text}`);
	return match[1];
}

for (const database of testDatabases()) {
	describe(`${database.name}: personal data of topic wishes`, () => {
		afterAll(() => database.close());

		/**
		 * A published series (12 months' retention) with one wish by Wilma (named, with email),
		 * a confirmed email vote and an unconfirmed one, a follower, and a named comment by an
		 * account.
		 */
		async function setup(createdAt: Date) {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Austausch ${make.unique()}` });
			await publishSeries(db, organizer.actor, series.id);
			const mailer = memoryMailer();
			const options = () => ({
				locale: 'de' as const,
				publicOrigin: ORIGIN,
				clientAddress: randomUUID(),
				now: createdAt
			});
			const author = `wilma-${make.unique()}@example.org`;
			const voter = `vera-${make.unique()}@example.org`;
			const { wishId } = await submitWish(
				db,
				mailer,
				anonymous,
				series.id,
				{ title: 'Archive öffnen', body: 'Wie?', name: 'Wilma Wunsch', showName: 'on', email: author },
				options()
			);
			if (!wishId) throw new Error('no wish');
			await confirmWishLink(db, tokenIn(mailer.sent.at(-1)?.text ?? ''), createdAt);
			await voteForWish(db, mailer, anonymous, series.id, wishId, { email: voter }, options());
			await confirmWishLink(db, tokenIn(mailer.sent.at(-1)?.text ?? ''), createdAt);
			await voteForWish(db, mailer, anonymous, series.id, wishId, { email: 'offen@example.org' }, options());
			await followWish(db, mailer, anonymous, series.id, wishId, { email: voter }, options());
			const commenter = await make.user();
			const commenterActor = await actorForUser(db, commenter.id);
			await commentOnWish(
				db,
				commenterActor,
				series.id,
				wishId,
				{ body: 'Gute Idee', name: 'Carla Kommentar', showName: 'on' },
				options()
			);
			return { db, organizer, series, mailer, wishId, author, voter, commenter };
		}

		it('anonymizes a closed wish once the retention period has passed, keeps the count, leaves open wishes', async () => {
			const { db, organizer, series, mailer, wishId, author, voter } = await setup(
				new Date('2024-01-10T10:00:00Z')
			);
			const open = await submitWish(
				db,
				mailer,
				anonymous,
				series.id,
				{ title: 'Noch offen', body: 'x', name: 'Otto Offen', email: `otto-${randomUUID()}@example.org` },
				{
					locale: 'de',
					publicOrigin: ORIGIN,
					clientAddress: randomUUID(),
					now: new Date('2024-01-10T10:00:00Z')
				}
			);
			await triageWish(
				db,
				mailer,
				organizer.actor,
				series.id,
				wishId,
				{ status: 'declined', reason: 'Passt nicht' },
				{ publicOrigin: ORIGIN, now: new Date('2024-02-01T10:00:00Z') }
			);
			const votesBefore = (await getWish(db, anonymous, series.id, wishId)).wish.votes;
			expect(votesBefore).toBe(1);

			// Not yet due: 12 months after closing is 2025-02-01.
			expect((await applyRetention(db, new Date('2025-02-01T12:00:00Z'), { dataDir })).wishesAnonymized).toBe(
				0
			);
			expect((await listWishDataFor(db, author)).wishes).toHaveLength(1);

			const done = await applyRetention(db, new Date('2025-02-02T12:00:00Z'), { dataDir });
			expect(done.wishesAnonymized).toBe(1);
			const page = await getWish(db, organizer.actor, series.id, wishId);
			expect(page.wish.votes).toBe(1);
			expect(page.wish.authorName).toBeNull();
			expect(page.followers).toBe(0);
			expect(page.comments.map((comment) => [comment.body, comment.authorName])).toEqual([
				['Gute Idee', null]
			]);
			const stored = JSON.stringify(
				await db.selectFrom('topic_wishes').selectAll().where('id', '=', wishId).execute()
			);
			expect(stored).not.toContain(author);
			expect(stored).not.toContain('Wilma');
			const votes = await db
				.selectFrom('topic_wish_votes')
				.selectAll()
				.where('wish_id', '=', wishId)
				.execute();
			expect(votes).toHaveLength(1);
			expect(JSON.stringify(votes)).not.toContain('@');
			expect(await listWishDataFor(db, voter)).toMatchObject({ wishes: [], votes: [], follows: [] });

			// The open wish keeps its author; a second run changes nothing.
			const openWish = (await listWishes(db, organizer.actor, series.id)).wishes.find(
				(w) => w.id === open.wishId
			);
			expect(openWish?.status).toBe('new');
			const openRow = await db
				.selectFrom('topic_wishes')
				.select('author_email')
				.where('id', '=', open.wishId ?? '')
				.executeTakeFirstOrThrow();
			expect(openRow.author_email).toMatch(/^otto-/);
			expect((await applyRetention(db, new Date('2025-03-01T12:00:00Z'), { dataDir })).wishesAnonymized).toBe(
				0
			);
		});

		it('lists what is stored under an email and deletes it: votes, follows, comments, authorship, contacts', async () => {
			const { db, organizer, series, wishId, author, voter, commenter } = await setup(new Date());
			const ofAuthor = await listWishDataFor(db, author.toUpperCase());
			expect(ofAuthor.wishes.map((wish) => [wish.title, wish.authorName, wish.authorEmail])).toEqual([
				['Archive öffnen', 'Wilma Wunsch', author]
			]);
			expect(ofAuthor.follows.map((follow) => follow.wishId)).toEqual([wishId]);
			const ofVoter = await listWishDataFor(db, voter);
			expect(ofVoter.votes.map((vote) => [vote.wishId, vote.confirmedAt !== null])).toEqual([[wishId, true]]);
			expect(ofVoter.follows).toHaveLength(1);
			const ofCommenter = await listWishDataFor(db, commenter.email);
			expect(ofCommenter.comments.map((comment) => comment.authorName)).toEqual(['Carla Kommentar']);
			const entryId = randomUUID();
			await db
				.insertInto('good_practices')
				.values({
					id: entryId,
					organization_id: organizer.organizationId,
					title: 'Offene Archive',
					what: 'Was',
					how: 'Wie',
					municipality: null,
					ags: null,
					contact_name: 'Vera Voter',
					contact_email: voter,
					contact_consent: 1,
					topics: '[]',
					published_at: new Date().toISOString(),
					created_at: new Date().toISOString(),
					updated_at: new Date().toISOString()
				})
				.execute();
			expect((await listWishDataFor(db, voter)).goodPracticeContacts.map((c) => c.contactName)).toEqual([
				'Vera Voter'
			]);

			const counts = await db.transaction().execute(async (trx) => ({
				author: await deleteWishDataFor(trx, author),
				voter: await deleteWishDataFor(trx, voter),
				commenter: await deleteWishDataFor(trx, commenter.email)
			}));
			expect(counts).toMatchObject({
				author: { wishes: 1, follows: 1 },
				voter: { votes: 1, follows: 1, goodPracticeContacts: 1 },
				commenter: { comments: 1 }
			});
			for (const email of [author, voter, commenter.email]) {
				const left = await listWishDataFor(db, email);
				expect([
					...left.wishes,
					...left.votes,
					...left.follows,
					...left.comments,
					...left.goodPracticeContacts
				]).toEqual([]);
			}
			const page = await getWish(db, anonymous, series.id, wishId);
			expect(page.wish).toMatchObject({ title: 'Archive öffnen', authorName: null, votes: 0 });
			expect(page.comments).toEqual([]);
			expect(page.followers).toBe(0);
			const entry = await db
				.selectFrom('good_practices')
				.select(['title', 'contact_name', 'contact_email'])
				.where('id', '=', entryId)
				.executeTakeFirstOrThrow();
			expect(entry).toEqual({ title: 'Offene Archive', contact_name: null, contact_email: null });
		});
	});
}
