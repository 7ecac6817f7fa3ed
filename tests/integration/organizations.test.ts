import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../src/lib/domain/errors';
import { anonymous } from '../../src/lib/domain/policy';
import {
	createOrganization,
	getOrganization,
	listOrganizations,
	renameOrganization
} from '../../src/lib/server/services/organizations';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

async function caught(work: Promise<unknown>): Promise<AppError> {
	const error = await work.then(
		() => undefined,
		(reason: unknown) => reason
	);
	if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
	return error;
}

const uniqueSlug = () => `org-${randomUUID().slice(0, 8)}`;

for (const database of testDatabases()) {
	describe(`${database.name}: organizations`, () => {
		afterAll(() => database.close());

		it('lets an admin create, list and rename an organization', async () => {
			const db = await database.open();
			const { actor } = await factories(db).admin();
			const slug = uniqueSlug();
			const created = await createOrganization(db, actor, { name: '  LWL-Kulturabteilung ', slug });
			expect(created.slug).toBe(slug);
			expect(await getOrganization(db, actor, created.id)).toEqual({
				id: created.id,
				slug,
				name: 'LWL-Kulturabteilung'
			});
			await renameOrganization(db, actor, { organizationId: created.id, name: 'LWL Kultur' });
			const listed = await listOrganizations(db, actor);
			expect(listed).toContainEqual({ id: created.id, slug, name: 'LWL Kultur', organizerCount: 0 });
		});

		it('counts the organizers of an organization', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.admin();
			const org = await make.organization();
			await make.user({ organizationId: org.id });
			await make.user({ organizationId: org.id });
			const listed = await listOrganizations(db, actor);
			expect(listed.find((entry) => entry.id === org.id)?.organizerCount).toBe(2);
		});

		it('refuses a taken id and an id of the wrong shape, naming the field', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.admin();
			const existing = await make.organization();
			const taken = await caught(createOrganization(db, actor, { name: 'Zweite', slug: existing.slug }));
			expect(taken.kind).toBe('conflict');
			expect(taken.problems).toEqual([{ path: 'slug', message: { key: 'admin.slugTaken' } }]);

			const badShape = await caught(createOrganization(db, actor, { name: '', slug: 'Kein Slug!' }));
			expect(badShape.kind).toBe('validation');
			expect(badShape.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/name', 'validation.required'],
				['/slug', 'validation.invalidId']
			]);
		});

		it('answers 404 for renaming an unknown organization', async () => {
			const db = await database.open();
			const { actor } = await factories(db).admin();
			const error = await caught(renameOrganization(db, actor, { organizationId: randomUUID(), name: 'x' }));
			expect(error.kind).toBe('not-found');
		});

		it('refuses organizers (forbidden) and anonymous callers (unauthenticated), writing nothing', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const slug = uniqueSlug();
			for (const [actor, kind] of [
				[organizer.actor, 'forbidden'],
				[anonymous, 'unauthenticated']
			] as const) {
				expect((await caught(createOrganization(db, actor, { name: 'X', slug }))).kind).toBe(kind);
				expect((await caught(listOrganizations(db, actor))).kind).toBe(kind);
				expect((await caught(getOrganization(db, actor, organizer.organizationId))).kind).toBe(kind);
				expect(
					(
						await caught(
							renameOrganization(db, actor, { organizationId: organizer.organizationId, name: 'X' })
						)
					).kind
				).toBe(kind);
			}
			const found = await db.selectFrom('organizations').select('id').where('slug', '=', slug).execute();
			expect(found).toEqual([]);
		});
	});
}
