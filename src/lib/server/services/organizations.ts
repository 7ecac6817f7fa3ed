import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound, problem } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as organizations from '../repositories/organizations';
import { assertCanManageInstallation } from './accounts';

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

function slugTaken() {
	return conflict('admin.slugTaken', undefined, [problem('slug', 'admin.slugTaken')]);
}
