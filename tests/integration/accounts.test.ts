import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../src/lib/domain/errors';
import { anonymous, systemActor } from '../../src/lib/domain/policy';
import {
	createAdmin,
	createOrganizer,
	getAccount,
	listAccounts,
	setAccountDisabled,
	setAdminRight,
	setMemberships
} from '../../src/lib/server/services/accounts';
import { actorForUser, signIn } from '../../src/lib/server/services/auth';
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

const signInOptions = () => ({ clientAddress: `10.2.${randomUUID()}`, sessionDays: 14, loginRateLimit: 10 });
const uniqueEmail = (prefix = 'person') => `${prefix}-${randomUUID().slice(0, 8)}@example.org`;

for (const database of testDatabases()) {
	describe(`${database.name}: account administration`, () => {
		afterAll(() => database.close());

		it('creates an organizer with a chosen password and organizations; the account can sign in', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.admin();
			const [first, second] = [await make.organization(), await make.organization()];
			const email = uniqueEmail('Neue.Person');
			const created = await createOrganizer(db, actor, {
				email: email.toUpperCase(),
				displayName: 'Neue Person',
				password: 'ein langes Passwort',
				organizationIds: [first.id, second.id]
			});
			expect(created.email).toBe(email.toLowerCase());
			expect(created.generatedPassword).toBeUndefined();

			const account = await getAccount(db, actor, created.userId);
			expect(account).toMatchObject({
				email: email.toLowerCase(),
				displayName: 'Neue Person',
				isAdmin: false
			});
			expect(account.organizations.map((o) => o.id).sort()).toEqual([first.id, second.id].sort());

			await signIn(db, { email, password: 'ein langes Passwort' }, signInOptions());
			const organizerActor = await actorForUser(db, created.userId);
			expect(organizerActor).toMatchObject({ kind: 'user', isAdmin: false });
		});

		it('generates a strong password when none is given, returning it once', async () => {
			const db = await database.open();
			const { actor } = await factories(db).admin();
			const email = uniqueEmail();
			const created = await createOrganizer(db, actor, { email, displayName: 'P', password: '' });
			expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
			await expect(
				signIn(db, { email, password: created.generatedPassword }, signInOptions())
			).resolves.toHaveProperty('token');
		});

		it('refuses a taken email regardless of case, a short password and an unknown organization', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.admin();
			const existing = await make.user();
			const taken = await caught(
				createOrganizer(db, actor, {
					email: existing.email.toUpperCase(),
					displayName: 'Doppelt',
					password: 'ein langes Passwort'
				})
			);
			expect(taken.kind).toBe('conflict');
			expect(taken.problems).toEqual([{ path: 'email', message: { key: 'admin.emailTaken' } }]);

			const email = uniqueEmail();
			const invalid = await caught(createOrganizer(db, actor, { email, displayName: 'X', password: 'kurz' }));
			expect(invalid.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/password', 'validation.tooShort']
			]);
			const unknownOrg = await caught(
				createOrganizer(db, actor, {
					email,
					displayName: 'X',
					password: 'ein langes Passwort',
					organizationIds: [randomUUID()]
				})
			);
			expect(unknownOrg.problems).toEqual([
				{ path: 'organizationIds', message: { key: 'admin.unknownOrganization' } }
			]);
			const written = await db.selectFrom('users').select('id').where('email', '=', email).execute();
			expect(written).toEqual([]);
		});

		it('replaces memberships, and lists accounts with their organizations', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.admin();
			const organizer = await make.organizer();
			const other = await make.organization();
			await setMemberships(db, actor, { userId: organizer.userId, organizationIds: [other.id, other.id] });
			expect(await actorForUser(db, organizer.userId)).toMatchObject({
				organizations: [{ organizationId: other.id, role: 'organizer' }]
			});
			const listed = await listAccounts(db, actor);
			expect(listed.find((a) => a.id === organizer.userId)?.organizations).toEqual([
				{ id: other.id, name: other.name }
			]);
			await setMemberships(db, actor, { userId: organizer.userId, organizationIds: [] });
			expect((await getAccount(db, actor, organizer.userId)).organizations).toEqual([]);
			expect(
				(await caught(setMemberships(db, actor, { userId: randomUUID(), organizationIds: [] }))).kind
			).toBe('not-found');
		});

		it('makes and unmakes admins, but an admin cannot remove their own right', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const account = await make.user();
			await setAdminRight(db, admin.actor, { userId: account.id, isAdmin: true });
			expect((await getAccount(db, admin.actor, account.id)).isAdmin).toBe(true);
			await setAdminRight(db, admin.actor, { userId: account.id, isAdmin: false });
			expect((await getAccount(db, admin.actor, account.id)).isAdmin).toBe(false);

			const self = await caught(setAdminRight(db, admin.actor, { userId: admin.userId, isAdmin: false }));
			expect(self.kind).toBe('conflict');
			expect(self.summary.key).toBe('admin.cannotDemoteSelf');
			expect((await getAccount(db, admin.actor, admin.userId)).isAdmin).toBe(true);
		});

		it('disables and enables accounts, but not the own one', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const account = await make.user();
			await setAccountDisabled(db, admin.actor, { userId: account.id, isDisabled: true });
			expect((await getAccount(db, admin.actor, account.id)).isDisabled).toBe(true);
			await setAccountDisabled(db, admin.actor, { userId: account.id, isDisabled: false });
			expect((await getAccount(db, admin.actor, account.id)).isDisabled).toBe(false);
			await expect(
				signIn(db, { email: account.email, password: account.password }, signInOptions())
			).resolves.toHaveProperty('token');

			const self = await caught(
				setAccountDisabled(db, admin.actor, { userId: admin.userId, isDisabled: true })
			);
			expect(self.summary.key).toBe('admin.cannotDisableSelf');
			expect((await getAccount(db, admin.actor, admin.userId)).isDisabled).toBe(false);
			expect(
				(await caught(setAccountDisabled(db, admin.actor, { userId: randomUUID(), isDisabled: true }))).kind
			).toBe('not-found');
		});

		it('refuses every admin use case to organizers (forbidden) and anonymous callers (unauthenticated)', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const victim = await make.user();
			const email = uniqueEmail();
			for (const [actor, kind] of [
				[organizer.actor, 'forbidden'],
				[anonymous, 'unauthenticated']
			] as const) {
				const attempts: Promise<unknown>[] = [
					listAccounts(db, actor),
					getAccount(db, actor, victim.id),
					createOrganizer(db, actor, { email, displayName: 'X', password: 'ein langes Passwort' }),
					createAdmin(db, actor, { email, password: 'ein langes Passwort' }),
					setMemberships(db, actor, { userId: victim.id, organizationIds: [organizer.organizationId] }),
					setAdminRight(db, actor, { userId: organizer.userId, isAdmin: true }),
					setAccountDisabled(db, actor, { userId: victim.id, isDisabled: true })
				];
				for (const attempt of attempts) expect((await caught(attempt)).kind).toBe(kind);
			}
			expect(await db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
			expect(await actorForUser(db, organizer.userId)).toMatchObject({ kind: 'user', isAdmin: false });
			expect(await actorForUser(db, victim.id)).toMatchObject({ kind: 'user', organizations: [] });
		});

		it('creates an admin as the system (the CLI), with the email local part as the default name', async () => {
			const db = await database.open();
			const email = uniqueEmail('chefin');
			const created = await createAdmin(db, systemActor, { email, password: 'ein langes Passwort' });
			const actor = await actorForUser(db, created.userId);
			expect(actor).toMatchObject({ kind: 'user', isAdmin: true, displayName: email.split('@')[0] });
			const again = await caught(createAdmin(db, systemActor, { email, password: 'ein langes Passwort' }));
			expect(again.kind).toBe('conflict');
		});
	});
}
