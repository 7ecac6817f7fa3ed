import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The log of sent mails, which the organizers' outbox view lists: SQL only. */

export interface MailLogEntry {
	id: string;
	meetingId: string | null;
	kind: string;
	recipient: string;
	subject: string;
	transport: string;
	fileName: string | null;
	createdAt: string;
}

const entryColumns = [
	'mail_log.id',
	'mail_log.meeting_id',
	'mail_log.kind',
	'mail_log.recipient',
	'mail_log.subject',
	'mail_log.transport',
	'mail_log.file_name',
	'mail_log.created_at'
] as const;

function toEntry(row: {
	id: string;
	meeting_id: string | null;
	kind: string;
	recipient: string;
	subject: string;
	transport: string;
	file_name: string | null;
	created_at: string;
}): MailLogEntry {
	return {
		id: row.id,
		meetingId: row.meeting_id,
		kind: row.kind,
		recipient: row.recipient,
		subject: row.subject,
		transport: row.transport,
		fileName: row.file_name,
		createdAt: row.created_at
	};
}

/** Newest first; `organizationIds` limits to mails of meetings of those organizations ('all': every mail). */
export async function listMailLog(
	db: Kysely<Database>,
	organizationIds: readonly string[] | 'all',
	limit = 200
): Promise<MailLogEntry[]> {
	let query = db
		.selectFrom('mail_log')
		.leftJoin('meetings', 'meetings.id', 'mail_log.meeting_id')
		.leftJoin('series', 'series.id', 'meetings.series_id')
		.select(entryColumns)
		.orderBy('mail_log.created_at', 'desc')
		.orderBy('mail_log.id')
		.limit(limit);
	if (organizationIds !== 'all') {
		if (!organizationIds.length) return [];
		query = query.where('series.organization_id', 'in', [...organizationIds]);
	}
	const rows = await query.execute();
	return rows.map(toEntry);
}

export async function findMailLogEntry(
	db: Kysely<Database>,
	id: string
): Promise<(MailLogEntry & { organizationId: string | null }) | undefined> {
	const row = await db
		.selectFrom('mail_log')
		.leftJoin('meetings', 'meetings.id', 'mail_log.meeting_id')
		.leftJoin('series', 'series.id', 'meetings.series_id')
		.select([...entryColumns, 'series.organization_id'])
		.where('mail_log.id', '=', id)
		.executeTakeFirst();
	return row && { ...toEntry(row), organizationId: row.organization_id };
}
