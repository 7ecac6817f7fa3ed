import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../src/lib/domain/errors';
import {
	actorFromApiToken,
	actorFromSession,
	createApiToken,
	hashToken,
	listApiTokens,
	revokeApiToken,
	signIn,
	signOut
} from '../../src/lib/server/services/auth';
import { setAccountDisabled } from '../../src/lib/server/services/accounts';
import { anonymous } from '../../src/lib/domain/policy';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** Each test signs in from its own client address, so that rate limits never cross tests. */
const options = (overrides: { loginRateLimit?: number; now?: Date } = {}) => ({
	clientAddress: `10.0.${randomUUID()}`,
	sessionDays: 14,
	loginRateLimit: overrides.loginRateLimit ?? 10,
	now: overrides.now
});

async function caught(work: Promise<unknown>): Promise<AppError> {
	const error = await work.then(
		() => undefined,
		(reason: unknown) => reason
	);
	if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
	return error;
}

for (const database of testDatabases()) {
	describe(`${database.name}: sign-in, sessions and API tokens`, () => {
		afterAll(() => database.close());

		it('signs in with the right password, ignoring the case of the email, and resolves the session', async () => {
			const db = await database.open();
			const make = factories(db);
			const org = await make.organization();
			const account = await make.user({ organizationId: org.id });
			const session = await signIn(
				db,
				{ email: ` ${account.email.toUpperCase()} `, password: account.password },
				options()
			);
			expect(session.token.length).toBeGreaterThan(30);
			const actor = await actorFromSession(db, session.token);
			expect(actor).toMatchObject({
				kind: 'user',
				userId: account.id,
				email: account.email,
				isAdmin: false,
				organizations: [{ organizationId: org.id, role: 'organizer' }]
			});
			// Only the hash of the cookie value is stored.
			const stored = await db
				.selectFrom('sessions')
				.select('id_hash')
				.where('user_id', '=', account.id)
				.execute();
			expect(stored).toEqual([{ id_hash: hashToken(session.token) }]);
		});

		it('refuses a wrong password and an unknown email with the same validation error on the email field', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			for (const attempt of [
				{ email: account.email, password: 'wrong password!' },
				{ email: `nobody-${randomUUID()}@example.org`, password: account.password },
				{ email: 'not an email', password: 'x' }
			]) {
				const error = await caught(signIn(db, attempt, options()));
				expect(error.kind).toBe('validation');
				expect(error.summary.key).toBe('auth.invalidCredentials');
				expect(error.problems.map((p) => p.path)).toEqual(['email']);
			}
		});

		it('refuses a disabled account even with the right password', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const account = await make.user();
			await setAccountDisabled(db, admin.actor, { userId: account.id, isDisabled: true });
			const error = await caught(signIn(db, { email: account.email, password: account.password }, options()));
			expect(error.summary.key).toBe('auth.invalidCredentials');
		});

		it('rate-limits failed attempts per email and client address: past the limit even the right password is refused from there', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			// Counters are per (email, address) and per address, both unique to this test.
			const limit = 3;
			const fromHere = { ...options({ loginRateLimit: limit }), clientAddress: `10.2.${randomUUID()}` };
			for (let attempt = 0; attempt < limit; attempt += 1) {
				const error = await caught(
					signIn(db, { email: account.email, password: 'wrong password!' }, fromHere)
				);
				expect(error.kind).toBe('validation');
			}
			const blocked = await caught(
				signIn(db, { email: account.email, password: account.password }, fromHere)
			);
			expect(blocked.kind).toBe('rate-limited');
			expect(blocked.summary).toEqual({ key: 'auth.tooManyAttempts', params: { minutes: 15 } });
		});

		it('rate-limits failed attempts per client address across emails', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			const limit = 3;
			const clientAddress = `10.1.${randomUUID()}`;
			const fromHere = { ...options({ loginRateLimit: limit }), clientAddress };
			for (let attempt = 0; attempt < limit; attempt += 1) {
				await caught(
					signIn(db, { email: `x${attempt}-${randomUUID()}@example.org`, password: 'nope' }, fromHere)
				);
			}
			const blocked = await caught(
				signIn(db, { email: account.email, password: account.password }, fromHere)
			);
			expect(blocked.kind).toBe('rate-limited');
			// Another address is not affected.
			await expect(
				signIn(db, { email: account.email, password: account.password }, options({ loginRateLimit: limit }))
			).resolves.toHaveProperty('token');
		});

		it('ends sessions at expiry and on sign-out, and deletes expired ones when a new one is made', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			const credentials = { email: account.email, password: account.password };
			const longAgo = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
			const old = await signIn(db, credentials, options({ now: longAgo }));
			expect(await actorFromSession(db, old.token, longAgo)).toMatchObject({ kind: 'user' });
			expect(await actorFromSession(db, old.token)).toEqual(anonymous);

			const current = await signIn(db, credentials, options());
			const left = await db
				.selectFrom('sessions')
				.select('id_hash')
				.where('user_id', '=', account.id)
				.execute();
			expect(left).toEqual([{ id_hash: hashToken(current.token) }]);

			await signOut(db, current.token);
			expect(await actorFromSession(db, current.token)).toEqual(anonymous);
			expect(await actorFromSession(db, undefined)).toEqual(anonymous);
			expect(await actorFromSession(db, 'made-up')).toEqual(anonymous);
		});

		it('disabling an account ends its sessions at once', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const account = await make.user();
			const session = await signIn(db, { email: account.email, password: account.password }, options());
			await setAccountDisabled(db, admin.actor, { userId: account.id, isDisabled: true });
			expect(await actorFromSession(db, session.token)).toEqual(anonymous);
			const left = await db
				.selectFrom('sessions')
				.select('id_hash')
				.where('user_id', '=', account.id)
				.execute();
			expect(left).toEqual([]);
		});

		it('creates an API token shown once, resolves it, lists it with its last use, and revokes it', async () => {
			const db = await database.open();
			const make = factories(db);
			const owner = await make.organizer();
			const created = await createApiToken(db, owner.actor, { name: '  Import-Skript ' });
			expect(created.name).toBe('Import-Skript');
			expect(created.token).toMatch(/^nws_[A-Za-z0-9_-]{40,}$/);

			const listed = await listApiTokens(db, owner.actor);
			expect(listed).toEqual([
				{
					id: created.id,
					name: 'Import-Skript',
					tokenPrefix: created.token.slice(0, 10),
					createdAt: expect.any(String) as string,
					lastUsedAt: null
				}
			]);
			// The secret itself is nowhere in the database.
			const rows = await db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).execute();
			expect(JSON.stringify(rows)).not.toContain(created.token);

			const usedAt = new Date('2026-03-01T10:00:00.000Z');
			expect(await actorFromApiToken(db, created.token, usedAt)).toMatchObject({
				kind: 'user',
				userId: owner.userId
			});
			expect((await listApiTokens(db, owner.actor))[0]?.lastUsedAt).toBe(usedAt.toISOString());

			// Someone else cannot revoke it; the owner can, and then it no longer works.
			const other = await make.organizer();
			expect((await caught(revokeApiToken(db, other.actor, created.id))).kind).toBe('not-found');
			await revokeApiToken(db, owner.actor, created.id);
			expect(await actorFromApiToken(db, created.token)).toEqual(anonymous);
			expect(await listApiTokens(db, owner.actor)).toEqual([]);
		});

		it('refuses tokens for anonymous callers and nameless tokens', async () => {
			const db = await database.open();
			const owner = await factories(db).organizer();
			expect((await caught(createApiToken(db, anonymous, { name: 'x' }))).kind).toBe('unauthenticated');
			expect((await caught(listApiTokens(db, anonymous))).kind).toBe('unauthenticated');
			const nameless = await caught(createApiToken(db, owner.actor, { name: '   ' }));
			expect(nameless.kind).toBe('validation');
			expect(nameless.problems).toEqual([{ path: '/name', message: { key: 'validation.required' } }]);
		});

		it('does not accept the token of a disabled account', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const owner = await make.organizer();
			const created = await createApiToken(db, owner.actor, { name: 'script' });
			await setAccountDisabled(db, admin.actor, { userId: owner.userId, isDisabled: true });
			expect(await actorFromApiToken(db, created.token)).toEqual(anonymous);
		});
	});
}
