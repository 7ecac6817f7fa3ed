import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { normalizeEmail } from '../../domain/email';
import {
	conflict,
	forbidden,
	notFound,
	problem,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { canManageInstallation, isSignedIn, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as accounts from '../repositories/accounts';
import { existingOrganizationIds } from '../repositories/organizations';
import { hashPassword } from './auth';

/** Administration of accounts: organizers, admins, memberships, disabling. Admins (and the CLI) only. */

export const MIN_PASSWORD_LENGTH = 12;

/** Emails are stored lower-case, so that uniqueness and sign-in ignore case. */
export const EmailAddress = z.string().overwrite(normalizeEmail).pipe(z.email().max(254));
const Password = z.string().min(MIN_PASSWORD_LENGTH).max(1000);
const DisplayName = z.string().trim().min(1).max(200);
const OrganizationIds = z.array(z.string().min(1).max(100)).max(200);
const UserId = z.string().min(1).max(100);

/** Anonymous callers are asked to sign in; signed-in non-admins are refused. */
export function assertCanManageInstallation(actor: Actor): void {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canManageInstallation(actor)) throw forbidden();
}

/** A strong password for people who did not choose one: 144 random bits, 24 characters. */
export function generatePassword(): string {
	return randomBytes(18).toString('base64url');
}

export async function listAccounts(db: Kysely<Database>, actor: Actor): Promise<accounts.AccountSummary[]> {
	assertCanManageInstallation(actor);
	return accounts.listAccountSummaries(db);
}

export async function getAccount(
	db: Kysely<Database>,
	actor: Actor,
	userId: string
): Promise<accounts.AccountSummary> {
	assertCanManageInstallation(actor);
	const [account] = await accounts.listAccountSummaries(db, userId);
	if (!account) throw notFound();
	return account;
}

export const CreateOrganizer = z.object({
	email: EmailAddress,
	displayName: DisplayName,
	/** Empty or missing: a password is generated and returned once. */
	password: z.preprocess((value) => (value === '' ? undefined : value), Password.optional()),
	organizationIds: OrganizationIds.default([])
});
export type CreateOrganizer = z.infer<typeof CreateOrganizer>;

export interface AccountCreated {
	userId: string;
	email: string;
	/** Set only when the password was generated: show it once, it is not stored anywhere. */
	generatedPassword?: string;
}

/** An admin creates an organizer account, with the organizations it organizes for. */
export async function createOrganizer(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<AccountCreated> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(CreateOrganizer, input);
	await assertOrganizationsExist(db, data.organizationIds);
	const generatedPassword = data.password === undefined ? generatePassword() : undefined;
	const userId = await insertNewAccount(db, {
		email: data.email,
		displayName: data.displayName,
		password: data.password ?? generatedPassword ?? '',
		isAdmin: false,
		organizationIds: data.organizationIds,
		now
	});
	return { userId, email: data.email, generatedPassword };
}

export const CreateAdmin = z.object({
	email: EmailAddress,
	displayName: DisplayName.optional(),
	password: Password
});
export type CreateAdmin = z.infer<typeof CreateAdmin>;

/** Creates an admin account (the CLI's `create-admin`; the display name defaults to the email's local part). */
export async function createAdmin(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<{ userId: string; email: string }> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(CreateAdmin, input);
	const userId = await insertNewAccount(db, {
		email: data.email,
		displayName: data.displayName ?? data.email.split('@')[0] ?? data.email,
		password: data.password,
		isAdmin: true,
		organizationIds: [],
		now
	});
	return { userId, email: data.email };
}

async function insertNewAccount(
	db: Kysely<Database>,
	account: {
		email: string;
		displayName: string;
		password: string;
		isAdmin: boolean;
		organizationIds: string[];
		now: Date;
	}
): Promise<string> {
	if (await accounts.findAccountByEmail(db, account.email)) throw emailTaken();
	const userId = randomUUID();
	const passwordHash = await hashPassword(account.password);
	const createdAt = account.now.toISOString();
	try {
		await db.transaction().execute(async (trx) => {
			await accounts.insertAccount(trx, {
				id: userId,
				email: account.email,
				displayName: account.displayName,
				passwordHash,
				isAdmin: account.isAdmin,
				createdAt
			});
			await accounts.replaceOrganizerMemberships(trx, userId, account.organizationIds, createdAt);
		});
	} catch (error) {
		// Two admins creating the same email at once: the unique index decides.
		if (isUniqueViolation(error)) throw emailTaken();
		throw error;
	}
	return userId;
}

function emailTaken() {
	return conflict('admin.emailTaken', undefined, [problem('email', 'admin.emailTaken')]);
}

async function assertOrganizationsExist(db: Kysely<Database>, ids: string[]): Promise<void> {
	const existing = await existingOrganizationIds(db, [...new Set(ids)]);
	if (existing.length !== new Set(ids).size) {
		throw validationFailed([problem('organizationIds', 'admin.unknownOrganization')]);
	}
}

export const SetMemberships = z.object({ userId: UserId, organizationIds: OrganizationIds });
export type SetMemberships = z.infer<typeof SetMemberships>;

/** Sets the organizations an account organizes for (replacing the previous ones). */
export async function setMemberships(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<void> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(SetMemberships, input);
	await assertAccountExists(db, data.userId);
	const organizationIds = [...new Set(data.organizationIds)];
	await assertOrganizationsExist(db, organizationIds);
	await db.transaction().execute(async (trx) => {
		await accounts.replaceOrganizerMemberships(trx, data.userId, organizationIds, now.toISOString());
	});
}

export const SetAdminRight = z.object({ userId: UserId, isAdmin: z.boolean() });
export type SetAdminRight = z.infer<typeof SetAdminRight>;

/** Gives or removes the admin right. Nobody removes their own, so an installation keeps an admin. */
export async function setAdminRight(db: Kysely<Database>, actor: Actor, input: unknown): Promise<void> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(SetAdminRight, input);
	if (!data.isAdmin && isSignedIn(actor) && actor.userId === data.userId) {
		throw conflict('admin.cannotDemoteSelf');
	}
	if ((await accounts.setAdmin(db, data.userId, data.isAdmin)) === 0) throw notFound();
}

export const SetAccountDisabled = z.object({ userId: UserId, isDisabled: z.boolean() });
export type SetAccountDisabled = z.infer<typeof SetAccountDisabled>;

/** Disables (ending all its sessions at once) or enables an account. Nobody disables themselves. */
export async function setAccountDisabled(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<void> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(SetAccountDisabled, input);
	if (data.isDisabled && isSignedIn(actor) && actor.userId === data.userId) {
		throw conflict('admin.cannotDisableSelf');
	}
	await db.transaction().execute(async (trx) => {
		const updated = await accounts.setDisabledAt(
			trx,
			data.userId,
			data.isDisabled ? now.toISOString() : null
		);
		if (updated === 0) throw notFound();
		if (data.isDisabled) await accounts.deleteSessionsOfUser(trx, data.userId);
	});
}

async function assertAccountExists(db: Kysely<Database>, userId: string): Promise<void> {
	if (!(await accounts.findAccountById(db, userId))) throw notFound();
}
