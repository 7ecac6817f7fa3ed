import { afterAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { VoteWriter } from '../../src/lib/server/live/vote-writer';
import { castVote } from '../../src/lib/server/services/live-votes';
import { testDatabases } from '../helpers/databases';
import { runningLiveMeeting } from './live-fixtures';

for (const database of testDatabases()) {
	describe(`${database.name}: votes written in batches`, () => {
		afterAll(() => database.close());

		async function running() {
			const db = await database.open();
			const meeting = await runningLiveMeeting(db);
			const storedAnswers = async (questionId: string) =>
				(
					await db
						.selectFrom('poll_votes')
						.select(['participant_id', 'answer'])
						.where('question_id', '=', questionId)
						.orderBy('participant_id')
						.orderBy('slot')
						.execute()
				).map((row) => `${row.participant_id}=${row.answer}`);
			return { ...meeting, storedAnswers };
		}

		it('stores every vote of a crowd voting at once, in far fewer transactions than votes', async () => {
			const { db, bus, code, ids, guest, storedAnswers } = await running();
			const guests = [];
			for (let index = 0; index < 120; index += 1) guests.push(await guest(`Gast ${index}`));
			const transactions = vi.spyOn(db, 'transaction');
			const options = ['verwaltung', 'verein', 'andere'];
			await Promise.all(
				guests.map((viewer, index) =>
					castVote(db, bus, viewer, code, { questionId: ids.single, answer: [options[index % 3]!] })
				)
			);
			const stored = await storedAnswers(ids.single);
			expect(stored).toHaveLength(120);
			expect(stored).toEqual(
				guests
					.map((viewer, index) => `${viewer.participantId}=${options[index % 3]}`)
					.sort((a, b) => (a.split('=')[0]! < b.split('=')[0]! ? -1 : 1))
			);
			expect(transactions.mock.calls.length).toBeGreaterThan(0);
			expect(transactions.mock.calls.length).toBeLessThan(120);
			transactions.mockRestore();
			await bus.close();
		});

		it('keeps the later of two votes of one participant in one batch, and answers both', async () => {
			const { db, bus, ids, guest, storedAnswers } = await running();
			const anna = await guest('Anna');
			const writer = new VoteWriter(db);
			const vote = (answer: string) => ({
				pollId: ids.pollId,
				questionId: ids.multiple,
				participantId: anna.participantId,
				rows: [{ slot: 0, answer }],
				now: new Date().toISOString()
			});
			expect(await Promise.all([writer.write(vote('netzwerke')), writer.write(vote('ehrenamt'))])).toEqual([
				'stored',
				'stored'
			]);
			expect(await storedAnswers(ids.multiple)).toEqual([`${anna.participantId}=ehrenamt`]);
			await bus.close();
		});

		it('refuses the votes for a closed poll in a batch and stores the others', async () => {
			const { db, bus, ids, guest, storedAnswers } = await running();
			const anna = await guest('Anna');
			const ben = await guest('Ben');
			// A second poll of the same meeting, closed: a copy of the first poll's row.
			const poll = await db
				.selectFrom('polls')
				.selectAll()
				.where('id', '=', ids.pollId)
				.executeTakeFirstOrThrow();
			await db
				.insertInto('polls')
				.values({ ...poll, id: `${poll.id}-closed`, poll_key: `${poll.poll_key}-closed`, state: 'closed' })
				.execute();
			const writer = new VoteWriter(db);
			const now = new Date().toISOString();
			const outcomes = await Promise.all([
				writer.write({
					pollId: ids.pollId,
					questionId: ids.single,
					participantId: anna.participantId,
					rows: [{ slot: 0, answer: 'verein' }],
					now
				}),
				writer.write({
					pollId: `${poll.id}-closed`,
					questionId: ids.single,
					participantId: ben.participantId,
					rows: [{ slot: 0, answer: 'andere' }],
					now
				})
			]);
			expect(outcomes).toEqual(['stored', 'pollClosed']);
			expect(await storedAnswers(ids.single)).toEqual([`${anna.participantId}=verein`]);
			await bus.close();
		});

		it('fails only the bad vote of a batch', async () => {
			const { db, bus, ids, guest, storedAnswers } = await running();
			const anna = await guest('Anna');
			const writer = new VoteWriter(db);
			const now = new Date().toISOString();
			const [good, bad] = await Promise.allSettled([
				writer.write({
					pollId: ids.pollId,
					questionId: ids.single,
					participantId: anna.participantId,
					rows: [{ slot: 0, answer: 'verein' }],
					now
				}),
				// No such participant: the foreign key refuses the row, and with it the whole batch first.
				writer.write({
					pollId: ids.pollId,
					questionId: ids.single,
					participantId: 'nobody',
					rows: [{ slot: 0, answer: 'andere' }],
					now
				})
			]);
			expect(good).toEqual({ status: 'fulfilled', value: 'stored' });
			expect(bad.status).toBe('rejected');
			expect(await storedAnswers(ids.single)).toEqual([`${anna.participantId}=verein`]);
			await bus.close();
		});

		it('takes votes as soon as a closed poll is opened again', async () => {
			const { db, bus, code, ids, moderate, guest, storedAnswers } = await running();
			const anna = await guest('Anna');
			await moderate({ action: 'closePoll', pollId: ids.pollId });
			const refused = await castVote(db, bus, anna, code, {
				questionId: ids.single,
				answer: ['verein']
			}).catch((error: unknown) => error);
			expect(isAppError(refused) && refused.summary.key).toBe('live.vote.pollClosed');
			await moderate({ action: 'openPoll', pollId: ids.pollId });
			await castVote(db, bus, anna, code, { questionId: ids.single, answer: ['verein'] });
			expect(await storedAnswers(ids.single)).toEqual([`${anna.participantId}=verein`]);
			await bus.close();
		});
	});
}
