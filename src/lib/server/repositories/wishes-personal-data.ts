import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';

/**
 * The personal data held by topic wishes and good practice: authors' names and emails, the
 * voters' keys (`email:<address>`), followers' emails, comment names, good practice contacts.
 * Queries for "Meine Daten" (by email or account) and for the retention job.
 */

/** A key that stands in for a voter after anonymization: unique per vote, no one's address. */
export const ANONYMOUS_VOTER_PREFIX = 'anonymized:';

const lowerTrim = (email: string) => email.trim().toLowerCase();

export interface OwnWishRow {
	wishId: string;
	seriesSlug: string;
	seriesTitle: string;
	title: string;
	body: string;
	authorName: string | null;
	showAuthorName: boolean;
	authorEmail: string | null;
	createdAt: string;
}

/** Wishes written under this email or by this account. */
export async function listAuthoredWishes(
	db: Kysely<Database>,
	email: string,
	userId: string | null
): Promise<OwnWishRow[]> {
	const rows = await db
		.selectFrom('topic_wishes')
		.innerJoin('series', 'series.id', 'topic_wishes.series_id')
		.select([
			'topic_wishes.id',
			'series.slug',
			'series.title as series_title',
			'topic_wishes.title',
			'topic_wishes.body',
			'topic_wishes.author_name',
			'topic_wishes.show_author_name',
			'topic_wishes.author_email',
			'topic_wishes.created_at'
		])
		.where((eb) => {
			const byEmail = eb(eb.fn('lower', ['topic_wishes.author_email']), '=', lowerTrim(email));
			return userId ? eb.or([byEmail, eb('topic_wishes.author_user_id', '=', userId)]) : byEmail;
		})
		.orderBy('topic_wishes.created_at')
		.orderBy('topic_wishes.id')
		.execute();
	return rows.map((row) => ({
		wishId: row.id,
		seriesSlug: row.slug,
		seriesTitle: row.series_title,
		title: row.title,
		body: row.body,
		authorName: row.author_name,
		showAuthorName: fromBoolInt(row.show_author_name),
		authorEmail: row.author_email,
		createdAt: row.created_at
	}));
}

export interface OwnWishLinkRow {
	wishId: string;
	wishTitle: string;
	seriesSlug: string;
	confirmedAt: string | null;
	createdAt: string;
}

export async function listVotesOf(db: Kysely<Database>, voterKey: string): Promise<OwnWishLinkRow[]> {
	const rows = await db
		.selectFrom('topic_wish_votes')
		.innerJoin('topic_wishes', 'topic_wishes.id', 'topic_wish_votes.wish_id')
		.innerJoin('series', 'series.id', 'topic_wishes.series_id')
		.select([
			'topic_wishes.id',
			'topic_wishes.title',
			'series.slug',
			'topic_wish_votes.confirmed_at',
			'topic_wish_votes.created_at'
		])
		.where('topic_wish_votes.voter_key', '=', voterKey)
		.orderBy('topic_wish_votes.created_at')
		.orderBy('topic_wish_votes.id')
		.execute();
	return rows.map((row) => ({
		wishId: row.id,
		wishTitle: row.title,
		seriesSlug: row.slug,
		confirmedAt: row.confirmed_at,
		createdAt: row.created_at
	}));
}

export async function listFollowsOf(db: Kysely<Database>, email: string): Promise<OwnWishLinkRow[]> {
	const rows = await db
		.selectFrom('topic_wish_followers')
		.innerJoin('topic_wishes', 'topic_wishes.id', 'topic_wish_followers.wish_id')
		.innerJoin('series', 'series.id', 'topic_wishes.series_id')
		.select([
			'topic_wishes.id',
			'topic_wishes.title',
			'series.slug',
			'topic_wish_followers.confirmed_at',
			'topic_wish_followers.created_at'
		])
		.where('topic_wish_followers.email_normalized', '=', lowerTrim(email))
		.orderBy('topic_wish_followers.created_at')
		.orderBy('topic_wish_followers.id')
		.execute();
	return rows.map((row) => ({
		wishId: row.id,
		wishTitle: row.title,
		seriesSlug: row.slug,
		confirmedAt: row.confirmed_at,
		createdAt: row.created_at
	}));
}

export interface OwnCommentRow {
	commentId: string;
	wishId: string;
	wishTitle: string;
	body: string;
	authorName: string | null;
	showAuthorName: boolean;
	createdAt: string;
}

/** Comments carry no email: they are someone's only through the account that wrote them. */
export async function listCommentsOfUser(db: Kysely<Database>, userId: string): Promise<OwnCommentRow[]> {
	const rows = await db
		.selectFrom('topic_wish_comments')
		.innerJoin('topic_wishes', 'topic_wishes.id', 'topic_wish_comments.wish_id')
		.select([
			'topic_wish_comments.id',
			'topic_wishes.id as wish_id',
			'topic_wishes.title',
			'topic_wish_comments.body',
			'topic_wish_comments.author_name',
			'topic_wish_comments.show_author_name',
			'topic_wish_comments.created_at'
		])
		.where('topic_wish_comments.author_user_id', '=', userId)
		.orderBy('topic_wish_comments.created_at')
		.orderBy('topic_wish_comments.id')
		.execute();
	return rows.map((row) => ({
		commentId: row.id,
		wishId: row.wish_id,
		wishTitle: row.title,
		body: row.body,
		authorName: row.author_name,
		showAuthorName: fromBoolInt(row.show_author_name),
		createdAt: row.created_at
	}));
}

export interface OwnContactRow {
	goodPracticeId: string;
	title: string;
	contactName: string | null;
	contactEmail: string | null;
	contactConsent: boolean;
}

export async function listGoodPracticeContacts(
	db: Kysely<Database>,
	email: string
): Promise<OwnContactRow[]> {
	const rows = await db
		.selectFrom('good_practices')
		.select(['id', 'title', 'contact_name', 'contact_email', 'contact_consent'])
		.where((eb) => eb(eb.fn('lower', ['contact_email']), '=', lowerTrim(email)))
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		goodPracticeId: row.id,
		title: row.title,
		contactName: row.contact_name,
		contactEmail: row.contact_email,
		contactConsent: fromBoolInt(row.contact_consent)
	}));
}

/** Authorship leaves the wishes (the text stays: others voted and commented on it). */
export async function clearWishAuthors(db: Kysely<Database>, wishIds: string[]): Promise<void> {
	if (!wishIds.length) return;
	await db
		.updateTable('topic_wishes')
		.set({ author_name: null, show_author_name: toBoolInt(false), author_email: null, author_user_id: null })
		.where('id', 'in', wishIds)
		.execute();
}

export async function deleteVotesOf(db: Kysely<Database>, voterKey: string): Promise<number> {
	const result = await db.deleteFrom('topic_wish_votes').where('voter_key', '=', voterKey).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function deleteFollowsOf(db: Kysely<Database>, email: string): Promise<number> {
	const result = await db
		.deleteFrom('topic_wish_followers')
		.where('email_normalized', '=', lowerTrim(email))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function deleteCommentsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
	const result = await db
		.deleteFrom('topic_wish_comments')
		.where('author_user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The contact leaves the entry; what and how stay. */
export async function clearGoodPracticeContacts(db: Kysely<Database>, ids: string[]): Promise<void> {
	if (!ids.length) return;
	await db
		.updateTable('good_practices')
		.set({ contact_name: null, contact_email: null, contact_consent: toBoolInt(false) })
		.where('id', 'in', ids)
		.execute();
}

/* ---- retention ---- */

export interface ClosedWishRow {
	wishId: string;
	/** When it was closed (its last change). */
	closedAt: string;
	retentionMonths: number;
}

/**
 * Closed wishes (taken up or declined) that still hold personal data: an author, a follower, a
 * voter's address, or a comment with a name or account.
 */
export async function listClosedWishesWithPersonalData(db: Kysely<Database>): Promise<ClosedWishRow[]> {
	const rows = await db
		.selectFrom('topic_wishes')
		.innerJoin('series', 'series.id', 'topic_wishes.series_id')
		.select(['topic_wishes.id', 'topic_wishes.updated_at', 'series.retention_months'])
		.where('topic_wishes.status', 'in', ['taken-up', 'declined'])
		.where((eb) =>
			eb.or([
				eb('topic_wishes.author_email', 'is not', null),
				eb('topic_wishes.author_name', 'is not', null),
				eb('topic_wishes.author_user_id', 'is not', null),
				eb.exists(
					eb
						.selectFrom('topic_wish_followers')
						.select('topic_wish_followers.id')
						.whereRef('topic_wish_followers.wish_id', '=', 'topic_wishes.id')
				),
				eb.exists(
					eb
						.selectFrom('topic_wish_votes')
						.select('topic_wish_votes.id')
						.whereRef('topic_wish_votes.wish_id', '=', 'topic_wishes.id')
						.where('topic_wish_votes.voter_key', 'not like', `${ANONYMOUS_VOTER_PREFIX}%`)
				),
				eb.exists(
					eb
						.selectFrom('topic_wish_comments')
						.select('topic_wish_comments.id')
						.whereRef('topic_wish_comments.wish_id', '=', 'topic_wishes.id')
						.where((inner) =>
							inner.or([
								inner('topic_wish_comments.author_name', 'is not', null),
								inner('topic_wish_comments.author_user_id', 'is not', null)
							])
						)
				)
			])
		)
		.execute();
	return rows.map((row) => ({
		wishId: row.id,
		closedAt: row.updated_at,
		retentionMonths: row.retention_months
	}));
}

/**
 * Removes a closed wish's personal data: the author, every follower, the comments' names, the
 * votes that were never confirmed; a confirmed vote keeps its row (the count stays right) under
 * a random key that is no one's address.
 */
export async function anonymizeClosedWish(db: Kysely<Database>, wishId: string): Promise<void> {
	await clearWishAuthors(db, [wishId]);
	await db.deleteFrom('topic_wish_followers').where('wish_id', '=', wishId).execute();
	await db
		.deleteFrom('topic_wish_votes')
		.where('wish_id', '=', wishId)
		.where('confirmed_at', 'is', null)
		.execute();
	const votes = await db
		.selectFrom('topic_wish_votes')
		.select('id')
		.where('wish_id', '=', wishId)
		.where('voter_key', 'not like', `${ANONYMOUS_VOTER_PREFIX}%`)
		.execute();
	for (const vote of votes) {
		await db
			.updateTable('topic_wish_votes')
			.set({
				voter_key: `${ANONYMOUS_VOTER_PREFIX}${randomUUID()}`,
				user_id: null,
				confirm_token_hash: null,
				confirm_expires_at: null
			})
			.where('id', '=', vote.id)
			.execute();
	}
	await db
		.updateTable('topic_wish_comments')
		.set({ author_name: null, show_author_name: toBoolInt(false), author_user_id: null })
		.where('wish_id', '=', wishId)
		.execute();
}
