import { formatMeetingDate, formatMeetingTitle, formatTimeRange } from '../../domain/meeting-display';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n/translate';
import { escapeHtml } from '../../domain/escape-html';

/**
 * The texts of the participant mails, in the series' language, as plain text and HTML. Every
 * sentence is a whole message from src/lib/i18n/messages/registration.ts; this file only lays
 * them out. Values are escaped in the HTML part.
 */
export interface MailContent {
	subject: string;
	text: string;
	html: string;
}

/** A paragraph, a link with its label, or a list of facts. */
export type MailBlock =
	| { kind: 'paragraph'; key: MessageKey; params?: MessageParams }
	| { kind: 'link'; labelKey: MessageKey; url: string }
	| { kind: 'facts'; facts: { labelKey: MessageKey; value: string }[] };

/**
 * Lays a mail out from whole messages: the blocks as paragraphs, then the signature (the
 * organizer's when the params name one, else the application's), in text and escaped HTML.
 */
export function composeMail(
	locale: Locale,
	subjectKey: MessageKey,
	params: MessageParams,
	blocks: MailBlock[]
): MailContent {
	const t = (key: MessageKey, extra?: MessageParams) => translate(locale, key, { ...params, ...extra });
	const text: string[] = [];
	const html: string[] = [];
	for (const block of blocks) {
		switch (block.kind) {
			case 'paragraph':
				text.push(t(block.key, block.params));
				html.push(`<p>${escapeHtml(t(block.key, block.params))}</p>`);
				break;
			case 'link':
				text.push(`${t(block.labelKey)}:\n${block.url}`);
				html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(t(block.labelKey))}</a></p>`);
				break;
			case 'facts':
				text.push(block.facts.map((fact) => `${t(fact.labelKey)}: ${fact.value}`).join('\n'));
				html.push(
					`<dl>${block.facts
						.map((fact) => `<dt>${escapeHtml(t(fact.labelKey))}</dt><dd>${escapeHtml(fact.value)}</dd>`)
						.join('')}</dl>`
				);
				break;
			default:
				block satisfies never;
		}
	}
	const signature = t(params.organizer === undefined ? 'mail.signatureApp' : 'mail.signature');
	text.push('--', signature);
	html.push(`<p>--<br>${escapeHtml(signature)}</p>`);
	const subject = t(subjectKey);
	return {
		subject,
		text: `${text.join('\n\n')}\n`,
		html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${html.join('\n')}</body></html>`
	};
}

/** What every meeting mail says about the meeting. */
export interface MailMeeting {
	number: number;
	meetingNoun: string;
	seriesTitle: string;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	venueUrl: string | null;
	venueAddress: string | null;
	organizerName: string;
}

function meetingParams(locale: Locale, meeting: MailMeeting, name: string): MessageParams {
	return {
		name,
		meeting: `${formatMeetingTitle(meeting.number, meeting.meetingNoun)}: ${meeting.seriesTitle}`,
		date: formatMeetingDate(meeting.date, locale),
		time: formatTimeRange(meeting.start, meeting.end, locale),
		organizer: meeting.organizerName
	};
}

function meetingFacts(locale: Locale, meeting: MailMeeting): MailBlock {
	const facts: { labelKey: MessageKey; value: string }[] = [
		{ labelKey: 'mail.factDate', value: formatMeetingDate(meeting.date, locale) },
		{
			labelKey: 'mail.factTime',
			value: `${formatTimeRange(meeting.start, meeting.end, locale)} (${meeting.timeZone})`
		}
	];
	if (meeting.venueUrl) facts.push({ labelKey: 'mail.factLink', value: meeting.venueUrl });
	if (meeting.venueAddress) facts.push({ labelKey: 'mail.factAddress', value: meeting.venueAddress });
	return { kind: 'facts', facts };
}

/** The details and consents a confirmation link confirms: the mail shows them before the link. */
export interface RegistrationDetails {
	name: string;
	organization: string | null;
	municipality: string | null;
	role: string | null;
	email: string;
	consent: { participantList: boolean; shareEmail: boolean };
}

/** The details as label-value pairs (message keys), for the mails and the confirmation page. */
export function detailFacts(details: RegistrationDetails): {
	labelKey: MessageKey;
	value: string | null;
	valueKey?: MessageKey;
}[] {
	const consent = (given: boolean): MessageKey =>
		given ? 'registration.details.yes' : 'registration.details.no';
	return [
		{ labelKey: 'registration.details.name', value: details.name },
		{ labelKey: 'registration.details.organization', value: details.organization },
		{ labelKey: 'registration.details.municipality', value: details.municipality },
		{ labelKey: 'registration.details.role', value: details.role },
		{ labelKey: 'registration.details.email', value: details.email },
		{
			labelKey: 'registration.details.consentParticipantList',
			value: null,
			valueKey: consent(details.consent.participantList)
		},
		{
			labelKey: 'registration.details.consentShareEmail',
			value: null,
			valueKey: consent(details.consent.shareEmail)
		}
	];
}

function detailsBlocks(locale: Locale, details: RegistrationDetails): MailBlock[] {
	return [
		{ kind: 'paragraph', key: 'registration.details.heading' },
		{
			kind: 'facts',
			facts: detailFacts(details).map((fact) => ({
				labelKey: fact.labelKey,
				value: fact.valueKey
					? translate(locale, fact.valueKey)
					: fact.value || translate(locale, 'registration.details.none')
			}))
		}
	];
}

/**
 * Double opt-in: "please confirm", with the details and consents being confirmed, the
 * confirmation link and the link to manage.
 */
export function confirmRequestMail(
	locale: Locale,
	meeting: MailMeeting,
	person: RegistrationDetails,
	links: { confirm: string; manage: string },
	options: { isFull: boolean; days: number }
): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(locale, 'mail.confirm.subject', params, [
		{ kind: 'paragraph', key: 'mail.greeting' },
		{ kind: 'paragraph', key: 'mail.confirm.intro' },
		meetingFacts(locale, meeting),
		...(options.isFull ? [{ kind: 'paragraph', key: 'mail.confirm.full' } as const] : []),
		...detailsBlocks(locale, person),
		{ kind: 'link', labelKey: 'mail.confirm.link', url: links.confirm },
		{ kind: 'paragraph', key: 'mail.confirm.validity', params: { days: options.days } },
		{ kind: 'link', labelKey: 'mail.manageLink', url: links.manage },
		{ kind: 'paragraph', key: 'mail.confirm.notYou' }
	]);
}

/** An organizer's invitation: the link both registers and confirms (the details it confirms). */
export function invitationMail(
	locale: Locale,
	meeting: MailMeeting,
	person: RegistrationDetails,
	links: { confirm: string; manage: string },
	options: { days: number }
): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(locale, 'mail.invitation.subject', params, [
		{ kind: 'paragraph', key: 'mail.greeting' },
		{ kind: 'paragraph', key: 'mail.invitation.intro' },
		meetingFacts(locale, meeting),
		...detailsBlocks(locale, person),
		{ kind: 'link', labelKey: 'mail.invitation.link', url: links.confirm },
		{ kind: 'paragraph', key: 'mail.confirm.validity', params: { days: options.days } },
		{ kind: 'link', labelKey: 'mail.manageLink', url: links.manage }
	]);
}

/**
 * Someone registered again with an address that has a registration: the owner sees the proposed
 * details and consents, and only their link applies them. No manage link: the sender of the form
 * must not cause the owner's links to change.
 */
export function changeRequestMail(
	locale: Locale,
	meeting: MailMeeting,
	proposed: RegistrationDetails,
	confirmUrl: string,
	options: { days: number }
): MailContent {
	// The greeting uses no name: the proposed one may be anyone's.
	const params = meetingParams(locale, meeting, '');
	return composeMail(locale, 'mail.change.subject', params, [
		{ kind: 'paragraph', key: 'mail.change.greeting' },
		{ kind: 'paragraph', key: 'mail.change.intro' },
		meetingFacts(locale, meeting),
		...detailsBlocks(locale, proposed),
		{ kind: 'link', labelKey: 'mail.change.link', url: confirmUrl },
		{ kind: 'paragraph', key: 'mail.confirm.validity', params: { days: options.days } },
		{ kind: 'paragraph', key: 'mail.change.notYou' }
	]);
}

/** "You are registered": sent with the calendar invitation when a place is confirmed. */
export function registeredMail(
	locale: Locale,
	meeting: MailMeeting,
	person: { name: string },
	links: { manage: string | null; meeting: string },
	options: { hasMovedUp: boolean }
): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(locale, 'mail.registered.subject', params, [
		{ kind: 'paragraph', key: 'mail.greeting' },
		{ kind: 'paragraph', key: options.hasMovedUp ? 'mail.registered.movedUp' : 'mail.registered.intro' },
		meetingFacts(locale, meeting),
		{ kind: 'paragraph', key: 'mail.registered.calendar' },
		{ kind: 'link', labelKey: 'mail.meetingLink', url: links.meeting },
		...(links.manage ? [{ kind: 'link', labelKey: 'mail.manageLink', url: links.manage } as const] : [])
	]);
}

export function waitingMail(
	locale: Locale,
	meeting: MailMeeting,
	person: { name: string },
	links: { manage: string | null }
): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(locale, 'mail.waiting.subject', params, [
		{ kind: 'paragraph', key: 'mail.greeting' },
		{ kind: 'paragraph', key: 'mail.waiting.intro' },
		meetingFacts(locale, meeting),
		...(links.manage ? [{ kind: 'link', labelKey: 'mail.manageLink', url: links.manage } as const] : [])
	]);
}

export function cancelledMail(locale: Locale, meeting: MailMeeting, person: { name: string }): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(locale, 'mail.cancelled.subject', params, [
		{ kind: 'paragraph', key: 'mail.greeting' },
		{ kind: 'paragraph', key: 'mail.cancelled.intro' }
	]);
}

export function reminderMail(
	locale: Locale,
	meeting: MailMeeting,
	person: { name: string },
	kind: 'day' | 'hour',
	links: { meeting: string }
): MailContent {
	const params = meetingParams(locale, meeting, person.name);
	return composeMail(
		locale,
		kind === 'day' ? 'mail.reminderDay.subject' : 'mail.reminderHour.subject',
		params,
		[
			{ kind: 'paragraph', key: 'mail.greeting' },
			{ kind: 'paragraph', key: kind === 'day' ? 'mail.reminderDay.intro' : 'mail.reminderHour.intro' },
			meetingFacts(locale, meeting),
			{ kind: 'link', labelKey: 'mail.meetingLink', url: links.meeting }
		]
	);
}

export function magicLinkMail(locale: Locale, link: string, minutes: number): MailContent {
	return composeMail(locale, 'mail.magic.subject', { minutes }, [
		{ kind: 'paragraph', key: 'mail.magic.intro' },
		{ kind: 'link', labelKey: 'mail.magic.link', url: link },
		{ kind: 'paragraph', key: 'mail.magic.validity' },
		{ kind: 'paragraph', key: 'mail.magic.notYou' }
	]);
}
