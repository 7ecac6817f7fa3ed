import { afterAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../src/lib/domain/errors';
import { fictionalDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { anonymous, systemActor } from '../../src/lib/domain/policy';
import { actorForUser } from '../../src/lib/server/services/auth';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { addOrganizer } from '../../src/lib/server/services/organizations';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** The services behind an operator's first steps on the command line (issue 9). */
async function errorOf(work: Promise<unknown>): Promise<AppError> {
	try {
		await work;
	} catch (error) {
		if (isAppError(error)) return error;
		throw error;
	}
	throw new Error('expected an AppError');
}

for (const database of testDatabases()) {
	describe(`${database.name}: an operator's first steps`, () => {
		afterAll(() => database.close());

		it('adds an organizer to an organization, keeping the others; a second time changes nothing', async () => {
			const db = await database.open();
			const make = factories(db);
			const first = await make.organization();
			const second = await make.organization();
			const account = await make.user({ organizationId: first.id });
			const added = await addOrganizer(db, systemActor, { slug: second.slug, email: account.email });
			expect(added).toMatchObject({ isAccountCreated: false, wasOrganizer: false });
			const again = await addOrganizer(db, systemActor, { slug: second.slug, email: account.email });
			expect(again).toMatchObject({ isAccountCreated: false, wasOrganizer: true });
			const actor = await actorForUser(db, account.id);
			expect(
				actor.kind === 'user' && actor.organizations.map((grant) => grant.organizationId).sort()
			).toEqual([first.id, second.id].sort());
		});

		it('creates a missing account with a generated password; only admins and the command line may', async () => {
			const db = await database.open();
			const make = factories(db);
			const organization = await make.organization();
			const email = `neu-${make.unique()}@example.org`;
			const added = await addOrganizer(db, systemActor, { slug: organization.slug, email });
			expect(added.isAccountCreated).toBe(true);
			expect(added.generatedPassword?.length).toBeGreaterThanOrEqual(20);
			const organizer = await make.organizer();
			expect(
				(await errorOf(addOrganizer(db, organizer.actor, { slug: organization.slug, email }))).kind
			).toBe('forbidden');
			expect((await errorOf(addOrganizer(db, anonymous, { slug: organization.slug, email }))).kind).toBe(
				'unauthenticated'
			);
			const unknown = await errorOf(addOrganizer(db, systemActor, { slug: 'gibt-es-nicht', email }));
			expect(unknown.problems.map((p) => [p.path, p.message.key])).toEqual([
				['slug', 'exchange.unknownOrganization']
			]);
		});

		it("imports a new series on the command line into the document's organizer, created once", async () => {
			const db = await database.open();
			const unique = factories(db).unique();
			const doc = fictionalDocument();
			doc.series.id = `first-steps-${unique}`;
			doc.series.organizer.name = `Kulturbüro Beispielstadt ${unique}`;
			const first = await importMeeting(db, systemActor, doc);
			expect(first.createdOrganization).toEqual({
				slug: `kulturbuero-beispielstadt-${unique}`,
				name: `Kulturbüro Beispielstadt ${unique}`
			});
			const next = structuredClone(doc);
			next.series.id = `first-steps-${unique}-b`;
			const second = await importMeeting(db, systemActor, next);
			expect(second.createdOrganization).toBeUndefined();
			const owners = await db
				.selectFrom('series')
				.innerJoin('organizations', 'organizations.id', 'series.organization_id')
				.select('organizations.slug')
				.where('series.slug', 'in', [doc.series.id, next.series.id])
				.execute();
			expect(owners).toEqual([
				{ slug: `kulturbuero-beispielstadt-${unique}` },
				{ slug: `kulturbuero-beispielstadt-${unique}` }
			]);
		});
	});
}
