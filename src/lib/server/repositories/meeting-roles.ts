import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Per-meeting roles (table meeting_roles): SQL only. */

export interface MeetingGrantRow {
	meetingId: string;
	role: string;
}

/** One moderator of a meeting, as the organizers' list shows them. */
export interface ModeratorRow {
	userId: string;
	email: string;
	displayName: string;
	/** Whether the account can sign in with a password (otherwise by a link in a mail only). */
	hasPassword: boolean;
	grantedAt: string;
	grantedByName: string | null;
}

/** A meeting that a person has a role in, for "Meine Treffen". */
export interface GrantedMeetingRow {
	meetingId: string;
	role: string;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
}

/** Every grant of one account, for its actor. */
export async function listGrantsOfUser(db: Kysely<Database>, userId: string): Promise<MeetingGrantRow[]> {
	const rows = await db
		.selectFrom('meeting_roles')
		.select(['meeting_id', 'role'])
		.where('user_id', '=', userId)
		.orderBy('meeting_id')
		.orderBy('role')
		.execute();
	return rows.map((row) => ({ meetingId: row.meeting_id, role: row.role }));
}

export async function listMeetingRoleHolders(
	db: Kysely<Database>,
	meetingId: string,
	role: string
): Promise<ModeratorRow[]> {
	const rows = await db
		.selectFrom('meeting_roles')
		.innerJoin('users', 'users.id', 'meeting_roles.user_id')
		.leftJoin('users as granters', 'granters.id', 'meeting_roles.granted_by')
		.select([
			'users.id',
			'users.email',
			'users.display_name',
			'users.password_hash',
			'meeting_roles.created_at',
			'granters.display_name as grantedByName'
		])
		.where('meeting_roles.meeting_id', '=', meetingId)
		.where('meeting_roles.role', '=', role)
		.orderBy('users.email')
		.execute();
	return rows.map((row) => ({
		userId: row.id,
		email: row.email,
		displayName: row.display_name,
		hasPassword: row.password_hash !== null,
		grantedAt: row.created_at,
		grantedByName: row.grantedByName
	}));
}

export async function hasMeetingRole(
	db: Kysely<Database>,
	grant: { meetingId: string; userId: string; role: string }
): Promise<boolean> {
	const row = await db
		.selectFrom('meeting_roles')
		.select('user_id')
		.where('meeting_id', '=', grant.meetingId)
		.where('user_id', '=', grant.userId)
		.where('role', '=', grant.role)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insertMeetingRole(
	db: Kysely<Database>,
	grant: { meetingId: string; userId: string; role: string; grantedBy: string | null; createdAt: string }
): Promise<void> {
	await db
		.insertInto('meeting_roles')
		.values({
			meeting_id: grant.meetingId,
			user_id: grant.userId,
			role: grant.role,
			granted_by: grant.grantedBy,
			created_at: grant.createdAt
		})
		.execute();
}

/** Removes one grant; returns how many rows went (0 or 1). */
export async function deleteMeetingRole(
	db: Kysely<Database>,
	grant: { meetingId: string; userId: string; role: string }
): Promise<number> {
	const result = await db
		.deleteFrom('meeting_roles')
		.where('meeting_id', '=', grant.meetingId)
		.where('user_id', '=', grant.userId)
		.where('role', '=', grant.role)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The meetings an account holds the role in, newest first. */
export async function listMeetingsWithRole(
	db: Kysely<Database>,
	userId: string,
	role: string
): Promise<GrantedMeetingRow[]> {
	const rows = await db
		.selectFrom('meeting_roles')
		.innerJoin('meetings', 'meetings.id', 'meeting_roles.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.id as meetingId',
			'meeting_roles.role',
			'series.slug',
			'series.title',
			'series.meeting_noun',
			'meetings.number',
			'meetings.date',
			'meetings.start_time',
			'meetings.end_time',
			'meetings.time_zone'
		])
		.where('meeting_roles.user_id', '=', userId)
		.where('meeting_roles.role', '=', role)
		.orderBy('meetings.date', 'desc')
		.orderBy('meetings.start_time', 'desc')
		.orderBy('series.slug')
		.execute();
	return rows.map((row) => ({
		meetingId: row.meetingId,
		role: row.role,
		seriesSlug: row.slug,
		seriesTitle: row.title,
		meetingNoun: row.meeting_noun,
		number: row.number,
		date: row.date,
		start: row.start_time,
		end: row.end_time,
		timeZone: row.time_zone
	}));
}
