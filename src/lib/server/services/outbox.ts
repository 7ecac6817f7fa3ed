import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { forbidden, notFound, unauthenticated } from '../../domain/errors';
import { isSignedIn, managedOrganizationIds, type Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import { outboxDir } from '../mail/mailer';
import { findMailLogEntry, listMailLog, type MailLogEntry } from '../repositories/mail-log';

/** The organizers' outbox view: the mail log of the meetings they manage, and a mail's raw .eml. */

export async function listOutbox(db: Kysely<Database>, actor: Actor): Promise<MailLogEntry[]> {
	if (!isSignedIn(actor) && actor.kind !== 'system') throw unauthenticated();
	const managed = managedOrganizationIds(actor);
	if (managed !== 'all' && managed.length === 0) throw forbidden();
	return listMailLog(db, managed);
}

/** The raw .eml of an outbox mail, as text; only for those who manage its meeting (admins: all). */
export async function readOutboxMail(
	db: Kysely<Database>,
	actor: Actor,
	mailId: string,
	dataDir: string
): Promise<{ fileName: string; content: string }> {
	if (!isSignedIn(actor) && actor.kind !== 'system') throw unauthenticated();
	const entry = await findMailLogEntry(db, mailId);
	const managed = managedOrganizationIds(actor);
	const mayRead =
		entry !== undefined &&
		(managed === 'all' || (entry.organizationId !== null && managed.includes(entry.organizationId)));
	if (!entry || !mayRead || !entry.fileName) throw notFound('outbox.notFound');
	// The file name comes from our own log, but keep it inside the outbox all the same.
	if (!/^[A-Za-z0-9._-]+\.eml$/.test(entry.fileName)) throw notFound('outbox.notFound');
	const content = await readFile(join(outboxDir(dataDir), entry.fileName), 'utf8').catch(() => {
		throw notFound('outbox.notFound');
	});
	return { fileName: entry.fileName, content };
}
