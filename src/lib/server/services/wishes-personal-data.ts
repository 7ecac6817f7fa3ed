import type { Kysely } from 'kysely';
import { normalizeEmail } from '../../domain/email';
import { voterKey } from '../../domain/wishes/rules';
import type { Database } from '../db/schema';
import { findAccountByEmail } from '../repositories/accounts';
import * as repo from '../repositories/wishes-personal-data';

/**
 * "Meine Daten" for topic wishes and good practice (DSGVO): what is stored under a person's
 * email (and the account with that email), and its deletion. Called by services/my-data.ts,
 * which has already established who the person is (signed in, or by a manage link).
 *
 * Deleting: votes, follows and the account's comments are deleted (a vote then no longer
 * counts); a wish keeps its text, which others voted and commented on and which may have
 * become a meeting's topic, but loses its author (name, email, account); a good practice entry
 * loses its contact.
 */

export interface WishPersonalData {
	wishes: repo.OwnWishRow[];
	votes: repo.OwnWishLinkRow[];
	follows: repo.OwnWishLinkRow[];
	comments: repo.OwnCommentRow[];
	goodPracticeContacts: repo.OwnContactRow[];
}

async function accountIdOf(db: Kysely<Database>, email: string): Promise<string | null> {
	const account = await findAccountByEmail(db, normalizeEmail(email));
	return account?.id ?? null;
}

export async function listWishDataFor(db: Kysely<Database>, email: string): Promise<WishPersonalData> {
	const userId = await accountIdOf(db, email);
	const [wishes, votes, follows, comments, goodPracticeContacts] = await Promise.all([
		repo.listAuthoredWishes(db, email, userId),
		repo.listVotesOf(db, voterKey(email)),
		repo.listFollowsOf(db, email),
		userId ? repo.listCommentsOfUser(db, userId) : Promise.resolve([]),
		repo.listGoodPracticeContacts(db, email)
	]);
	return { wishes, votes, follows, comments, goodPracticeContacts };
}

/** Deletes it all; pass the caller's transaction so that it happens with the rest or not at all. */
export async function deleteWishDataFor(
	trx: Kysely<Database>,
	email: string
): Promise<{
	wishes: number;
	votes: number;
	follows: number;
	comments: number;
	goodPracticeContacts: number;
}> {
	const userId = await accountIdOf(trx, email);
	const wishes = await repo.listAuthoredWishes(trx, email, userId);
	await repo.clearWishAuthors(
		trx,
		wishes.map((wish) => wish.wishId)
	);
	const votes = await repo.deleteVotesOf(trx, voterKey(email));
	const follows = await repo.deleteFollowsOf(trx, email);
	const comments = userId ? await repo.deleteCommentsOfUser(trx, userId) : 0;
	const contacts = await repo.listGoodPracticeContacts(trx, email);
	await repo.clearGoodPracticeContacts(
		trx,
		contacts.map((contact) => contact.goodPracticeId)
	);
	return { wishes: wishes.length, votes, follows, comments, goodPracticeContacts: contacts.length };
}
