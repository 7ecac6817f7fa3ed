/**
 * Who may do what. Pure functions over an `Actor`; services call them before every action.
 *
 * The role model:
 * - installation-wide: `admin` (everything, manages organizations and accounts);
 * - per organization (memberships): `organizer` (the organization's series and meetings);
 * - per meeting (table `meeting_roles`): `moderator`, granted by the meeting's organizers; runs the
 *   live session (cockpit) of that one meeting and nothing else. Participants act through their
 *   registrations and live cookies, not through grants.
 */
export type OrganizationRole = 'organizer';
export const organizationRoles: readonly OrganizationRole[] = ['organizer'];

export interface OrganizationGrant {
	organizationId: string;
	role: OrganizationRole;
}

export type MeetingRole = 'moderator';
export const meetingRoles: readonly MeetingRole[] = ['moderator'];

export interface MeetingGrant {
	meetingId: string;
	role: MeetingRole;
}

export type Actor =
	| { kind: 'anonymous' }
	| {
			kind: 'user';
			userId: string;
			email: string;
			displayName: string;
			isAdmin: boolean;
			organizations: OrganizationGrant[];
			meetings: MeetingGrant[];
	  }
	/** The command line acts with full rights (it runs on the server, as its operator). */
	| { kind: 'system' };

export const anonymous: Actor = { kind: 'anonymous' };
export const systemActor: Actor = { kind: 'system' };

export function isSignedIn(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
	return actor.kind === 'user';
}

export function isAdmin(actor: Actor): boolean {
	return actor.kind === 'system' || (actor.kind === 'user' && actor.isAdmin);
}

export function canManageInstallation(actor: Actor): boolean {
	return isAdmin(actor);
}

/** Create, edit, import into and publish the series (and its meetings) of an organization. */
export function canManageOrganizationContent(actor: Actor, organizationId: string): boolean {
	if (isAdmin(actor)) return true;
	return (
		actor.kind === 'user' &&
		actor.organizations.some((grant) => grant.organizationId === organizationId && grant.role === 'organizer')
	);
}

/** Whether the actor can create series at all, i.e. belongs to some organization as organizer. */
export function canCreateSeries(actor: Actor): boolean {
	return isAdmin(actor) || (actor.kind === 'user' && actor.organizations.length > 0);
}

/** A published series or meeting is public; a draft only for those who manage it. */
export function canView(actor: Actor, resource: { organizationId: string; isPublished: boolean }): boolean {
	return resource.isPublished || canManageOrganizationContent(actor, resource.organizationId);
}

/** The organizations whose content the actor manages; `all` for admins and the CLI. */
export function managedOrganizationIds(actor: Actor): string[] | 'all' {
	if (isAdmin(actor)) return 'all';
	if (actor.kind !== 'user') return [];
	return actor.organizations.filter((grant) => grant.role === 'organizer').map((g) => g.organizationId);
}

/** Run a meeting's live session (cockpit, polls, results): its organizers and its moderators. */
export function canModerateMeeting(
	actor: Actor,
	meeting: { organizationId: string; meetingId: string }
): boolean {
	if (canManageOrganizationContent(actor, meeting.organizationId)) return true;
	return (
		actor.kind === 'user' &&
		actor.meetings.some((grant) => grant.meetingId === meeting.meetingId && grant.role === 'moderator')
	);
}
