import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as accounts from '../repositories/accounts';
import * as organizations from '../repositories/organizations';
import { assertCanManageInstallation, createOrganizer, EmailAddress } from './accounts';

/** Organizations of the installation: admins list, create and rename them. */

const OrganizationName = z.string().trim().min(1).max(200);
/** The same shape as series ids: readable in addresses and exports. */
const OrganizationSlug = z
	.string()
	.trim()
	.regex(/^[a-z0-9][a-z0-9-]{0,79}$/);

export async function listOrganizations(
	db: Kysely<Database>,
	actor: Actor
): Promise<organizations.OrganizationSummary[]> {
	assertCanManageInstallation(actor);
	return organizations.listOrganizations(db);
}

export async function getOrganization(
	db: Kysely<Database>,
	actor: Actor,
	organizationId: string
): Promise<{ id: string; slug: string; name: string }> {
	assertCanManageInstallation(actor);
	const found = await organizations.findOrganization(db, organizationId);
	if (!found) throw notFound();
	return found;
}

export const CreateOrganization = z.object({ name: OrganizationName, slug: OrganizationSlug });
export type CreateOrganization = z.infer<typeof CreateOrganization>;

export async function createOrganization(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<{ id: string; slug: string }> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(CreateOrganization, input);
	if (await organizations.isSlugTaken(db, data.slug)) throw slugTaken();
	const id = randomUUID();
	try {
		await organizations.insertOrganization(db, {
			id,
			slug: data.slug,
			name: data.name,
			createdAt: now.toISOString()
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw slugTaken();
		throw error;
	}
	return { id, slug: data.slug };
}

export const RenameOrganization = z.object({
	organizationId: z.string().min(1).max(100),
	name: OrganizationName
});
export type RenameOrganization = z.infer<typeof RenameOrganization>;

export async function renameOrganization(db: Kysely<Database>, actor: Actor, input: unknown): Promise<void> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(RenameOrganization, input);
	if ((await organizations.renameOrganization(db, data.organizationId, data.name)) === 0) throw notFound();
}

export const AddOrganizer = z.object({
	slug: OrganizationSlug,
	email: EmailAddress,
	/** For a new account only; defaults to the part of the email before the @. */
	displayName: z.string().trim().min(1).max(200).optional(),
	/** For a new account only; empty or missing: a password is generated and returned once. */
	password: z.string().optional()
});
export type AddOrganizer = z.input<typeof AddOrganizer>;

export interface OrganizerAdded {
	email: string;
	organization: { slug: string; name: string };
	isAccountCreated: boolean;
	/** The account organized for the organization already; nothing changed. */
	wasOrganizer: boolean;
	generatedPassword?: string;
}

/**
 * Makes an account an organizer of an organization (the command line's `add-organizer`, an
 * operator's first step): an existing account keeps its other organizations; a missing one is
 * created, with the given password or a generated one.
 */
export async function addOrganizer(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown,
	now = new Date()
): Promise<OrganizerAdded> {
	assertCanManageInstallation(actor);
	const data = parseOrThrow(AddOrganizer, input);
	const organization = await organizations.findOrganizationBySlug(db, data.slug);
	if (!organization)
		throw validationFailed([problem('slug', 'exchange.unknownOrganization', { organization: data.slug })]);
	const added = { email: data.email, organization: { slug: organization.slug, name: organization.name } };
	const account = await accounts.findAccountByEmail(db, data.email);
	if (!account) {
		const created = await createOrganizer(
			db,
			actor,
			{
				email: data.email,
				displayName: data.displayName ?? data.email.split('@')[0] ?? data.email,
				password: data.password,
				organizationIds: [organization.id]
			},
			now
		);
		return {
			...added,
			isAccountCreated: true,
			wasOrganizer: false,
			generatedPassword: created.generatedPassword
		};
	}
	const memberships = await accounts.listMemberships(db, account.id);
	const wasOrganizer = memberships.some(
		(membership) => membership.organizationId === organization.id && membership.role === 'organizer'
	);
	if (!wasOrganizer) {
		try {
			await organizations.insertOrganizerMembership(db, account.id, organization.id, now.toISOString());
		} catch (error) {
			// The same grant made twice at once: the second one finds it made.
			if (!isUniqueViolation(error)) throw error;
		}
	}
	return { ...added, isAccountCreated: false, wasOrganizer };
}

function slugTaken() {
	return conflict('admin.slugTaken', undefined, [problem('slug', 'admin.slugTaken')]);
}
