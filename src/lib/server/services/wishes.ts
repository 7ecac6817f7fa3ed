import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { checkMeetingTimes, TIME_PATTERN } from '../../domain/agenda-timing';
import { conflict, notFound, problem, rateLimited, validationFailed } from '../../domain/errors';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canManageOrganizationContent, isSignedIn, type Actor } from '../../domain/policy';
import { normalizeEmail } from '../../domain/email';
import { CONFIRM_LINK_DAYS } from '../../domain/registration-rules';
import {
	checkTriage,
	compareWishes,
	isOpen,
	nextStatuses,
	publicName,
	voterKey,
	wishStatuses,
	type WishStatus
} from '../../domain/wishes/rules';
import { parseOrThrow } from '../../domain/zod-problems';
import { isLocale, type Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import { logger } from '../logger';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { RateLimiter } from '../rate-limit';
import { lockMeeting } from '../repositories/meeting-lookup';
import * as meetingsRepo from '../repositories/meetings';
import type { SeriesRecord } from '../repositories/series';
import * as repo from '../repositories/wishes';
import { hashToken } from './auth';
import { DEFAULT_TIME_ZONE } from './meetings';
import { optionalEmail, optionalText, requireManagedSeries, requireVisibleSeries } from './series';
import { confirmFollowMail, confirmVoteMail, wishPlannedMail } from './wishes-mail';

/**
 * Topic wishes ("Themenwünsche") of a series: anyone submits, votes (one vote per person: by
 * account, or by an email confirmed through a link), comments and follows; the series'
 * organizers triage and turn a wish into a meeting's focus topic in one step, which tells its
 * followers (one mail each). Names appear only with their author's consent; emails never.
 * Mails go out after the transaction that decided them, so a failed mail undoes nothing.
 */

const DAY = 24 * 60 * 60 * 1000;

/* ---- input schemas, one per use case; `website` is the honeypot ---- */

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());
const honeypot = z.string().max(2000).optional();

export const SubmitWish = z.strictObject({
	title: z.string().trim().min(1).max(200),
	body: z.string().trim().min(1).max(4000),
	name: optionalText(200),
	showName: checkbox.default(false),
	/** Optional: the author then follows the wish (after confirming the link in a mail). */
	email: optionalEmail,
	website: honeypot
});

export const CommentOnWish = z.strictObject({
	body: z.string().trim().min(1).max(2000),
	name: optionalText(200),
	showName: checkbox.default(false),
	website: honeypot
});

/** Signed-in people vote and follow with their account's address; everyone else names one. */
export const EmailOfVisitor = z.strictObject({ email: optionalEmail, website: honeypot });

export const TriageWish = z.strictObject({
	status: z.enum(wishStatuses),
	reason: optionalText(1000)
});

const meetingNumber = z.preprocess(
	(value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
	z.int().min(1).max(999_999_999)
);
const time = z.string().trim().regex(TIME_PATTERN);

/** Either an existing meeting of the series by number, or a new one with its date and times. */
export const MakeMeetingTopic = z.discriminatedUnion('target', [
	z.strictObject({ target: z.literal('existing'), number: meetingNumber }),
	z.strictObject({ target: z.literal('new'), date: z.iso.date(), start: time, end: time })
]);

/* ---- rate limit per client address for everything the public writes ---- */

const PUBLIC_LIMIT = 20;
const publicLimiter = new RateLimiter(PUBLIC_LIMIT, 10 * 60 * 1000);

function checkRateLimit(clientAddress: string | undefined): void {
	if (!clientAddress) return;
	const key = `wishes:${clientAddress}`;
	if (!publicLimiter.hit(key)) {
		throw rateLimited('wishes.tooManyAttempts', {
			minutes: Math.ceil(publicLimiter.retryAfterSeconds(key) / 60)
		});
	}
}

export interface PublicWriteOptions {
	locale: Locale;
	publicOrigin: string;
	clientAddress?: string;
	now?: Date;
}

/* ---- views ---- */

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

function seriesHeader(series: SeriesRecord): SeriesHeader {
	return {
		id: series.slug,
		title: series.title,
		language: series.language,
		meetingNoun: series.meetingNoun,
		isPublished: series.publishedAt !== null
	};
}

function toWishView(series: SeriesRecord, wish: repo.WishRecord, canManage: boolean): WishView {
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

async function visibleWish(db: Kysely<Database>, actor: Actor, slug: string, wishId: string) {
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
		repo.countFollowers(db, wish.id)
	]);
	let viewer: WishPage['viewer'] = null;
	if (isSignedIn(actor)) {
		const [vote, follower] = await Promise.all([
			repo.findVote(db, wish.id, voterKey(actor.email)),
			repo.findFollower(db, wish.id, normalizeEmail(actor.email))
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

/* ---- the public writes ---- */

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function wishUrl(publicOrigin: string, seriesSlug: string, wishId: string): string {
	return `${publicOrigin}/series/${seriesSlug}/wuensche/${wishId}`;
}

export function confirmLinkUrl(publicOrigin: string, seriesSlug: string, token: string): string {
	return `${publicOrigin}/series/${seriesSlug}/wuensche/bestaetigen/${token}`;
}

/** Public writes need a published series; its organizers may also write to a draft. */
function requireOpenForWishes(series: SeriesRecord, actor: Actor): void {
	if (series.publishedAt === null && !canManageOrganizationContent(actor, series.organizationId))
		throw notFound('series.notFound');
}

/** Anyone submits a wish. A filled honeypot answers like success and stores nothing. */
export async function submitWish(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	input: unknown,
	options: PublicWriteOptions
): Promise<{ wishId: string | null; isConfirmMailSent: boolean }> {
	checkRateLimit(options.clientAddress);
	const data = parseOrThrow(SubmitWish, input);
	const series = await requireVisibleSeries(db, actor, slug);
	requireOpenForWishes(series, actor);
	if (data.website?.trim()) return { wishId: null, isConfirmMailSent: false };
	const now = options.now ?? new Date();
	const wishId = randomUUID();
	const email = data.email ?? (isSignedIn(actor) ? actor.email : null);
	await db.transaction().execute(async (trx) => {
		await repo.insertWish(trx, {
			id: wishId,
			seriesId: series.id,
			title: data.title,
			body: data.body,
			authorName: data.name ?? null,
			showAuthorName: data.showName && Boolean(data.name),
			authorEmail: data.email ?? null,
			authorUserId: isSignedIn(actor) ? actor.userId : null,
			now: now.toISOString()
		});
	});
	// The author follows their wish: at once with an account, else after confirming the link.
	let isConfirmMailSent = false;
	if (email) {
		const outcome = await follow(db, mailer, actor, series, wishId, data.title, email, options, now);
		isConfirmMailSent = outcome === 'confirm-sent';
	}
	return { wishId, isConfirmMailSent };
}

async function sendQuietly(
	db: Kysely<Database>,
	mailer: Mailer,
	mail: Parameters<typeof sendAndLog>[2]
): Promise<boolean> {
	try {
		await sendAndLog(db, mailer, mail);
		return true;
	} catch (error) {
		logger.error({ err: error, kind: mail.kind }, 'topic wish mail could not be sent');
		return false;
	}
}

/** The address a visitor acts with: their account's, or the one they typed (required then). */
function emailOf(actor: Actor, typed: string | null | undefined): string {
	if (isSignedIn(actor)) return actor.email;
	if (!typed) throw validationFailed([problem('/email', 'wishes.emailRequired')]);
	return typed;
}

export type EmailOutcome = 'counted' | 'confirm-sent';

/**
 * One vote per person and wish. With an account it counts at once; with an email it counts
 * once the link in the mail is confirmed (asking again resends the link). A second vote, also
 * two at the same moment, is refused by the database's unique constraint.
 */
export async function voteForWish(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: PublicWriteOptions
): Promise<EmailOutcome | 'ignored'> {
	checkRateLimit(options.clientAddress);
	const data = parseOrThrow(EmailOfVisitor, input);
	const { series, wish } = await visibleWish(db, actor, slug, wishId);
	requireOpenForWishes(series, actor);
	if (data.website?.trim()) return 'ignored';
	if (!isOpen(wish.status)) throw conflict('wishes.vote.closed');
	const email = emailOf(actor, data.email);
	const key = voterKey(email);
	const now = options.now ?? new Date();
	const byAccount = isSignedIn(actor);
	const token = newToken();
	const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString();
	const existing = await repo.findVote(db, wish.id, key);
	if (existing?.confirmedAt) throw alreadyVoted();
	if (existing && !byAccount) {
		await repo.renewVoteToken(db, existing.id, hashToken(token), expiresAt);
	} else if (existing) {
		await repo.confirmVote(db, existing.id, now.toISOString());
		return 'counted';
	} else {
		try {
			await repo.insertVote(db, {
				id: randomUUID(),
				wishId: wish.id,
				voterKey: key,
				userId: byAccount ? actor.userId : null,
				confirmTokenHash: byAccount ? null : hashToken(token),
				confirmExpiresAt: byAccount ? null : expiresAt,
				confirmedAt: byAccount ? now.toISOString() : null,
				now: now.toISOString()
			});
		} catch (error) {
			if (isUniqueViolation(error)) throw alreadyVoted();
			throw error;
		}
		if (byAccount) return 'counted';
	}
	const mail = confirmVoteMail(options.locale, {
		wishTitle: wish.title,
		seriesTitle: series.title,
		confirmUrl: confirmLinkUrl(options.publicOrigin, series.slug, token)
	});
	await sendQuietly(db, mailer, { to: email, kind: 'wish-vote-confirm', ...mail });
	return 'confirm-sent';
}

function alreadyVoted() {
	return conflict('wishes.vote.already', undefined, [problem('/email', 'wishes.vote.already')]);
}

async function follow(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	series: SeriesRecord,
	wishId: string,
	wishTitle: string,
	email: string,
	options: PublicWriteOptions,
	now: Date
): Promise<EmailOutcome> {
	const normalized = normalizeEmail(email);
	const byAccount = isSignedIn(actor) && normalizeEmail(actor.email) === normalized;
	const token = newToken();
	const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString();
	const existing = await repo.findFollower(db, wishId, normalized);
	if (existing?.confirmedAt) return 'counted';
	if (existing) {
		if (byAccount) {
			await repo.confirmFollower(db, existing.id, now.toISOString());
			return 'counted';
		}
		await repo.renewFollowerToken(db, existing.id, hashToken(token), expiresAt);
	} else {
		try {
			await repo.insertFollower(db, {
				id: randomUUID(),
				wishId,
				emailNormalized: normalized,
				locale: options.locale,
				confirmTokenHash: byAccount ? null : hashToken(token),
				confirmExpiresAt: byAccount ? null : expiresAt,
				confirmedAt: byAccount ? now.toISOString() : null,
				now: now.toISOString()
			});
		} catch (error) {
			// Two requests at once: the other one is already following.
			if (isUniqueViolation(error)) return 'counted';
			throw error;
		}
		if (byAccount) return 'counted';
	}
	const mail = confirmFollowMail(options.locale, {
		wishTitle,
		seriesTitle: series.title,
		confirmUrl: confirmLinkUrl(options.publicOrigin, series.slug, token)
	});
	await sendQuietly(db, mailer, { to: email, kind: 'wish-follow-confirm', ...mail });
	return 'confirm-sent';
}

/** Follow a wish to get one mail when it is planned. Following twice changes nothing. */
export async function followWish(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: PublicWriteOptions
): Promise<EmailOutcome | 'ignored'> {
	checkRateLimit(options.clientAddress);
	const data = parseOrThrow(EmailOfVisitor, input);
	const { series, wish } = await visibleWish(db, actor, slug, wishId);
	requireOpenForWishes(series, actor);
	if (data.website?.trim()) return 'ignored';
	const email = emailOf(actor, data.email);
	return follow(db, mailer, actor, series, wish.id, wish.title, email, options, options.now ?? new Date());
}

/** The link in a vote or follow mail: counts the vote, or starts following. */
export async function confirmWishLink(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<{ kind: 'vote' | 'follow'; seriesSlug: string; wishId: string }> {
	const hash = hashToken(token);
	const isValid = (expiresAt: string | null) => expiresAt === null || expiresAt > now.toISOString();
	const vote = await repo.findVoteByToken(db, hash);
	if (vote && isValid(vote.confirmExpiresAt)) {
		await repo.confirmVote(db, vote.id, now.toISOString());
		const wish = await repo.findWishById(db, vote.wishId);
		if (!wish) throw notFound('wishes.notFound');
		return { kind: 'vote', seriesSlug: wish.seriesSlug, wishId: wish.id };
	}
	const follower = await repo.findFollowerByToken(db, hash);
	if (follower && isValid(follower.confirmExpiresAt)) {
		await repo.confirmFollower(db, follower.id, now.toISOString());
		const wish = await repo.findWishById(db, follower.wishId);
		if (!wish) throw notFound('wishes.notFound');
		return { kind: 'follow', seriesSlug: wish.seriesSlug, wishId: wish.id };
	}
	throw notFound('wishes.confirm.invalid');
}

export async function commentOnWish(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: { clientAddress?: string; now?: Date }
): Promise<{ commentId: string | null }> {
	checkRateLimit(options.clientAddress);
	const data = parseOrThrow(CommentOnWish, input);
	const { series, wish } = await visibleWish(db, actor, slug, wishId);
	requireOpenForWishes(series, actor);
	if (data.website?.trim()) return { commentId: null };
	const commentId = randomUUID();
	await repo.insertComment(db, {
		id: commentId,
		wishId: wish.id,
		body: data.body,
		authorName: data.name ?? null,
		showAuthorName: data.showName && Boolean(data.name),
		authorUserId: isSignedIn(actor) ? actor.userId : null,
		now: (options.now ?? new Date()).toISOString()
	});
	return { commentId };
}

/* ---- the organizers ---- */

export interface ManagedWishes {
	series: SeriesHeader;
	wishes: (WishView & { nextStatuses: WishStatus[] })[];
	meetings: { number: number; title: string; topicTitle: string | null }[];
}

export async function listWishesForTriage(
	db: Kysely<Database>,
	actor: Actor,
	slug: string
): Promise<ManagedWishes> {
	const series = await requireManagedSeries(db, actor, slug);
	const [wishes, meetings] = await Promise.all([
		repo.listWishes(db, series.id),
		meetingsRepo.listMeetings(db, series.id, { publishedOnly: false })
	]);
	return {
		series: seriesHeader(series),
		wishes: wishes
			.sort(compareWishes)
			.map((wish) => ({ ...toWishView(series, wish, true), nextStatuses: nextStatuses(wish.status) })),
		meetings: meetings.map((meeting) => ({
			number: meeting.number,
			title: formatMeetingTitle(meeting.number, series.meetingNoun),
			topicTitle: meeting.topicTitle
		}))
	};
}

async function managedWish(db: Kysely<Database>, actor: Actor, slug: string, wishId: string) {
	const series = await requireManagedSeries(db, actor, slug);
	const wish = z.uuid().safeParse(wishId).success ? await repo.findWish(db, series.id, wishId) : undefined;
	if (!wish) throw notFound('wishes.notFound');
	return { series, wish };
}

export interface NotifyOptions {
	publicOrigin: string;
	now?: Date;
}

/** Triage: new, planned, taken up, declined (with a reason shown publicly). Planned tells followers. */
export async function triageWish(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: NotifyOptions
): Promise<{ status: WishStatus; notified: number }> {
	const { series, wish } = await managedWish(db, actor, slug, wishId);
	const data = parseOrThrow(TriageWish, input);
	const reason = data.reason ?? null;
	const refusal = checkTriage(wish.status, data.status, reason);
	if (refusal)
		throw validationFailed([
			problem(refusal === 'wishes.triage.reasonRequired' ? '/reason' : '/status', refusal)
		]);
	const now = (options.now ?? new Date()).toISOString();
	const followers = await db.transaction().execute(async (trx) => {
		await repo.setWishStatus(trx, wish.id, {
			status: data.status,
			declineReason: data.status === 'declined' ? reason : null,
			now
		});
		return data.status === 'planned' ? repo.claimFollowersToNotify(trx, wish.id, now) : [];
	});
	const meeting =
		wish.meetingNumber !== null ? { number: wish.meetingNumber, isPublished: wish.isMeetingPublished } : null;
	const notified = await notifyFollowers(db, mailer, series, wish, meeting, followers, options);
	return { status: data.status, notified };
}

async function notifyFollowers(
	db: Kysely<Database>,
	mailer: Mailer,
	series: SeriesRecord,
	wish: { id: string; title: string },
	meeting: { number: number; isPublished: boolean } | null,
	followers: repo.FollowerRecord[],
	options: NotifyOptions
): Promise<number> {
	let sent = 0;
	for (const follower of followers) {
		const locale: Locale = isLocale(follower.locale) ? follower.locale : 'de';
		const mail = wishPlannedMail(locale, {
			wishTitle: wish.title,
			seriesTitle: series.title,
			meeting: meeting ? formatMeetingTitle(meeting.number, series.meetingNoun) : null,
			meetingUrl: meeting ? `${options.publicOrigin}/series/${series.slug}/${meeting.number}` : null,
			wishUrl: wishUrl(options.publicOrigin, series.slug, wish.id)
		});
		if (await sendQuietly(db, mailer, { to: follower.emailNormalized, kind: 'wish-planned', ...mail }))
			sent += 1;
	}
	return sent;
}

/**
 * One step: the wish becomes the focus topic of an existing meeting (its topic title; the
 * summary too when the meeting has none yet) or of a new meeting, is marked planned and linked
 * to that meeting, all in one transaction; then its followers are told, once each.
 */
export async function makeWishMeetingTopic(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: NotifyOptions
): Promise<{ meetingNumber: number; notified: number }> {
	const { series, wish } = await managedWish(db, actor, slug, wishId);
	const data = parseOrThrow(MakeMeetingTopic, input);
	if (wish.status === 'declined') throw conflict('wishes.topic.declined');
	const now = (options.now ?? new Date()).toISOString();
	if (data.target === 'new') {
		const problems = checkMeetingTimes(data).map((timing) =>
			problem(`/${timing.field}`, timing.key, timing.params)
		);
		if (problems.length) throw validationFailed(problems);
	}
	const { meeting, followers } = await db.transaction().execute(async (trx) => {
		let target: meetingsRepo.MeetingRecord | undefined;
		if (data.target === 'existing') {
			target = await meetingsRepo.findMeeting(trx, series.id, data.number);
			if (!target)
				throw validationFailed([problem('/number', 'wishes.topic.noSuchMeeting', { number: data.number })]);
			await lockMeeting(trx, target.id);
			await meetingsRepo.updateMeeting(
				trx,
				target.id,
				{
					...target,
					topicTitle: wish.title,
					topicSummary: target.topicSummary.length ? target.topicSummary : [wish.body]
				},
				now
			);
		} else {
			const fields: meetingsRepo.MeetingFields = {
				number: await meetingsRepo.nextFreeNumber(trx, series.id),
				date: data.date,
				start: data.start,
				end: data.end,
				timeZone: DEFAULT_TIME_ZONE,
				venueMode: 'online',
				venuePlatform: null,
				venueUrl: null,
				venueAddress: null,
				topicTitle: wish.title,
				topicSummary: [wish.body],
				topicGuidingQuestions: [],
				outlookText: [],
				topicWishesContact: null
			};
			const id = randomUUID();
			try {
				await meetingsRepo.insertMeeting(trx, { id, seriesId: series.id, now, fields });
			} catch (error) {
				if (isUniqueViolation(error)) throw conflict('meeting.numberTaken', { number: fields.number });
				throw error;
			}
			target = await meetingsRepo.findMeeting(trx, series.id, fields.number);
			if (!target) throw notFound('meeting.notFound');
		}
		await repo.setWishStatus(trx, wish.id, {
			status: 'planned',
			declineReason: null,
			meetingId: target.id,
			now
		});
		return { meeting: target, followers: await repo.claimFollowersToNotify(trx, wish.id, now) };
	});
	const notified = await notifyFollowers(
		db,
		mailer,
		series,
		wish,
		{ number: meeting.number, isPublished: meeting.publishedAt !== null },
		followers,
		options
	);
	return { meetingNumber: meeting.number, notified };
}

export async function deleteWishComment(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	wishId: string,
	commentId: string
): Promise<void> {
	const { wish } = await managedWish(db, actor, slug, wishId);
	if (!(await repo.deleteComment(db, wish.id, commentId))) throw notFound('wishes.notFound');
}

/** For pages that link to the wishes of a series: forbidden for nobody, so a plain helper. */
export function wishesPath(seriesSlug: string): string {
	return `/series/${seriesSlug}/wuensche`;
}
