import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { actorForUser } from '../../src/lib/server/services/auth';

/**
 * An argon2id hash like the app's (`hashPassword`), with the smallest cost: sign-in verifies it
 * the same way (the cost is part of the hash), but making one takes well under a millisecond
 * instead of ~100 ms, which most tests pay once or more for their accounts. Tests of hashing
 * itself call the service's `hashPassword`.
 */
function testPasswordHash(password: string): Promise<string> {
	return hash(password, { memoryCost: 64, timeCost: 1, parallelism: 1 });
}

/**
 * Small factories: each test makes its own data with unique names, so tests never share rows
 * and may run in parallel on one database.
 */
export function factories(db: Kysely<Database>) {
	const now = () => new Date().toISOString();
	const unique = () => randomUUID().slice(0, 8);

	async function organization(overrides: { name?: string; slug?: string } = {}) {
		const suffix = unique();
		const row = {
			id: randomUUID(),
			slug: overrides.slug ?? `org-${suffix}`,
			name: overrides.name ?? `Organisation ${suffix}`,
			email: null,
			website: null,
			created_at: now()
		};
		await db.insertInto('organizations').values(row).execute();
		return row;
	}

	async function user(
		overrides: { email?: string; password?: string; isAdmin?: boolean; organizationId?: string } = {}
	) {
		const id = randomUUID();
		const email = overrides.email ?? `user-${unique()}@example.org`;
		const password = overrides.password ?? 'correct horse battery staple';
		await db
			.insertInto('users')
			.values({
				id,
				email,
				display_name: email.split('@')[0] ?? email,
				password_hash: await testPasswordHash(password),
				is_admin: overrides.isAdmin ? 1 : 0,
				created_at: now(),
				disabled_at: null
			})
			.execute();
		if (overrides.organizationId) {
			await db
				.insertInto('memberships')
				.values({
					user_id: id,
					organization_id: overrides.organizationId,
					role: 'organizer',
					created_at: now()
				})
				.execute();
		}
		return { id, email, password };
	}

	/** An organizer of a fresh organization, as the actor services receive. */
	async function organizer(): Promise<{
		actor: Actor;
		organizationId: string;
		userId: string;
		email: string;
		password: string;
	}> {
		const org = await organization();
		const account = await user({ organizationId: org.id });
		return {
			actor: await actorForUser(db, account.id),
			organizationId: org.id,
			userId: account.id,
			email: account.email,
			password: account.password
		};
	}

	async function admin(): Promise<{ actor: Actor; userId: string; email: string; password: string }> {
		const account = await user({ isAdmin: true });
		return {
			actor: await actorForUser(db, account.id),
			userId: account.id,
			email: account.email,
			password: account.password
		};
	}

	return { organization, user, organizer, admin, unique };
}
