import type { ActionFailure } from '@sveltejs/kit';
import { joinLines, joinParagraphs, splitLines, splitParagraphs } from '$lib/domain/meeting-display';
import type { Locale } from '$lib/i18n/translate';
import { failForm, type FormFailure } from '$lib/server/http/forms';
import type { MeetingView } from '$lib/server/services/meeting-views';
import type { PersonView } from '$lib/server/services/people';
import type { SeriesView } from '$lib/server/services/series-views';

/**
 * The management forms name their fields by the JSON path of the service input
 * (`organizer/email`, `venue/url`), so a problem at `/organizer/email` lands on its field. These
 * helpers turn form values into service input and stored views back into form values.
 */

type Values = Record<string, string>;

/** Like failForm, but a problem inside a list (`/topic/summary/2`) names the list's field. */
export function failManagedForm(error: unknown, locale: Locale, values: Values): ActionFailure<FormFailure> {
	const failure = failForm(error, locale, values);
	failure.data.errors = failure.data.errors.map((entry) => ({
		...entry,
		field: entry.field.replace(/(\/\d+)+$/, '')
	}));
	return failure;
}

export function seriesInput(values: Values) {
	const lead = (values['fundingNotice/lead'] ?? '').trim();
	const funder = splitLines(values['fundingNotice/funder'] ?? '');
	return {
		id: values.id,
		title: values.title ?? '',
		meetingNoun: values.meetingNoun,
		meetingNounGenitive: values.meetingNounGenitive,
		audience: values.audience,
		language: values.language || undefined,
		formatDescription: splitParagraphs(values.formatDescription ?? ''),
		// Both parts empty: no funding notice; one part alone is a problem the service names.
		fundingNotice: lead || funder.length ? { lead, funder } : null,
		privacyNotice: values.privacyNotice,
		retentionMonths: values.retentionMonths?.trim() ? values.retentionMonths : undefined,
		organizer: {
			name: values['organizer/name'],
			email: values['organizer/email'],
			website: values['organizer/website']
		}
	};
}

export function seriesValues(series: SeriesView): Values {
	return {
		id: series.id,
		title: series.title,
		meetingNoun: series.meetingNoun,
		meetingNounGenitive: series.meetingNounGenitive,
		audience: series.audience,
		language: series.language,
		formatDescription: joinParagraphs(series.formatDescription),
		'fundingNotice/lead': series.fundingNotice?.lead ?? '',
		'fundingNotice/funder': joinLines(series.fundingNotice?.funder ?? []),
		privacyNotice: series.privacyNotice ?? '',
		retentionMonths: String(series.retentionMonths),
		'organizer/name': series.organizer.name,
		'organizer/email': series.organizer.email ?? '',
		'organizer/website': series.organizer.website ?? ''
	};
}

export function meetingInput(values: Values) {
	return {
		number: values.number || undefined,
		date: values.date ?? '',
		start: values.start ?? '',
		end: values.end ?? '',
		timeZone: values.timeZone,
		venue: {
			mode: values['venue/mode'] ?? '',
			platform: values['venue/platform'],
			url: values['venue/url'],
			address: values['venue/address']
		},
		topic: {
			title: values['topic/title'],
			summary: splitParagraphs(values['topic/summary'] ?? ''),
			guidingQuestions: splitLines(values['topic/guidingQuestions'] ?? '')
		},
		outlook: {
			text: splitParagraphs(values['outlook/text'] ?? ''),
			topicWishesContact: values['outlook/topicWishesContact']
		}
	};
}

export function meetingValues(meeting: MeetingView): Values {
	return {
		number: String(meeting.number),
		date: meeting.date,
		start: meeting.start,
		end: meeting.end,
		timeZone: meeting.timeZone,
		'venue/mode': meeting.venue.mode,
		'venue/platform': meeting.venue.platform ?? '',
		'venue/url': meeting.venue.url ?? '',
		'venue/address': meeting.venue.address ?? '',
		'topic/title': meeting.topic.title ?? '',
		'topic/summary': joinParagraphs(meeting.topic.summary),
		'topic/guidingQuestions': joinLines(meeting.topic.guidingQuestions),
		'outlook/text': joinParagraphs(meeting.outlook.text),
		'outlook/topicWishesContact': meeting.outlook.topicWishesContact ?? ''
	};
}

/** Checkboxes are sent only when ticked. */
export function personInput(values: Values) {
	return {
		key: values.key,
		name: values.name ?? '',
		organization: values.organization,
		municipality: values.municipality,
		role: values.role,
		email: values.email,
		registered: values.registered === 'on',
		attended: values.attended === 'on',
		consent: {
			participantList: values['consent/participantList'] === 'on',
			shareEmail: values['consent/shareEmail'] === 'on'
		}
	};
}

export function personValues(person: PersonView): Values {
	const on = (flag: boolean) => (flag ? 'on' : '');
	return {
		key: person.id,
		name: person.name,
		organization: person.organization ?? '',
		municipality: person.municipality ?? '',
		role: person.role ?? '',
		email: person.email ?? '',
		registered: on(person.registered),
		attended: on(person.attended),
		'consent/participantList': on(person.consent.participantList),
		'consent/shareEmail': on(person.consent.shareEmail)
	};
}
