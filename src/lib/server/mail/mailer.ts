import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../db/schema';
import { normalizeEmail } from '../../domain/email';
import { logger } from '../logger';

/**
 * Sending mail. With SMTP_URL, nodemailer delivers over SMTP; without it (the default on a fresh
 * machine) every mail is written as an .eml file to DATA_DIR/outbox and logged, and organizers
 * read the outbox in the app. Every mail is recorded in mail_log either way.
 */
export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	/** An iCalendar attachment shown as an invitation (METHOD:REQUEST) or a cancellation. */
	calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
	/** What the mail is for (confirmation, invitation, reminder-day …), for the log and the outbox view. */
	kind: string;
	meetingId?: string;
	replyTo?: string;
}

export interface SentMail {
	messageId: string;
	transport: 'smtp' | 'outbox';
	fileName: string | null;
}

export interface Mailer {
	send(mail: OutgoingMail): Promise<SentMail>;
}

/**
 * A recipient as the info log names them: a short hash of the lower-cased address, enough to
 * match two lines about the same recipient, without the address itself (the address is logged
 * at debug level only; mail_log keeps it for organizers).
 */
export function recipientHash(address: string): string {
	return createHash('sha256').update(normalizeEmail(address)).digest('hex').slice(0, 12);
}

/** Logs a sent mail: who at debug level only, which kind and where at info. */
function logSent(mail: OutgoingMail, details: Record<string, string>, message: string): void {
	logger.debug({ to: mail.to, kind: mail.kind, ...details }, message);
	logger.info({ recipient: recipientHash(mail.to), kind: mail.kind, ...details }, message);
}

export function outboxDir(dataDir: string): string {
	return join(dataDir, 'outbox');
}

export function createMailer(options: {
	smtpUrl: string | undefined;
	from: string;
	dataDir: string;
}): Mailer {
	const transport = options.smtpUrl
		? nodemailer.createTransport(options.smtpUrl)
		: nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
	return {
		async send(mail) {
			const message = {
				from: options.from,
				to: mail.to,
				replyTo: mail.replyTo,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				icalEvent: mail.calendar
					? { method: mail.calendar.method, content: mail.calendar.content, filename: 'einladung.ics' }
					: undefined
			};
			const info = await transport.sendMail(message);
			if (options.smtpUrl) {
				logSent(mail, { messageId: info.messageId }, 'mail sent over SMTP');
				return { messageId: info.messageId, transport: 'smtp', fileName: null };
			}
			const directory = outboxDir(options.dataDir);
			await mkdir(directory, { recursive: true });
			const fileName = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
			await writeFile(join(directory, fileName), (info as unknown as { message: Buffer }).message);
			logSent(mail, { file: fileName }, 'mail written to the outbox (no SMTP_URL)');
			return { messageId: info.messageId, transport: 'outbox', fileName };
		}
	};
}

/** Sends a mail and records it in mail_log. */
export async function sendAndLog(
	db: Kysely<Database>,
	mailer: Mailer,
	mail: OutgoingMail
): Promise<SentMail> {
	const sent = await mailer.send(mail);
	await db
		.insertInto('mail_log')
		.values({
			id: randomUUID(),
			meeting_id: mail.meetingId ?? null,
			kind: mail.kind,
			recipient: mail.to,
			subject: mail.subject,
			transport: sent.transport,
			file_name: sent.fileName,
			message_id: sent.messageId,
			created_at: new Date().toISOString()
		})
		.execute();
	return sent;
}
