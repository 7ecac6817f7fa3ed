import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Votes for and followers of topic wishes, each confirmed by account or by an emailed link: SQL only. */

/* ---- votes ---- */

export interface VoteRecord {
	id: string;
	wishId: string;
	confirmedAt: string | null;
	confirmExpiresAt: string | null;
}

const voteColumns = ['id', 'wish_id', 'confirmed_at', 'confirm_expires_at'] as const;

function toVote(row: {
	id: string;
	wish_id: string;
	confirmed_at: string | null;
	confirm_expires_at: string | null;
}): VoteRecord {
	return {
		id: row.id,
		wishId: row.wish_id,
		confirmedAt: row.confirmed_at,
		confirmExpiresAt: row.confirm_expires_at
	};
}

export async function findVote(
	db: Kysely<Database>,
	wishId: string,
	voterKey: string
): Promise<VoteRecord | undefined> {
	const row = await db
		.selectFrom('topic_wish_votes')
		.select(voteColumns)
		.where('wish_id', '=', wishId)
		.where('voter_key', '=', voterKey)
		.executeTakeFirst();
	return row && toVote(row);
}

/** Inserts a vote; the unique constraint on (wish, voter) refuses a second one. */
export async function insertVote(
	db: Kysely<Database>,
	vote: {
		id: string;
		wishId: string;
		voterKey: string;
		userId: string | null;
		confirmTokenHash: string | null;
		confirmExpiresAt: string | null;
		confirmedAt: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('topic_wish_votes')
		.values({
			id: vote.id,
			wish_id: vote.wishId,
			voter_key: vote.voterKey,
			user_id: vote.userId,
			confirm_token_hash: vote.confirmTokenHash,
			confirm_expires_at: vote.confirmExpiresAt,
			confirmed_at: vote.confirmedAt,
			created_at: vote.now
		})
		.execute();
}

export async function findVoteByToken(
	db: Kysely<Database>,
	tokenHash: string
): Promise<VoteRecord | undefined> {
	const row = await db
		.selectFrom('topic_wish_votes')
		.select(voteColumns)
		.where('confirm_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toVote(row);
}

/* ---- the confirmation link, the same for a vote and a follower ---- */

type LinkTable = 'topic_wish_votes' | 'topic_wish_followers';

/** A new link for a row still waiting for its confirmation (asking again sends a fresh one). */
async function renewLinkToken(
	db: Kysely<Database>,
	table: LinkTable,
	id: string,
	tokenHash: string,
	expiresAt: string
): Promise<void> {
	await db
		.updateTable(table)
		.set({ confirm_token_hash: tokenHash, confirm_expires_at: expiresAt })
		.where('id', '=', id)
		.execute();
}

/** Counts the row from now on; its link is spent. */
async function confirmLink(db: Kysely<Database>, table: LinkTable, id: string, now: string): Promise<void> {
	await db
		.updateTable(table)
		.set({ confirmed_at: now, confirm_token_hash: null, confirm_expires_at: null })
		.where('id', '=', id)
		.execute();
}

export const renewVoteToken = (db: Kysely<Database>, voteId: string, tokenHash: string, expiresAt: string) =>
	renewLinkToken(db, 'topic_wish_votes', voteId, tokenHash, expiresAt);
export const confirmVote = (db: Kysely<Database>, voteId: string, now: string) =>
	confirmLink(db, 'topic_wish_votes', voteId, now);
export const renewFollowerToken = (
	db: Kysely<Database>,
	followerId: string,
	tokenHash: string,
	expiresAt: string
) => renewLinkToken(db, 'topic_wish_followers', followerId, tokenHash, expiresAt);
export const confirmFollower = (db: Kysely<Database>, followerId: string, now: string) =>
	confirmLink(db, 'topic_wish_followers', followerId, now);

/* ---- followers ---- */

export interface FollowerRecord {
	id: string;
	wishId: string;
	emailNormalized: string;
	locale: string;
	confirmedAt: string | null;
	confirmExpiresAt: string | null;
	notifiedAt: string | null;
}

const followerColumns = [
	'id',
	'wish_id',
	'email_normalized',
	'locale',
	'confirmed_at',
	'confirm_expires_at',
	'notified_at'
] as const;

function toFollower(row: {
	id: string;
	wish_id: string;
	email_normalized: string;
	locale: string;
	confirmed_at: string | null;
	confirm_expires_at: string | null;
	notified_at: string | null;
}): FollowerRecord {
	return {
		id: row.id,
		wishId: row.wish_id,
		emailNormalized: row.email_normalized,
		locale: row.locale,
		confirmedAt: row.confirmed_at,
		confirmExpiresAt: row.confirm_expires_at,
		notifiedAt: row.notified_at
	};
}

export async function findFollower(
	db: Kysely<Database>,
	wishId: string,
	emailNormalized: string
): Promise<FollowerRecord | undefined> {
	const row = await db
		.selectFrom('topic_wish_followers')
		.select(followerColumns)
		.where('wish_id', '=', wishId)
		.where('email_normalized', '=', emailNormalized)
		.executeTakeFirst();
	return row && toFollower(row);
}

export async function findFollowerByToken(
	db: Kysely<Database>,
	tokenHash: string
): Promise<FollowerRecord | undefined> {
	const row = await db
		.selectFrom('topic_wish_followers')
		.select(followerColumns)
		.where('confirm_token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && toFollower(row);
}

export async function insertFollower(
	db: Kysely<Database>,
	follower: {
		id: string;
		wishId: string;
		emailNormalized: string;
		locale: string;
		confirmTokenHash: string | null;
		confirmExpiresAt: string | null;
		confirmedAt: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('topic_wish_followers')
		.values({
			id: follower.id,
			wish_id: follower.wishId,
			email_normalized: follower.emailNormalized,
			locale: follower.locale,
			confirm_token_hash: follower.confirmTokenHash,
			confirm_expires_at: follower.confirmExpiresAt,
			confirmed_at: follower.confirmedAt,
			notified_at: null,
			created_at: follower.now
		})
		.execute();
}

/** Confirmed followers not yet told; marks them told (inside the caller's transaction). */
export async function claimFollowersToNotify(
	db: Kysely<Database>,
	wishId: string,
	now: string
): Promise<FollowerRecord[]> {
	const rows = await db
		.selectFrom('topic_wish_followers')
		.select(followerColumns)
		.where('wish_id', '=', wishId)
		.where('confirmed_at', 'is not', null)
		.where('notified_at', 'is', null)
		.orderBy('created_at')
		.execute();
	if (rows.length) {
		await db
			.updateTable('topic_wish_followers')
			.set({ notified_at: now })
			.where(
				'id',
				'in',
				rows.map((row) => row.id)
			)
			.execute();
	}
	return rows.map(toFollower);
}

export async function countFollowers(db: Kysely<Database>, wishId: string): Promise<number> {
	const row = await db
		.selectFrom('topic_wish_followers')
		.select((eb) => eb.fn.countAll().as('count'))
		.where('wish_id', '=', wishId)
		.where('confirmed_at', 'is not', null)
		.executeTakeFirst();
	return Number(row?.count ?? 0);
}
