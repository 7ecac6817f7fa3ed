import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, forbidden, notFound, rateLimited } from '../../domain/errors';
import { normalizeEmail } from '../../domain/email';
import { MAGIC_LINK_MINUTES } from '../../domain/registration-rules';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Locale } from '../../i18n/translate';
import type { Database } from '../db/schema';
import { sendAndLog, type Mailer } from '../mail/mailer';
import { magicLinkMail } from '../mail/templates';
import { RateLimiter } from '../rate-limit';
import * as accounts from '../repositories/accounts';
import { findOrCreatePasswordlessAccount } from './participant-accounts';
import * as repo from '../repositories/magic-links';
import { hashToken, type SessionIssued } from './auth';

/**
 * Sign-in by a link in a mail, without a password: for participants (an account without
 * password and without memberships is made on first use) and for organizers (their account is
 * found by email). The answer to a request never tells whether the address is known.
 */

export const RequestMagicLink = z.strictObject({ email: z.string().trim().max(300).pipe(z.email()) });
export type RequestMagicLink = z.infer<typeof RequestMagicLink>;

const MINUTE = 60 * 1000;
// Per address and per email: a handful of links per quarter hour is plenty for a person.
const linkLimiter = new RateLimiter(5, 15 * MINUTE);

function rateLimit(keys: string[]): void {
	const blocked = keys.filter((key) => !linkLimiter.hit(key));
	if (blocked.length) {
		const seconds = Math.max(...blocked.map((key) => linkLimiter.retryAfterSeconds(key)));
		throw rateLimited('magic.tooMany', { minutes: Math.ceil(seconds / 60) });
	}
}

/** Mails a single-use sign-in link valid for 15 minutes, whether or not the address is known. */
export async function requestMagicLink(
	db: Kysely<Database>,
	mailer: Mailer,
	input: unknown,
	options: { publicOrigin: string; locale: Locale; clientAddress?: string; now?: Date }
): Promise<void> {
	if (options.clientAddress) rateLimit([`ip:${options.clientAddress}`]);
	const { email } = parseOrThrow(RequestMagicLink, input);
	const normalized = normalizeEmail(email);
	rateLimit([`email:${normalized}`]);
	const now = options.now ?? new Date();
	const token = randomBytes(32).toString('base64url');
	await repo.deleteExpiredMagicLinks(db, now.toISOString());
	await repo.insertMagicLink(db, {
		id: randomUUID(),
		email: normalized,
		tokenHash: hashToken(token),
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + MAGIC_LINK_MINUTES * MINUTE).toISOString()
	});
	await sendAndLog(db, mailer, {
		to: email,
		...magicLinkMail(options.locale, `${options.publicOrigin}/login/link/${token}`, MAGIC_LINK_MINUTES),
		kind: 'magic-link'
	});
}

/**
 * Spends a sign-in link and opens a session for its email's account, making a participant's
 * account (no password, no memberships) when there is none. Expired, used and unknown links are
 * refused with their own message. A disabled account is refused like an unknown link; an admin's
 * account is refused with a message that sends them to the password sign-in.
 */
export async function signInWithMagicLink(
	db: Kysely<Database>,
	token: string,
	options: { sessionDays: number; now?: Date }
): Promise<SessionIssued> {
	const now = options.now ?? new Date();
	const result = await repo.consumeMagicLink(db, hashToken(token), now.toISOString());
	if ('failure' in result) {
		if (result.failure === 'used') throw conflict('magic.used');
		if (result.failure === 'expired') throw conflict('magic.expired');
		throw notFound('magic.invalid');
	}
	const sessionToken = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + options.sessionDays * 24 * 60 * MINUTE);
	await db.transaction().execute(async (trx) => {
		const { account } = await findOrCreatePasswordlessAccount(trx, result.email, { now });
		if (account.isDisabled) throw notFound('magic.invalid');
		// A mail alone must not open an admin's account: whoever reads the admin's mail would hold
		// every right of the installation. Admins sign in with their password.
		if (account.isAdmin) throw forbidden('magic.adminNeedsPassword');
		await accounts.insertSession(trx, {
			idHash: hashToken(sessionToken),
			userId: account.id,
			createdAt: now.toISOString(),
			expiresAt: expiresAt.toISOString()
		});
	});
	return { token: sessionToken, expiresAt };
}
