import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The audit log of participant-list exports: SQL only. */

export interface AuditEntry {
	id: string;
	at: string;
	actorUserId: string | null;
	actorLabel: string;
	action: string;
	meetingId: string | null;
	details: Record<string, unknown>;
}

export async function insertAuditEntry(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			id: entry.id,
			at: entry.at,
			actor_user_id: entry.actorUserId,
			actor_label: entry.actorLabel,
			action: entry.action,
			meeting_id: entry.meetingId,
			details: JSON.stringify(entry.details)
		})
		.execute();
}

export interface AuditRecord extends AuditEntry {
	seriesSlug: string | null;
	meetingNumber: number | null;
}

/** The newest entries first; optionally of one meeting only. */
export async function listAuditEntries(
	db: Kysely<Database>,
	options: { meetingId?: string; limit: number }
): Promise<AuditRecord[]> {
	let query = db
		.selectFrom('audit_log')
		.leftJoin('meetings', 'meetings.id', 'audit_log.meeting_id')
		.leftJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.actor_user_id',
			'audit_log.actor_label',
			'audit_log.action',
			'audit_log.meeting_id',
			'audit_log.details',
			'series.slug',
			'meetings.number'
		]);
	if (options.meetingId) query = query.where('audit_log.meeting_id', '=', options.meetingId);
	const rows = await query
		.orderBy('audit_log.at', 'desc')
		.orderBy('audit_log.id')
		.limit(options.limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		at: row.at,
		actorUserId: row.actor_user_id,
		actorLabel: row.actor_label,
		action: row.action,
		meetingId: row.meeting_id,
		details: JSON.parse(row.details) as Record<string, unknown>,
		seriesSlug: row.slug,
		meetingNumber: row.number
	}));
}
