import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';

/** Users, their memberships, sessions and API tokens: SQL only. */

export interface AccountRow {
	id: string;
	email: string;
	displayName: string;
	passwordHash: string | null;
	isAdmin: boolean;
	isDisabled: boolean;
}

export interface MembershipRow {
	organizationId: string;
	role: string;
}

const accountColumns = ['id', 'email', 'display_name', 'password_hash', 'is_admin', 'disabled_at'] as const;

function toAccount(row: {
	id: string;
	email: string;
	display_name: string;
	password_hash: string | null;
	is_admin: number;
	disabled_at: string | null;
}): AccountRow {
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		passwordHash: row.password_hash,
		isAdmin: fromBoolInt(row.is_admin),
		isDisabled: row.disabled_at !== null
	};
}

export async function findAccountByEmail(
	db: Kysely<Database>,
	email: string
): Promise<AccountRow | undefined> {
	const row = await db
		.selectFrom('users')
		.select(accountColumns)
		.where('email', '=', email)
		.executeTakeFirst();
	return row && toAccount(row);
}

export async function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
	const row = await db.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst();
	return row && toAccount(row);
}

export async function insertAccount(
	db: Kysely<Database>,
	account: {
		id: string;
		email: string;
		displayName: string;
		passwordHash: string | null;
		isAdmin: boolean;
		createdAt: string;
	}
): Promise<void> {
	await db
		.insertInto('users')
		.values({
			id: account.id,
			email: account.email,
			display_name: account.displayName,
			password_hash: account.passwordHash,
			is_admin: toBoolInt(account.isAdmin),
			created_at: account.createdAt,
			disabled_at: null
		})
		.execute();
}

export async function updatePasswordHash(
	db: Kysely<Database>,
	userId: string,
	passwordHash: string
): Promise<void> {
	await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function listMemberships(db: Kysely<Database>, userId: string): Promise<MembershipRow[]> {
	const rows = await db
		.selectFrom('memberships')
		.select(['organization_id', 'role'])
		.where('user_id', '=', userId)
		.orderBy('organization_id')
		.execute();
	return rows.map((row) => ({ organizationId: row.organization_id, role: row.role }));
}

export async function insertSession(
	db: Kysely<Database>,
	session: { idHash: string; userId: string; createdAt: string; expiresAt: string }
): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			id_hash: session.idHash,
			user_id: session.userId,
			created_at: session.createdAt,
			expires_at: session.expiresAt
		})
		.execute();
}

export async function findSessionUser(
	db: Kysely<Database>,
	idHash: string,
	now: string
): Promise<{ userId: string; expiresAt: string } | undefined> {
	const row = await db
		.selectFrom('sessions')
		.select(['user_id', 'expires_at'])
		.where('id_hash', '=', idHash)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	return row && { userId: row.user_id, expiresAt: row.expires_at };
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
	await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
	db: Kysely<Database>,
	token: {
		id: string;
		userId: string;
		name: string;
		tokenHash: string;
		tokenPrefix: string;
		createdAt: string;
	}
): Promise<void> {
	await db
		.insertInto('api_tokens')
		.values({
			id: token.id,
			user_id: token.userId,
			name: token.name,
			token_hash: token.tokenHash,
			token_prefix: token.tokenPrefix,
			created_at: token.createdAt,
			last_used_at: null
		})
		.execute();
}

export async function findApiTokenUser(
	db: Kysely<Database>,
	tokenHash: string
): Promise<{ id: string; userId: string } | undefined> {
	const row = await db
		.selectFrom('api_tokens')
		.select(['id', 'user_id'])
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst();
	return row && { id: row.id, userId: row.user_id };
}

export async function touchApiToken(db: Kysely<Database>, id: string, now: string): Promise<void> {
	await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export interface ApiTokenSummary {
	id: string;
	name: string;
	tokenPrefix: string;
	createdAt: string;
	lastUsedAt: string | null;
}

export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenSummary[]> {
	const rows = await db
		.selectFrom('api_tokens')
		.select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		tokenPrefix: row.token_prefix,
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at
	}));
}

export async function deleteApiToken(db: Kysely<Database>, userId: string, id: string): Promise<number> {
	const result = await db
		.deleteFrom('api_tokens')
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function countAdmins(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where('is_admin', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** One account in the admin's list, with the organizations it organizes. */
export interface AccountSummary {
	id: string;
	email: string;
	displayName: string;
	isAdmin: boolean;
	isDisabled: boolean;
	createdAt: string;
	organizations: { id: string; name: string }[];
}

/** All accounts ordered by email, or only the one with `onlyUserId`. */
export async function listAccountSummaries(
	db: Kysely<Database>,
	onlyUserId?: string
): Promise<AccountSummary[]> {
	let users = db
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'is_admin', 'disabled_at', 'created_at'])
		.orderBy('email');
	let memberships = db
		.selectFrom('memberships')
		.innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
		.select(['memberships.user_id', 'organizations.id', 'organizations.name'])
		.where('memberships.role', '=', 'organizer')
		.orderBy('organizations.name');
	if (onlyUserId !== undefined) {
		users = users.where('id', '=', onlyUserId);
		memberships = memberships.where('memberships.user_id', '=', onlyUserId);
	}
	return assembleSummaries(await users.execute(), await memberships.execute());
}

function assembleSummaries(
	users: {
		id: string;
		email: string;
		display_name: string;
		is_admin: number;
		disabled_at: string | null;
		created_at: string;
	}[],
	memberships: { user_id: string; id: string; name: string }[]
): AccountSummary[] {
	return users.map((user) => ({
		id: user.id,
		email: user.email,
		displayName: user.display_name,
		isAdmin: fromBoolInt(user.is_admin),
		isDisabled: user.disabled_at !== null,
		createdAt: user.created_at,
		organizations: memberships
			.filter((membership) => membership.user_id === user.id)
			.map((membership) => ({ id: membership.id, name: membership.name }))
	}));
}

export async function setAdmin(db: Kysely<Database>, userId: string, isAdmin: boolean): Promise<number> {
	const result = await db
		.updateTable('users')
		.set({ is_admin: toBoolInt(isAdmin) })
		.where('id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function setDisabledAt(
	db: Kysely<Database>,
	userId: string,
	disabledAt: string | null
): Promise<number> {
	const result = await db
		.updateTable('users')
		.set({ disabled_at: disabledAt })
		.where('id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
	await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Replaces the account's organizer memberships; run it inside a transaction. */
export async function replaceOrganizerMemberships(
	db: Kysely<Database>,
	userId: string,
	organizationIds: readonly string[],
	createdAt: string
): Promise<void> {
	await db.deleteFrom('memberships').where('user_id', '=', userId).where('role', '=', 'organizer').execute();
	if (organizationIds.length === 0) return;
	await db
		.insertInto('memberships')
		.values(
			organizationIds.map((organizationId) => ({
				user_id: userId,
				organization_id: organizationId,
				role: 'organizer',
				created_at: createdAt
			}))
		)
		.execute();
}
