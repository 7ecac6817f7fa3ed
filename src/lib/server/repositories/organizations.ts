import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Organizations: SQL only. */

export interface OrganizationSummary {
	id: string;
	slug: string;
	name: string;
	organizerCount: number;
}

export async function listOrganizations(db: Kysely<Database>): Promise<OrganizationSummary[]> {
	const rows = await db
		.selectFrom('organizations')
		.leftJoin('memberships', 'memberships.organization_id', 'organizations.id')
		.select((eb) => [
			'organizations.id',
			'organizations.slug',
			'organizations.name',
			eb.fn.count<string | number>('memberships.user_id').as('organizerCount')
		])
		.groupBy(['organizations.id', 'organizations.slug', 'organizations.name'])
		.orderBy('organizations.name')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		slug: row.slug,
		name: row.name,
		organizerCount: Number(row.organizerCount)
	}));
}

export async function findOrganization(
	db: Kysely<Database>,
	id: string
): Promise<{ id: string; slug: string; name: string } | undefined> {
	return db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function isSlugTaken(db: Kysely<Database>, slug: string): Promise<boolean> {
	const row = await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst();
	return row !== undefined;
}

/** Which of the given ids name existing organizations. */
export async function existingOrganizationIds(
	db: Kysely<Database>,
	ids: readonly string[]
): Promise<string[]> {
	if (ids.length === 0) return [];
	const rows = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
	return rows.map((row) => row.id);
}

export async function insertOrganization(
	db: Kysely<Database>,
	organization: { id: string; slug: string; name: string; createdAt: string }
): Promise<void> {
	await db
		.insertInto('organizations')
		.values({
			id: organization.id,
			slug: organization.slug,
			name: organization.name,
			email: null,
			website: null,
			created_at: organization.createdAt
		})
		.execute();
}

export async function renameOrganization(db: Kysely<Database>, id: string, name: string): Promise<number> {
	const result = await db.updateTable('organizations').set({ name }).where('id', '=', id).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Adds one organizer membership (the account's others stay as they are). */
export async function insertOrganizerMembership(
	db: Kysely<Database>,
	userId: string,
	organizationId: string,
	createdAt: string
): Promise<void> {
	await db
		.insertInto('memberships')
		.values({ user_id: userId, organization_id: organizationId, role: 'organizer', created_at: createdAt })
		.execute();
}

export interface OrganizationRef {
	id: string;
	slug: string;
	name: string;
}

export async function findOrganizationBySlug(
	db: Kysely<Database>,
	slug: string
): Promise<OrganizationRef | undefined> {
	return db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

/** The organization whose name is exactly this one (the first, should there be several). */
export async function findOrganizationByName(
	db: Kysely<Database>,
	name: string
): Promise<OrganizationRef | undefined> {
	return db
		.selectFrom('organizations')
		.select(['id', 'slug', 'name'])
		.where('name', '=', name)
		.orderBy('created_at')
		.executeTakeFirst();
}

/** Organizations by id (`all`: every organization), in name order. */
export async function listOrganizationRefs(
	db: Kysely<Database>,
	ids: string[] | 'all'
): Promise<OrganizationRef[]> {
	if (ids !== 'all' && !ids.length) return [];
	let query = db.selectFrom('organizations').select(['id', 'slug', 'name']).orderBy('name');
	if (ids !== 'all') query = query.where('id', 'in', ids);
	return query.execute();
}
