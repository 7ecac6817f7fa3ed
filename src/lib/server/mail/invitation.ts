import { translate, type Locale } from '../../i18n/translate';
import type { OutgoingMail } from './mailer';
import { escapeHtml } from '../../domain/escape-html';

/**
 * The invitation an organizer sends: who invites to which meeting, when, and the link to the
 * registration page. In the series' language, plain text and HTML.
 */

/** The public registration page of a meeting (built by the participant's side). */
export function registrationPagePath(seriesSlug: string, number: number): string {
	return `/series/${encodeURIComponent(seriesSlug)}/${number}/register`;
}

export interface InvitationDetails {
	locale: Locale;
	recipientEmail: string;
	recipientName: string | null;
	seriesTitle: string;
	meetingTitle: string;
	/** Already formatted for the locale: "20. November 2024, 14:00–16:00 Uhr". */
	when: string;
	organizerName: string;
	organizerEmail: string | null;
	registrationUrl: string;
	meetingId: string;
}

export function invitationMail(details: InvitationDetails): OutgoingMail {
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
		translate(details.locale, key, params);
	const greeting = details.recipientName
		? t('registrationsAdmin.mail.greetingNamed', { name: details.recipientName })
		: t('registrationsAdmin.mail.greeting');
	const body = t('registrationsAdmin.mail.body', {
		organizer: details.organizerName,
		meeting: details.meetingTitle,
		series: details.seriesTitle,
		when: details.when
	});
	const action = t('registrationsAdmin.mail.action');
	const closing = t('registrationsAdmin.mail.closing', { organizer: details.organizerName });
	const ignore = t('registrationsAdmin.mail.ignore');
	const text = [
		greeting,
		'',
		body,
		'',
		`${action}:`,
		details.registrationUrl,
		'',
		ignore,
		'',
		closing,
		''
	].join('\n');
	const html = [
		`<!doctype html><html lang="${details.locale}"><head><meta charset="utf-8"><title>${escapeHtml(details.meetingTitle)}</title></head><body>`,
		`<p>${escapeHtml(greeting)}</p>`,
		`<p>${escapeHtml(body)}</p>`,
		`<p><a href="${escapeHtml(details.registrationUrl)}">${escapeHtml(action)}</a></p>`,
		`<p>${escapeHtml(ignore)}</p>`,
		`<p>${escapeHtml(closing)}</p>`,
		'</body></html>'
	].join('\n');
	return {
		to: details.recipientEmail,
		subject: t('registrationsAdmin.mail.subject', {
			meeting: details.meetingTitle,
			series: details.seriesTitle
		}),
		text,
		html,
		kind: 'invitation',
		meetingId: details.meetingId,
		replyTo: details.organizerEmail ?? undefined
	};
}
