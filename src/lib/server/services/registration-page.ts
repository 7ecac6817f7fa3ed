import type { Kysely } from 'kysely';
import type { MeetingAddress } from '../../domain/meeting-address';
import type { Actor } from '../../domain/policy';
import { hasFreePlace } from '../../domain/registration-rules';
import type { Database } from '../db/schema';
import { countConfirmed } from '../repositories/registrations';
import { closedReason, visibleMeeting } from './registration-support';

/** The public registration page: the meeting, its privacy notice, whether it is open or full. */

export interface RegistrationPageView {
	meeting: {
		seriesSlug: string;
		seriesTitle: string;
		seriesLanguage: string;
		number: number;
		title: string;
		date: string;
		start: string;
		end: string;
		timeZone: string;
	};
	privacyNotice: string | null;
	/** Why registering is not possible now; undefined when it is open. */
	closedReason:
		'registration.meetingNotPublished' | 'registration.closed' | 'registration.meetingOver' | undefined;
	isFull: boolean;
}

/** What the public registration page shows. Drafts are "not found" to those who cannot manage them. */
export async function getRegistrationPage(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	now = new Date()
): Promise<RegistrationPageView> {
	const meeting = await visibleMeeting(db, actor, address);
	const confirmed = await countConfirmed(db, meeting.meetingId);
	return {
		meeting: {
			seriesSlug: meeting.seriesSlug,
			seriesTitle: meeting.seriesTitle,
			seriesLanguage: meeting.seriesLanguage,
			number: meeting.number,
			title: `${meeting.number}. ${meeting.meetingNoun}`,
			date: meeting.date,
			start: meeting.start,
			end: meeting.end,
			timeZone: meeting.timeZone
		},
		privacyNotice: meeting.privacyNotice?.trim() ? meeting.privacyNotice : null,
		closedReason: closedReason(meeting, now),
		isFull: !hasFreePlace(confirmed, meeting.capacity)
	};
}
