import type { Kysely } from 'kysely';
import { fromBoolInt, toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';
import type { WishStatus } from '../../domain/wishes/rules';

/** Topic wishes and their comments: SQL only (votes and followers: wishes-votes.ts). */

export interface WishRecord {
	id: string;
	seriesId: string;
	title: string;
	body: string;
	authorName: string | null;
	showAuthorName: boolean;
	authorEmail: string | null;
	status: WishStatus;
	declineReason: string | null;
	meetingId: string | null;
	meetingNumber: number | null;
	meetingTopicTitle: string | null;
	isMeetingPublished: boolean;
	hasPublishedDocumentation: boolean;
	/** Confirmed votes only. */
	votes: number;
	createdAt: string;
	updatedAt: string;
}

export interface CommentRecord {
	id: string;
	wishId: string;
	body: string;
	authorName: string | null;
	showAuthorName: boolean;
	createdAt: string;
}

function wishQuery(db: Kysely<Database>) {
	return db
		.selectFrom('topic_wishes')
		.leftJoin('meetings', 'meetings.id', 'topic_wishes.meeting_id')
		.select((eb) => [
			'topic_wishes.id',
			'topic_wishes.series_id',
			'topic_wishes.title',
			'topic_wishes.body',
			'topic_wishes.author_name',
			'topic_wishes.show_author_name',
			'topic_wishes.author_email',
			'topic_wishes.status',
			'topic_wishes.decline_reason',
			'topic_wishes.meeting_id',
			'meetings.number as meeting_number',
			'meetings.topic_title as meeting_topic_title',
			'meetings.published_at as meeting_published_at',
			eb
				.selectFrom('documentation_versions')
				.select('documentation_versions.id')
				.whereRef('documentation_versions.meeting_id', '=', 'topic_wishes.meeting_id')
				.where('documentation_versions.published_at', 'is not', null)
				.limit(1)
				.as('published_documentation_id'),
			'topic_wishes.created_at',
			'topic_wishes.updated_at',
			eb
				.selectFrom('topic_wish_votes')
				.select((inner) => inner.fn.countAll().as('count'))
				.whereRef('topic_wish_votes.wish_id', '=', 'topic_wishes.id')
				.where('topic_wish_votes.confirmed_at', 'is not', null)
				.as('votes')
		]);
}

type WishRow = Awaited<ReturnType<ReturnType<typeof wishQuery>['executeTakeFirstOrThrow']>>;

function toWish(row: WishRow): WishRecord {
	return {
		id: row.id,
		seriesId: row.series_id,
		title: row.title,
		body: row.body,
		authorName: row.author_name,
		showAuthorName: fromBoolInt(row.show_author_name),
		authorEmail: row.author_email,
		status: row.status as WishStatus,
		declineReason: row.decline_reason,
		meetingId: row.meeting_id,
		meetingNumber: row.meeting_number ?? null,
		meetingTopicTitle: row.meeting_topic_title ?? null,
		isMeetingPublished: (row.meeting_published_at ?? null) !== null,
		hasPublishedDocumentation: (row.published_documentation_id ?? null) !== null,
		votes: Number(row.votes ?? 0),
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export async function listWishes(db: Kysely<Database>, seriesId: string): Promise<WishRecord[]> {
	const rows = await wishQuery(db).where('topic_wishes.series_id', '=', seriesId).execute();
	return rows.map(toWish);
}

export async function findWish(
	db: Kysely<Database>,
	seriesId: string,
	wishId: string
): Promise<WishRecord | undefined> {
	const row = await wishQuery(db)
		.where('topic_wishes.series_id', '=', seriesId)
		.where('topic_wishes.id', '=', wishId)
		.executeTakeFirst();
	return row && toWish(row);
}

/** The wish by id alone (for confirmation links), with its series' slug. */
export async function findWishById(
	db: Kysely<Database>,
	wishId: string
): Promise<(WishRecord & { seriesSlug: string }) | undefined> {
	const row = await wishQuery(db)
		.innerJoin('series', 'series.id', 'topic_wishes.series_id')
		.select('series.slug as series_slug')
		.where('topic_wishes.id', '=', wishId)
		.executeTakeFirst();
	return row && { ...toWish(row), seriesSlug: row.series_slug };
}

export async function insertWish(
	db: Kysely<Database>,
	wish: {
		id: string;
		seriesId: string;
		title: string;
		body: string;
		authorName: string | null;
		showAuthorName: boolean;
		authorEmail: string | null;
		authorUserId: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('topic_wishes')
		.values({
			id: wish.id,
			series_id: wish.seriesId,
			title: wish.title,
			body: wish.body,
			author_name: wish.authorName,
			show_author_name: toBoolInt(wish.showAuthorName),
			author_email: wish.authorEmail,
			author_user_id: wish.authorUserId,
			status: 'new',
			decline_reason: null,
			meeting_id: null,
			created_at: wish.now,
			updated_at: wish.now
		})
		.execute();
}

export async function setWishStatus(
	db: Kysely<Database>,
	wishId: string,
	change: { status: WishStatus; declineReason: string | null; meetingId?: string | null; now: string }
): Promise<void> {
	await db
		.updateTable('topic_wishes')
		.set({
			status: change.status,
			decline_reason: change.declineReason,
			...(change.meetingId === undefined ? {} : { meeting_id: change.meetingId }),
			updated_at: change.now
		})
		.where('id', '=', wishId)
		.execute();
}

/* ---- comments ---- */

export async function listComments(db: Kysely<Database>, wishId: string): Promise<CommentRecord[]> {
	const rows = await db
		.selectFrom('topic_wish_comments')
		.select(['id', 'wish_id', 'body', 'author_name', 'show_author_name', 'created_at'])
		.where('wish_id', '=', wishId)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		wishId: row.wish_id,
		body: row.body,
		authorName: row.author_name,
		showAuthorName: fromBoolInt(row.show_author_name),
		createdAt: row.created_at
	}));
}

export async function insertComment(
	db: Kysely<Database>,
	comment: {
		id: string;
		wishId: string;
		body: string;
		authorName: string | null;
		showAuthorName: boolean;
		authorUserId: string | null;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('topic_wish_comments')
		.values({
			id: comment.id,
			wish_id: comment.wishId,
			body: comment.body,
			author_name: comment.authorName,
			show_author_name: toBoolInt(comment.showAuthorName),
			author_user_id: comment.authorUserId,
			created_at: comment.now
		})
		.execute();
}

export async function deleteComment(
	db: Kysely<Database>,
	wishId: string,
	commentId: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('topic_wish_comments')
		.where('wish_id', '=', wishId)
		.where('id', '=', commentId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}
