import { randomUUID } from 'node:crypto';
import { AppError } from '../../src/lib/domain/errors';
import type { Mailer, OutgoingMail } from '../../src/lib/server/mail/mailer';

/** The AppError a call rejects with; fails the test when it resolves or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof AppError) return error;
		throw error;
	}
	throw new Error('expected a rejection');
}

/** A mailer that keeps the mails in memory, so tests read what was sent. */
export function memoryMailer(): Mailer & { sent: OutgoingMail[] } {
	const sent: OutgoingMail[] = [];
	return {
		sent,
		send(mail) {
			sent.push(mail);
			return Promise.resolve({ messageId: `<${randomUUID()}@test>`, transport: 'outbox', fileName: null });
		}
	};
}

/** An uploaded CSV file as the services read it. */
export function csvFile(text: string) {
	const bytes = Buffer.from(text, 'utf8');
	return { size: bytes.length, text: () => Promise.resolve(text) };
}
