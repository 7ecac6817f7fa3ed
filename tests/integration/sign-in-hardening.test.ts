import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { actorFromSession, signIn } from '../../src/lib/server/services/auth';
import { requestMagicLink, signInWithMagicLink } from '../../src/lib/server/services/magic-link';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

/** Every test uses its own addresses, so the in-memory counters never cross tests. */
const address = () => `10.9.${randomUUID()}`;
const signInOptions = (clientAddress: string) => ({ clientAddress, sessionDays: 14, loginRateLimit: 3 });
const linkOptions = () => ({
	publicOrigin: 'http://netzwerkstatt.test',
	locale: 'de' as const,
	clientAddress: address()
});
const tokenOf = (text: string | undefined) => /\/login\/link\/([A-Za-z0-9_-]+)/.exec(text ?? '')?.[1] ?? '';

for (const database of testDatabases()) {
	describe(`${database.name}: sign-in hardening`, () => {
		afterAll(() => database.close());

		it('a stranger failing from other addresses does not lock the owner out', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			// The stranger fails past the limit, from two addresses.
			for (const stranger of [address(), address()])
				for (let attempt = 0; attempt < 4; attempt += 1)
					await rejection(
						signIn(db, { email: account.email, password: 'guessed wrong' }, signInOptions(stranger))
					);
			const session = await signIn(
				db,
				{ email: account.email, password: account.password },
				signInOptions(address())
			);
			expect(await actorFromSession(db, session.token)).toMatchObject({ userId: account.id });
		});

		it('backs off per email and address together: from that address even the right password waits', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			const other = await factories(db).user();
			const here = address();
			for (let attempt = 0; attempt < 3; attempt += 1) {
				const failed = await rejection(
					signIn(db, { email: account.email, password: 'guessed wrong' }, signInOptions(here))
				);
				expect(failed.kind).toBe('validation');
			}
			const blocked = await rejection(
				signIn(db, { email: account.email, password: account.password }, signInOptions(here))
			);
			expect(blocked.kind).toBe('rate-limited');
			expect(blocked.summary.key).toBe('auth.tooManyAttempts');
			// The per-address limit still holds across emails: this address is blocked for others too.
			expect(
				(await rejection(signIn(db, { email: other.email, password: other.password }, signInOptions(here))))
					.kind
			).toBe('rate-limited');
		});

		it('a successful sign-in clears the pair: earlier failures from that address do not add up', async () => {
			const db = await database.open();
			const account = await factories(db).user();
			const here = address();
			const wrong = () => signIn(db, { email: account.email, password: 'wrong' }, signInOptions(here));
			await rejection(wrong());
			await rejection(wrong());
			await signIn(db, { email: account.email, password: account.password }, signInOptions(here));
			// The address counter keeps its two failures, the pair starts again; one more failure is allowed.
			expect((await rejection(wrong())).kind).toBe('validation');
		});

		it('a magic link does not sign in an admin: it refuses with a message that asks for the password', async () => {
			const db = await database.open();
			const admin = await factories(db).admin();
			const mailer = memoryMailer();
			await requestMagicLink(db, mailer, { email: admin.email }, linkOptions());
			const refused = await rejection(
				signInWithMagicLink(db, tokenOf(mailer.sent[0]?.text), { sessionDays: 14 })
			);
			expect(refused.kind).toBe('forbidden');
			expect(refused.summary.key).toBe('magic.adminNeedsPassword');
			const sessions = await db
				.selectFrom('sessions')
				.select('user_id')
				.where('user_id', '=', admin.userId)
				.execute();
			expect(sessions).toEqual([]);
			// With the password the admin signs in as always.
			const session = await signIn(
				db,
				{ email: admin.email, password: admin.password },
				signInOptions(address())
			);
			expect(await actorFromSession(db, session.token)).toMatchObject({
				userId: admin.userId,
				isAdmin: true
			});
		});

		it('a magic link still signs in an organizer who is no admin', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const mailer = memoryMailer();
			await requestMagicLink(db, mailer, { email: organizer.email }, linkOptions());
			const session = await signInWithMagicLink(db, tokenOf(mailer.sent[0]?.text), { sessionDays: 14 });
			expect(await actorFromSession(db, session.token)).toMatchObject({ userId: organizer.userId });
		});
	});
}
