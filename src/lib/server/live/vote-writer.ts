import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as live from '../repositories/live-votes';

export interface VoteToWrite extends live.VoteToStore {
	pollId: string;
}

/** `stored`: committed. `pollClosed`: the poll was no longer open when the vote's batch committed. */
export type VoteOutcome = 'stored' | 'pollClosed';

interface Pending {
	vote: VoteToWrite;
	resolve: (outcome: VoteOutcome) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit for votes. Votes arriving while a transaction commits wait and go together into
 * the next one, so a thousand votes a second cost a few dozen transactions, not a thousand.
 * Each caller's promise settles only after the transaction holding its vote has committed: an
 * acknowledged vote is stored, as before. Within a batch, the poll's state is read under its row
 * lock (PostgreSQL), so a vote racing the poll's close loses cleanly; a later vote of the same
 * participant on the same question replaces the earlier one, as it would one after the other.
 * If a batch fails, its votes are retried one by one, so one bad vote fails only itself.
 *
 * SQLite has one writer: one batch at a time. PostgreSQL waits for the disk on every commit, so
 * a few batches are in flight at once, on separate connections of the pool.
 */
export class VoteWriter {
	private queue: Pending[] = [];
	private inFlight = 0;
	private isScheduled = false;
	private readonly maxInFlight: number;

	constructor(
		private readonly db: Kysely<Database>,
		private readonly maxBatch = 500
	) {
		this.maxInFlight = db.getExecutor().adapter instanceof PostgresAdapter ? 4 : 1;
	}

	write(vote: VoteToWrite): Promise<VoteOutcome> {
		return new Promise((resolve, reject) => {
			this.queue.push({ vote, resolve, reject });
			if (!this.isScheduled && this.inFlight < this.maxInFlight) {
				this.isScheduled = true;
				// Let the requests already read in this turn of the event loop join the batch.
				setImmediate(() => {
					this.isScheduled = false;
					this.startBatches();
				});
			}
		});
	}

	private startBatches(): void {
		while (this.queue.length && this.inFlight < this.maxInFlight) {
			const batch = this.queue.splice(0, this.maxBatch);
			this.inFlight += 1;
			void this.commit(batch).finally(() => {
				this.inFlight -= 1;
				this.startBatches();
			});
		}
	}

	private async commit(batch: Pending[]): Promise<void> {
		let states: Map<string, string | undefined>;
		try {
			states = await this.db.transaction().execute(async (trx) => {
				const pollStates = new Map<string, string | undefined>();
				for (const { vote } of batch)
					if (!pollStates.has(vote.pollId))
						pollStates.set(vote.pollId, await live.lockPollState(trx, vote.pollId));
				const latest = new Map<string, live.VoteToStore>();
				for (const { vote } of batch)
					if (pollStates.get(vote.pollId) === 'open')
						latest.set(`${vote.questionId}\n${vote.participantId}`, vote);
				await live.replaceVotes(trx, [...latest.values()]);
				return pollStates;
			});
		} catch (error) {
			if (batch.length === 1) batch[0]!.reject(error);
			else for (const pending of batch) await this.commit([pending]);
			return;
		}
		for (const { vote, resolve } of batch)
			resolve(states.get(vote.pollId) === 'open' ? 'stored' : 'pollClosed');
	}
}

const writers = new WeakMap<Kysely<Database>, VoteWriter>();

/** The one vote writer of a database handle (per process). */
export function voteWriterFor(db: Kysely<Database>): VoteWriter {
	let writer = writers.get(db);
	if (!writer) {
		writer = new VoteWriter(db);
		writers.set(db, writer);
	}
	return writer;
}
