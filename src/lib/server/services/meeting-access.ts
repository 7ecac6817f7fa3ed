import type { Kysely } from 'kysely';
import { forbidden, notFound, unauthenticated } from '../../domain/errors';
import type { MeetingAddress } from '../../domain/meeting-address';
import { canManageOrganizationContent, canModerateMeeting, canView, type Actor } from '../../domain/policy';
import type { Database } from '../db/schema';
import { findMeetingHandle, type MeetingHandle } from '../repositories/meeting-lookup';

/**
 * The one place where a service finds the meeting an address names and decides whether the actor
 * may act on it.
 *
 * - `view`: read it; a published meeting (in a published series) is public, a draft only for
 *   those who manage it;
 * - `manage`: change it (agenda, people, polls, documentation …): its organization's organizers
 *   and admins;
 * - `moderate`: run its live session: those who manage it and its moderators.
 *
 * The answers: to change or moderate a meeting, an anonymous actor must sign in first (401),
 * before the meeting is even looked up, so the answer tells nothing about it. Then an unknown
 * meeting, and a draft the actor may not see, are not found (someone who may not see a meeting
 * learns nothing about it); a meeting the actor sees but may not act on is forbidden (403).
 */
export type MeetingPermission = 'view' | 'manage' | 'moderate';

export const meetingPermissions: readonly MeetingPermission[] = ['view', 'manage', 'moderate'];

export function mayOnMeeting(actor: Actor, handle: MeetingHandle, permission: MeetingPermission): boolean {
	switch (permission) {
		case 'view':
			return canView(actor, handle);
		case 'manage':
			return canManageOrganizationContent(actor, handle.organizationId);
		case 'moderate':
			return canModerateMeeting(actor, handle);
	}
}

export async function requireMeeting(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	permission: MeetingPermission
): Promise<MeetingHandle> {
	if (permission !== 'view' && actor.kind === 'anonymous') throw unauthenticated();
	const handle = await findMeetingHandle(db, address.seriesId, address.number);
	if (!handle) throw notFound('meeting.notFound');
	if (mayOnMeeting(actor, handle, permission)) return handle;
	// A moderator may see the draft they moderate (its cockpit exists), so it is not hidden from them.
	const seesIt = canView(actor, handle) || canModerateMeeting(actor, handle);
	if (!seesIt) throw notFound('meeting.notFound');
	throw forbidden();
}
