import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canManageOrganizationContent, isSignedIn, type Actor } from '../../domain/policy';
import { normalizeEmail } from '../../domain/email';
import { compareWishes, isOpen, publicName, voterKey, type WishStatus } from '../../domain/wishes/rules';
import type { Database } from '../db/schema';
import type { SeriesRecord } from '../repositories/series';
import * as repo from '../repositories/wishes';
import * as votesRepo from '../repositories/wishes-votes';
import { requireVisibleSeries } from './series';

/**
 * Topic wishes ("Themenwünsche") as readers see them: the list of a series, one wish with its
 * comments, and the links to them. Names appear only with their author's consent; emails never.
 * The writes live beside this file: wishes-contributions.ts (submit, comment), wishes-votes.ts
 * (votes, follows, confirmation links) and wishes-triage.ts (the organizers).
 */

export interface WishView {
	id: string;
	title: string;
	body: string;
	/** Only when the author chose to be named. */
	authorName: string | null;
	status: WishStatus;
	declineReason: string | null;
	votes: number;
	createdAt: string;
	/** The meeting whose focus topic it became, when the reader may see it. */
	meeting: { number: number; title: string; hasDocumentation: boolean } | null;
}

export interface SeriesHeader {
	id: string;
	title: string;
	language: string;
	meetingNoun: string;
	isPublished: boolean;
}

export function seriesHeader(series: SeriesRecord): SeriesHeader {
	return {
		id: series.slug,
		title: series.title,
		language: series.language,
		meetingNoun: series.meetingNoun,
		isPublished: series.publishedAt !== null
	};
}

export function toWishView(series: SeriesRecord, wish: repo.WishRecord, canManage: boolean): WishView {
	const meetingVisible =
		wish.meetingNumber !== null && (canManage || (wish.isMeetingPublished && series.publishedAt !== null));
	return {
		id: wish.id,
		title: wish.title,
		body: wish.body,
		authorName: publicName({ name: wish.authorName, showName: wish.showAuthorName }),
		status: wish.status,
		declineReason: wish.status === 'declined' ? wish.declineReason : null,
		votes: wish.votes,
		createdAt: wish.createdAt,
		meeting:
			meetingVisible && wish.meetingNumber !== null
				? {
						number: wish.meetingNumber,
						title: formatMeetingTitle(wish.meetingNumber, series.meetingNoun),
						hasDocumentation: wish.hasPublishedDocumentation
					}
				: null
	};
}

/** The wishes of a series, open ones first, most votes first. */
export async function listWishes(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<{ series: SeriesHeader; wishes: WishView[]; canManage: boolean }> {
	const series = await requireVisibleSeries(db, actor, slug);
	const canManage = canManageOrganizationContent(actor, series.organizationId);
	const wishes = (await repo.listWishes(db, series.id)).sort(compareWishes);
	return {
		series: seriesHeader(series),
		wishes: wishes.map((wish) => toWishView(series, wish, canManage)),
		canManage
	};
}

/** The open wishes (new or planned) of a series, for the series page. */
export async function listOpenWishes(
	db: Kysely<Database>,
	series: SeriesRecord,
	canManage: boolean
): Promise<WishView[]> {
	const wishes = (await repo.listWishes(db, series.id)).filter((wish) => isOpen(wish.status));
	return wishes.sort(compareWishes).map((wish) => toWishView(series, wish, canManage));
}

export interface WishPage {
	series: SeriesHeader;
	wish: WishView;
	comments: { id: string; body: string; authorName: string | null; createdAt: string }[];
	followers: number;
	canManage: boolean;
	/** For a signed-in reader: whether their vote is counted and whether they follow. */
	viewer: { hasVoted: boolean; isFollowing: boolean } | null;
}

/** The wish of a series the actor may see, or not found. */
export async function visibleWish(db: Kysely<Database>, actor: Actor, slug: string, wishId: string) {
	const series = await requireVisibleSeries(db, actor, slug);
	const wish = z.uuid().safeParse(wishId).success ? await repo.findWish(db, series.id, wishId) : undefined;
	if (!wish) throw notFound('wishes.notFound');
	return { series, wish };
}

export async function getWish(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	wishId: string
): Promise<WishPage> {
	const { series, wish } = await visibleWish(db, actor, slug, wishId);
	const canManage = canManageOrganizationContent(actor, series.organizationId);
	const [comments, followers] = await Promise.all([
		repo.listComments(db, wish.id),
		votesRepo.countFollowers(db, wish.id)
	]);
	let viewer: WishPage['viewer'] = null;
	if (isSignedIn(actor)) {
		const [vote, follower] = await Promise.all([
			votesRepo.findVote(db, wish.id, voterKey(actor.email)),
			votesRepo.findFollower(db, wish.id, normalizeEmail(actor.email))
		]);
		viewer = { hasVoted: Boolean(vote?.confirmedAt), isFollowing: Boolean(follower?.confirmedAt) };
	}
	return {
		series: seriesHeader(series),
		wish: toWishView(series, wish, canManage),
		comments: comments.map((comment) => ({
			id: comment.id,
			body: comment.body,
			authorName: publicName({ name: comment.authorName, showName: comment.showAuthorName }),
			createdAt: comment.createdAt
		})),
		followers,
		canManage,
		viewer
	};
}

export function wishUrl(publicOrigin: string, seriesSlug: string, wishId: string): string {
	return `${publicOrigin}/series/${seriesSlug}/wuensche/${wishId}`;
}

/** For pages that link to the wishes of a series: forbidden for nobody, so a plain helper. */
export function wishesPath(seriesSlug: string): string {
	return `/series/${seriesSlug}/wuensche`;
}
