import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { checkDatabase } from '../../src/lib/server/services/health';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

for (const database of testDatabases()) {
	describe(`${database.name}: database`, () => {
		afterAll(() => database.close());

		it('migrates, and a second run applies nothing', async () => {
			const db = await database.open();
			expect(await migrateToLatest(db)).toEqual([]);
			expect(await checkDatabase(db)).toBe(true);
		});

		it('enforces foreign keys and cascades deletes', async () => {
			const db = await database.open();
			const make = factories(db);
			const org = await make.organization();
			const account = await make.user({ organizationId: org.id });
			await db.deleteFrom('users').where('id', '=', account.id).execute();
			const memberships = await db
				.selectFrom('memberships')
				.select('user_id')
				.where('user_id', '=', account.id)
				.execute();
			expect(memberships).toEqual([]);
			await expect(
				db
					.insertInto('memberships')
					.values({
						user_id: 'missing',
						organization_id: org.id,
						role: 'organizer',
						created_at: '2026-01-01T00:00:00Z'
					})
					.execute()
			).rejects.toThrow();
		});

		it('rolls back a failed transaction completely', async () => {
			const db = await database.open();
			const slug = `rollback-${Date.now()}`;
			await expect(
				db.transaction().execute(async (trx) => {
					await trx
						.insertInto('organizations')
						.values({ id: slug, slug, name: 'x', email: null, website: null, created_at: 'now' })
						.execute();
					await sql`select * from no_such_table`.execute(trx);
				})
			).rejects.toThrow();
			const found = await db.selectFrom('organizations').select('id').where('slug', '=', slug).execute();
			expect(found).toEqual([]);
		});
	});
}
