import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { normalizeEmail } from '../../domain/email';
import { notFound, problem, rateLimited, unauthenticated, validationFailed } from '../../domain/errors';
import {
	anonymous,
	isSignedIn,
	meetingRoles,
	type Actor,
	type MeetingRole,
	type OrganizationRole
} from '../../domain/policy';
import type { Database } from '../db/schema';
import { RateLimiter } from '../rate-limit';
import * as accounts from '../repositories/accounts';
import { listGrantsOfUser } from '../repositories/meeting-roles';
import { parseOrThrow } from '../../domain/zod-problems';

/** Sign-in, sessions and API tokens. */

export const SignIn = z.object({
	email: z.string().overwrite(normalizeEmail).email(),
	password: z.string().min(1).max(1000)
});
export type SignIn = z.infer<typeof SignIn>;

export interface SessionIssued {
	token: string;
	expiresAt: Date;
}

const failedLogins = new Map<number, RateLimiter>();

function loginLimiter(limit: number): RateLimiter {
	let limiter = failedLogins.get(limit);
	if (!limiter) {
		limiter = new RateLimiter(limit, 15 * 60 * 1000);
		failedLogins.set(limit, limiter);
	}
	return limiter;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

/** A password hash to compare against when the account does not exist, so timing tells nothing. */
let decoyHash: Promise<string> | undefined;

/**
 * The counters a failed sign-in adds to: the email together with the client address (so that a
 * stranger failing from elsewhere cannot lock the owner out), and the client address alone
 * (so that one address cannot try many emails).
 */
export function loginLimitKeys(email: string, clientAddress: string): string[] {
	return [`email+ip:${email}\n${clientAddress}`, `ip:${clientAddress}`];
}

/**
 * Checks email and password and opens a session. Failed attempts are counted per (email, client
 * address) pair and per client address; past the limit, even a right password is refused from
 * there until the window ends.
 */
export async function signIn(
	db: Kysely<Database>,
	input: unknown,
	options: { clientAddress: string; sessionDays: number; loginRateLimit: number; now?: Date }
): Promise<SessionIssued> {
	const parsed = SignIn.safeParse(input);
	if (!parsed.success) {
		throw validationFailed([problem('email', 'auth.invalidCredentials')], { key: 'auth.invalidCredentials' });
	}
	const { email, password } = parsed.data;
	const limiter = loginLimiter(options.loginRateLimit);
	const keys = loginLimitKeys(email, options.clientAddress);
	if (keys.some((key) => limiter.isBlocked(key))) {
		const seconds = Math.max(...keys.map((key) => limiter.retryAfterSeconds(key)));
		throw rateLimited('auth.tooManyAttempts', { minutes: Math.ceil(seconds / 60) });
	}
	const account = await accounts.findAccountByEmail(db, email);
	decoyHash ??= hashPassword(randomUUID());
	const storedHash = account?.passwordHash ?? (await decoyHash);
	const isValid = await verify(storedHash, password).catch(() => false);
	if (!account || !account.passwordHash || account.isDisabled || !isValid) {
		for (const key of keys) limiter.hit(key);
		throw validationFailed([problem('email', 'auth.invalidCredentials')], { key: 'auth.invalidCredentials' });
	}
	limiter.reset(keys[0]!);
	const now = options.now ?? new Date();
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + options.sessionDays * 24 * 60 * 60 * 1000);
	await db.transaction().execute(async (trx) => {
		// Cheap housekeeping: sign-ins are rare, so expired sessions go when a new one comes.
		await accounts.deleteExpiredSessions(trx, now.toISOString());
		await accounts.insertSession(trx, {
			idHash: hashToken(token),
			userId: account.id,
			createdAt: now.toISOString(),
			expiresAt: expiresAt.toISOString()
		});
	});
	return { token, expiresAt };
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
	await accounts.deleteSession(db, hashToken(token));
}

/** The actor behind a session cookie, or anonymous when it is unknown, expired or disabled. */
export async function actorFromSession(
	db: Kysely<Database>,
	token: string | undefined,
	now = new Date()
): Promise<Actor> {
	if (!token) return anonymous;
	const session = await accounts.findSessionUser(db, hashToken(token), now.toISOString());
	if (!session) return anonymous;
	return actorForUser(db, session.userId);
}

/** The actor behind an API token (`Authorization: Bearer nws_…`). */
export async function actorFromApiToken(
	db: Kysely<Database>,
	token: string,
	now = new Date()
): Promise<Actor> {
	const found = await accounts.findApiTokenUser(db, hashToken(token));
	if (!found) return anonymous;
	await accounts.touchApiToken(db, found.id, now.toISOString());
	return actorForUser(db, found.userId);
}

export async function actorForUser(db: Kysely<Database>, userId: string): Promise<Actor> {
	const account = await accounts.findAccountById(db, userId);
	if (!account || account.isDisabled) return anonymous;
	const memberships = await accounts.listMemberships(db, userId);
	const grants = await listGrantsOfUser(db, userId);
	return {
		kind: 'user',
		userId: account.id,
		email: account.email,
		displayName: account.displayName,
		isAdmin: account.isAdmin,
		organizations: memberships
			.filter((m): m is { organizationId: string; role: OrganizationRole } => m.role === 'organizer')
			.map((m) => ({ organizationId: m.organizationId, role: m.role })),
		// Roles this version does not know (a newer one wrote them) grant nothing.
		meetings: grants
			.filter((g): g is { meetingId: string; role: MeetingRole } =>
				(meetingRoles as readonly string[]).includes(g.role)
			)
			.map((g) => ({ meetingId: g.meetingId, role: g.role }))
	};
}

export const CreateApiToken = z.object({ name: z.string().trim().min(1).max(100) });
export type CreateApiToken = z.infer<typeof CreateApiToken>;

/** Creates a personal API token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<{ id: string; token: string; name: string }> {
	if (!isSignedIn(actor)) throw unauthenticated();
	const data = parseOrThrow(CreateApiToken, input);
	const secret = randomBytes(32).toString('base64url');
	const token = `nws_${secret}`;
	const id = randomUUID();
	await accounts.insertApiToken(db, {
		id,
		userId: actor.userId,
		name: data.name,
		tokenHash: hashToken(token),
		tokenPrefix: token.slice(0, 10),
		createdAt: now.toISOString()
	});
	return { id, token, name: data.name };
}

export async function listApiTokens(db: Kysely<Database>, actor: Actor): Promise<accounts.ApiTokenSummary[]> {
	if (!isSignedIn(actor)) throw unauthenticated();
	return accounts.listApiTokens(db, actor.userId);
}

export async function revokeApiToken(db: Kysely<Database>, actor: Actor, tokenId: string): Promise<void> {
	if (!isSignedIn(actor)) throw unauthenticated();
	const deleted = await accounts.deleteApiToken(db, actor.userId, tokenId);
	if (deleted === 0) throw notFound();
}
