import { formatMeetingDate, formatMeetingTitle } from '../../domain/meeting-display';
import type { Locale, MessageParams } from '../../i18n/translate';
import { composeMail, type MailContent } from './templates';

/**
 * The mail to someone an organizer made a meeting's moderator: which meeting, the cockpit's
 * address, and the page where they ask for a sign-in link (a new account has no password). In
 * the organizer's language, plain text and HTML; every sentence is a message from
 * src/lib/i18n/messages/moderators.ts. Values are escaped in the HTML part.
 */
export interface ModeratorMailDetails {
	locale: Locale;
	granterName: string;
	seriesTitle: string;
	meetingNoun: string;
	number: number;
	date: string;
	cockpitUrl: string;
	signInUrl: string;
}

export function moderatorGrantedMail(details: ModeratorMailDetails): MailContent {
	const params: MessageParams = {
		granter: details.granterName,
		meeting: formatMeetingTitle(details.number, details.meetingNoun),
		series: details.seriesTitle,
		date: formatMeetingDate(details.date, details.locale)
	};
	return composeMail(details.locale, 'moderators.mail.subject', params, [
		{ kind: 'paragraph', key: 'moderators.mail.intro' },
		{ kind: 'link', labelKey: 'moderators.mail.cockpit', url: details.cockpitUrl },
		{ kind: 'paragraph', key: 'moderators.mail.signIn' },
		{ kind: 'link', labelKey: 'moderators.mail.signInLink', url: details.signInUrl },
		{ kind: 'paragraph', key: 'moderators.mail.myMeetings' },
		{ kind: 'paragraph', key: 'moderators.mail.notExpected' }
	]);
}
