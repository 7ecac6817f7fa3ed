import type { Kysely } from 'kysely';
import { forbidden, unauthenticated } from '../../domain/errors';
import { canManageInstallation, canManageOrganizationContent, type Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import { listAuditEntries } from '../repositories/registrations-audit';
import { requireManagedMeeting } from './meetings';

/** The audit log of participant-list exports: all of it for admins, a meeting's for its organizers. */

export interface AuditView {
	at: string;
	actorLabel: string;
	action: string;
	meeting: { seriesId: string; number: number } | null;
	details: Record<string, unknown>;
}

export async function listAuditLog(db: Kysely<Database>, actor: Actor, limit = 500): Promise<AuditView[]> {
	if (actor.kind === 'anonymous') throw unauthenticated();
	if (!canManageInstallation(actor)) throw forbidden();
	const entries = await listAuditEntries(db, { limit });
	return entries.map((entry) => ({
		at: entry.at,
		actorLabel: entry.actorLabel,
		action: entry.action,
		meeting:
			entry.seriesSlug !== null && entry.meetingNumber !== null
				? { seriesId: entry.seriesSlug, number: entry.meetingNumber }
				: null,
		details: entry.details
	}));
}

/** For a meeting's organizers: who exported its lists. */
export async function listMeetingAuditLog(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<AuditView[]> {
	const { series, meeting } = await requireManagedMeeting(db, actor, slug, number);
	if (!canManageOrganizationContent(actor, series.organizationId)) throw forbidden();
	const entries = await listAuditEntries(db, { meetingId: meeting.id, limit: 50 });
	return entries.map((entry) => ({
		at: entry.at,
		actorLabel: entry.actorLabel,
		action: entry.action,
		meeting: { seriesId: series.slug, number: meeting.number },
		details: entry.details
	}));
}
