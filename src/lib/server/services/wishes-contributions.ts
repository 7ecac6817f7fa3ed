import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { isSignedIn, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { Mailer } from '../mail/mailer';
import * as repo from '../repositories/wishes';
import { checkbox, optionalEmail, optionalText, requireVisibleSeries } from './series';
import { visibleWish } from './wishes';
import { checkRateLimit, honeypot, requireOpenForWishes, type PublicWriteOptions } from './wishes-public';
import { follow } from './wishes-votes';

/** What anyone writes on topic wishes: a new wish (its author then follows it) and comments. */

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
		const wish = { id: wishId, title: data.title };
		const outcome = await follow(db, mailer, actor, series, wish, email, options, now);
		isConfirmMailSent = outcome === 'confirm-sent';
	}
	return { wishId, isConfirmMailSent };
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
