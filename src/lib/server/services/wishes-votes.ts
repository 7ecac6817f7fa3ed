import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound, problem, validationFailed } from '../../domain/errors';
import { isSignedIn, type Actor } from '../../domain/policy';
import { normalizeEmail } from '../../domain/email';
import { CONFIRM_LINK_DAYS } from '../../domain/registration-rules';
import { isOpen, voterKey } from '../../domain/wishes/rules';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { Mailer } from '../mail/mailer';
import type { SeriesRecord } from '../repositories/series';
import * as repo from '../repositories/wishes';
import * as votesRepo from '../repositories/wishes-votes';
import { hashToken } from './auth';
import { optionalEmail } from './series';
import { visibleWish } from './wishes';
import { confirmLinkMail, sendQuietly } from './wishes-mail';
import { checkRateLimit, honeypot, requireOpenForWishes, type PublicWriteOptions } from './wishes-public';

/** Votes for and following of topic wishes: one per person, counted by account or once the emailed link is confirmed. */

const DAY = 24 * 60 * 60 * 1000;

/** Signed-in people vote and follow with their account's address; everyone else names one. */
export const EmailOfVisitor = z.strictObject({ email: optionalEmail, website: honeypot });

export type EmailOutcome = 'counted' | 'confirm-sent';

export function confirmLinkUrl(publicOrigin: string, seriesSlug: string, token: string): string {
	return `${publicOrigin}/series/${seriesSlug}/wuensche/bestaetigen/${token}`;
}

/** The address a visitor acts with: their account's, or the one they typed (required then). */
function emailOf(actor: Actor, typed: string | null | undefined): string {
	if (isSignedIn(actor)) return actor.email;
	if (!typed) throw validationFailed([problem('/email', 'wishes.emailRequired')]);
	return typed;
}

/**
 * What a vote and a follow check first, in this order: the rate limit, the input, the wish (visible
 * to the actor, its series open for wishes). Undefined for a filled honeypot (a bot: ignored).
 */
async function visitorOnWish(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	wishId: string,
	input: unknown,
	options: PublicWriteOptions
) {
	checkRateLimit(options.clientAddress);
	const data = parseOrThrow(EmailOfVisitor, input);
	const { series, wish } = await visibleWish(db, actor, slug, wishId);
	requireOpenForWishes(series, actor);
	if (data.website?.trim()) return undefined;
	return { series, wish, typedEmail: data.email };
}

/** The link columns of a new vote or follower row: confirmed now by account, else pending its link. */
interface Confirmation {
	confirmTokenHash: string | null;
	confirmExpiresAt: string | null;
	confirmedAt: string | null;
}

/**
 * The one rule votes and follows share: with an account the row counts at once; with an email
 * it counts once the link in the mail is confirmed, and asking again renews and resends the link.
 * `whenCounted` answers for a row already confirmed (also one inserted at the same moment by a
 * second request, which the unique constraint refuses).
 */
async function countOrSendLink(step: {
	byAccount: boolean;
	now: Date;
	existing: { id: string; confirmedAt: string | null } | undefined;
	whenCounted: () => EmailOutcome;
	confirm: (id: string, now: string) => Promise<void>;
	renew: (id: string, tokenHash: string, expiresAt: string) => Promise<void>;
	insert: (confirmation: Confirmation) => Promise<void>;
	sendLink: (token: string) => Promise<unknown>;
}): Promise<EmailOutcome> {
	const { byAccount, existing, now } = step;
	if (existing?.confirmedAt) return step.whenCounted();
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + CONFIRM_LINK_DAYS * DAY).toISOString();
	if (existing) {
		if (byAccount) {
			await step.confirm(existing.id, now.toISOString());
			return 'counted';
		}
		await step.renew(existing.id, hashToken(token), expiresAt);
	} else {
		try {
			await step.insert({
				confirmTokenHash: byAccount ? null : hashToken(token),
				confirmExpiresAt: byAccount ? null : expiresAt,
				confirmedAt: byAccount ? now.toISOString() : null
			});
		} catch (error) {
			if (isUniqueViolation(error)) return step.whenCounted();
			throw error;
		}
		if (byAccount) return 'counted';
	}
	await step.sendLink(token);
	return 'confirm-sent';
}

/** Mails the link that confirms a vote or a follow (quietly: a failed mail is logged). */
function sendConfirmLink(
	db: Kysely<Database>,
	mailer: Mailer,
	kind: 'vote' | 'follow',
	to: string,
	about: { series: SeriesRecord; wish: { title: string }; token: string; options: PublicWriteOptions }
): Promise<boolean> {
	const mail = confirmLinkMail(kind, about.options.locale, {
		wishTitle: about.wish.title,
		seriesTitle: about.series.title,
		confirmUrl: confirmLinkUrl(about.options.publicOrigin, about.series.slug, about.token)
	});
	return sendQuietly(db, mailer, { to, kind: `wish-${kind}-confirm`, ...mail });
}

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
	const request = await visitorOnWish(db, actor, slug, wishId, input, options);
	if (!request) return 'ignored';
	const { series, wish } = request;
	if (!isOpen(wish.status)) throw conflict('wishes.vote.closed');
	const email = emailOf(actor, request.typedEmail);
	const key = voterKey(email);
	const now = options.now ?? new Date();
	return countOrSendLink({
		byAccount: isSignedIn(actor),
		now,
		existing: await votesRepo.findVote(db, wish.id, key),
		whenCounted: () => {
			throw conflict('wishes.vote.already', undefined, [problem('/email', 'wishes.vote.already')]);
		},
		confirm: (id, at) => votesRepo.confirmVote(db, id, at),
		renew: (id, tokenHash, expiresAt) => votesRepo.renewVoteToken(db, id, tokenHash, expiresAt),
		insert: (confirmation) =>
			votesRepo.insertVote(db, {
				id: randomUUID(),
				wishId: wish.id,
				voterKey: key,
				userId: isSignedIn(actor) ? actor.userId : null,
				...confirmation,
				now: now.toISOString()
			}),
		sendLink: (token) => sendConfirmLink(db, mailer, 'vote', email, { series, wish, token, options })
	});
}

/** Starts following: at once when the address is the actor's account's, else after its link. */
export async function follow(
	db: Kysely<Database>,
	mailer: Mailer,
	actor: Actor,
	series: SeriesRecord,
	wish: { id: string; title: string },
	email: string,
	options: PublicWriteOptions,
	now: Date
): Promise<EmailOutcome> {
	const normalized = normalizeEmail(email);
	const byAccount = isSignedIn(actor) && normalizeEmail(actor.email) === normalized;
	return countOrSendLink({
		byAccount,
		now,
		existing: await votesRepo.findFollower(db, wish.id, normalized),
		// Following twice changes nothing; two requests at once: the other one is already following.
		whenCounted: () => 'counted',
		confirm: (id, at) => votesRepo.confirmFollower(db, id, at),
		renew: (id, tokenHash, expiresAt) => votesRepo.renewFollowerToken(db, id, tokenHash, expiresAt),
		insert: (confirmation) =>
			votesRepo.insertFollower(db, {
				id: randomUUID(),
				wishId: wish.id,
				emailNormalized: normalized,
				locale: options.locale,
				...confirmation,
				now: now.toISOString()
			}),
		sendLink: (token) => sendConfirmLink(db, mailer, 'follow', email, { series, wish, token, options })
	});
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
	const request = await visitorOnWish(db, actor, slug, wishId, input, options);
	if (!request) return 'ignored';
	const email = emailOf(actor, request.typedEmail);
	return follow(db, mailer, actor, request.series, request.wish, email, options, options.now ?? new Date());
}

/** The link in a vote or follow mail: counts the vote, or starts following. */
export async function confirmWishLink(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<{ kind: 'vote' | 'follow'; seriesSlug: string; wishId: string }> {
	const hash = hashToken(token);
	const isValid = (expiresAt: string | null) => expiresAt === null || expiresAt > now.toISOString();
	const vote = await votesRepo.findVoteByToken(db, hash);
	if (vote && isValid(vote.confirmExpiresAt)) {
		await votesRepo.confirmVote(db, vote.id, now.toISOString());
		const wish = await repo.findWishById(db, vote.wishId);
		if (!wish) throw notFound('wishes.notFound');
		return { kind: 'vote', seriesSlug: wish.seriesSlug, wishId: wish.id };
	}
	const follower = await votesRepo.findFollowerByToken(db, hash);
	if (follower && isValid(follower.confirmExpiresAt)) {
		await votesRepo.confirmFollower(db, follower.id, now.toISOString());
		const wish = await repo.findWishById(db, follower.wishId);
		if (!wish) throw notFound('wishes.notFound');
		return { kind: 'follow', seriesSlug: wish.seriesSlug, wishId: wish.id };
	}
	throw notFound('wishes.confirm.invalid');
}
