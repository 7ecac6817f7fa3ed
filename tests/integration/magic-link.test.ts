import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/lib/domain/errors';
import type { Mailer, OutgoingMail } from '../../src/lib/server/mail/mailer';
import { actorFromSession } from '../../src/lib/server/services/auth';
import { requestMagicLink, signInWithMagicLink } from '../../src/lib/server/services/magic-link';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return {
		sent,
		async send(mail) {
			sent.push(mail);
			return { messageId: randomUUID(), transport: 'outbox', fileName: null };
		}
	};
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		return error as AppError;
	}
	throw new Error('expected a rejection');
}

const tokenOf = (mail: OutgoingMail | undefined) =>
	/\/login\/link\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')![1]!;
const options = (now?: Date) => ({
	publicOrigin: 'http://netzwerkstatt.test',
	locale: 'de' as const,
	clientAddress: randomUUID(),
	now
});

for (const database of testDatabases()) {
	describe(`${database.name}: magic link`, () => {
		afterAll(() => database.close());

		it('makes a participant account on first use and opens a session; the link works once', async () => {
			const db = await database.open();
			const mailer = recordingMailer();
			const email = `Teilnehmerin-${randomUUID().slice(0, 6)}@Example.org`;
			await requestMagicLink(db, mailer, { email }, options());
			const token = tokenOf(mailer.sent[0]);
			const session = await signInWithMagicLink(db, token, { sessionDays: 14 });
			const actor = await actorFromSession(db, session.token);
			expect(actor).toMatchObject({
				kind: 'user',
				email: email.toLowerCase(),
				isAdmin: false,
				organizations: []
			});
			const account = await db
				.selectFrom('users')
				.select('password_hash')
				.where('email', '=', email.toLowerCase())
				.executeTakeFirstOrThrow();
			expect(account.password_hash).toBeNull();
			const stored = await db
				.selectFrom('magic_links')
				.select('token_hash')
				.where('email', '=', email.toLowerCase())
				.execute();
			expect(stored.every((row) => row.token_hash !== token)).toBe(true);

			const reused = await rejection(signInWithMagicLink(db, token, { sessionDays: 14 }));
			expect(reused.summary.key).toBe('magic.used');
		});

		it('finds an organizer by email, refuses expired and unknown links', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const mailer = recordingMailer();
			await requestMagicLink(db, mailer, { email: organizer.email }, options());
			const session = await signInWithMagicLink(db, tokenOf(mailer.sent[0]), { sessionDays: 14 });
			expect(await actorFromSession(db, session.token)).toMatchObject({ userId: organizer.userId });

			const old = new Date(Date.now() - 16 * 60_000);
			await requestMagicLink(db, mailer, { email: organizer.email }, options(old));
			const expired = await rejection(signInWithMagicLink(db, tokenOf(mailer.sent[1]), { sessionDays: 14 }));
			expect(expired.summary.key).toBe('magic.expired');
			expect((await rejection(signInWithMagicLink(db, 'unknown', { sessionDays: 14 }))).summary.key).toBe(
				'magic.invalid'
			);
		});

		it('answers the same for unknown addresses, refuses invalid ones, and rate-limits', async () => {
			const db = await database.open();
			const mailer = recordingMailer();
			const email = `niemand-${randomUUID().slice(0, 6)}@example.org`;
			await expect(requestMagicLink(db, mailer, { email }, options())).resolves.toBeUndefined();
			const invalid = await rejection(requestMagicLink(db, mailer, { email: 'kein-mail' }, options()));
			expect(invalid.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/email', 'validation.invalidEmail']
			]);
			for (let index = 0; index < 4; index++) await requestMagicLink(db, mailer, { email }, options());
			const limited = await rejection(requestMagicLink(db, mailer, { email }, options()));
			expect(limited.kind).toBe('rate-limited');
		});
	});
}
