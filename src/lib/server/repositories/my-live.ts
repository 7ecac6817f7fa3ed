import type { Kysely } from 'kysely';
import { toBoolInt } from '../db/booleans';
import type { Database } from '../db/schema';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';

/** The running live sessions of a participant's meetings, for "Meine Treffen": SQL only. */

export interface RunningSessionRow {
	meetingId: string;
	registrationId: string;
	seriesSlug: string;
	seriesTitle: string;
	meetingNoun: string;
	number: number;
	/** The join code's six digits. */
	joinCode: string;
}

/** Meetings with an active live session that the email holds a confirmed registration for. */
export async function listRunningSessionsOfConfirmedRegistrations(
	db: Kysely<Database>,
	emailNormalized: string
): Promise<RunningSessionRow[]> {
	const rows = await db
		.selectFrom('registrations')
		.innerJoin('live_sessions', 'live_sessions.meeting_id', 'registrations.meeting_id')
		.innerJoin('meetings', 'meetings.id', 'registrations.meeting_id')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'registrations.id as registrationId',
			'meetings.id as meetingId',
			'meetings.number',
			'series.slug',
			'series.title',
			'series.meeting_noun',
			'live_sessions.join_code'
		])
		.where('registrations.email_normalized', '=', emailNormalized)
		.where('registrations.status', '=', REGISTRATION_STATUS.confirmed)
		.where('live_sessions.is_active', '=', toBoolInt(true))
		.orderBy('meetings.date')
		.orderBy('meetings.start_time')
		.execute();
	return rows.map((row) => ({
		meetingId: row.meetingId,
		registrationId: row.registrationId,
		seriesSlug: row.slug,
		seriesTitle: row.title,
		meetingNoun: row.meeting_noun,
		number: row.number,
		joinCode: row.join_code
	}));
}
