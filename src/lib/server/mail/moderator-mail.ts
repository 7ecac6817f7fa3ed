import { formatMeetingDate, formatMeetingTitle } from '../../domain/meeting-display';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n/translate';
import type { MailContent } from './templates';
import { escapeHtml } from '../../domain/escape-html';

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
	const t = (key: MessageKey) => translate(details.locale, key, params);
	const blocks: ({ paragraph: MessageKey } | { label: MessageKey; url: string })[] = [
		{ paragraph: 'moderators.mail.intro' },
		{ label: 'moderators.mail.cockpit', url: details.cockpitUrl },
		{ paragraph: 'moderators.mail.signIn' },
		{ label: 'moderators.mail.signInLink', url: details.signInUrl },
		{ paragraph: 'moderators.mail.myMeetings' },
		{ paragraph: 'moderators.mail.notExpected' }
	];
	const text: string[] = [];
	const html: string[] = [];
	for (const block of blocks) {
		if ('paragraph' in block) {
			text.push(t(block.paragraph));
			html.push(`<p>${escapeHtml(t(block.paragraph))}</p>`);
		} else {
			text.push(`${t(block.label)}:\n${block.url}`);
			html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(t(block.label))}</a></p>`);
		}
	}
	const signature = t('mail.signatureApp');
	text.push('--', signature);
	html.push(`<p>--<br>${escapeHtml(signature)}</p>`);
	const subject = t('moderators.mail.subject');
	return {
		subject,
		text: `${text.join('\n\n')}\n`,
		html: `<!doctype html><html lang="${details.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html.join('\n')}</body></html>`
	};
}
