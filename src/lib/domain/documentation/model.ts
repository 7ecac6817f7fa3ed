/**
 * The documentation model: everything a renderer (PDF, DOCX, HTML, Markdown) prints, in order,
 * built from a meeting document of the exchange format. Pure: no I/O, no database.
 *
 * Privacy rules (PRODUCT.md): a person is named on the participant list only when they
 * registered or attended AND consented to the list; a public role (moderation, documentation
 * author, speaker) names a person in that role only; an email is printed only with its own
 * consent. Breakout room members are never listed.
 */
import type { Locale } from '../../i18n/translate';
import type { MeetingDocument, QuestionPart } from '../exchange-format/schema';
import { isOnParticipantList } from './public-document';
import {
	buildNetworkEntry,
	buildPollResults,
	buildRoundResults,
	nonEmpty,
	translatorFor
} from './section-builders';
import { composeTitle, joinNames } from './title';
import {
	goodPracticeSection,
	type GoodPracticeForDocumentation,
	type GoodPracticeSection
} from './good-practice';

export interface AgendaEntry {
	slot: string;
	title: string;
	details: string[];
}

export interface ResultRow {
	label: string;
	count: number;
	/** Rounded whole percent of the respondents (or of all answers when respondents are unknown). */
	percent: number;
	percentText: string;
}

export interface QuestionResult {
	text: string;
	kind: QuestionPart['kind'];
	respondents: number;
	respondentsText: string;
	rows: ResultRow[];
	/** For charts: a text alternative naming every bar. */
	chartDescription: string;
	texts: string[];
}

export interface PollResult {
	title: string;
	questions: QuestionResult[];
}

export interface CardColumn {
	name: string;
	cards: { text: string; votes: number; votesText: string }[];
}

export interface RoomResult {
	heading: string;
	columns: CardColumn[];
}

export interface RoundResult {
	title: string;
	description: string | null;
	questions: string[];
	rooms: RoomResult[];
	synthesis: string[];
}

export interface ParticipantRow {
	name: string;
	organization: string;
	municipality: string;
	email: string;
}

export interface NetworkEntry {
	name: string;
	facts: { label: string; value: string }[];
	description: string | null;
}

export type DocumentationSection =
	| { kind: 'polls'; heading: string; polls: PollResult[] }
	| { kind: 'breakouts'; heading: string; rounds: RoundResult[] }
	| { kind: 'findings'; heading: string; paragraphs: string[] }
	| {
			kind: 'participants';
			heading: string;
			columns: { key: keyof ParticipantRow; label: string }[];
			rows: ParticipantRow[];
	  }
	| { kind: 'networks'; heading: string; networks: NetworkEntry[] }
	| { kind: 'uploads'; heading: string; files: { title: string; file: string | null }[] }
	| GoodPracticeSection;

export interface DocumentationModel {
	lang: Locale;
	title: string;
	/** "Moderation:" with the joined names, or null when nobody is named. */
	moderation: { label: string; text: string } | null;
	createdBy: { label: string; text: string } | null;
	format: { label: string; paragraphs: string[] } | null;
	topic: {
		label: string;
		title: string;
		summary: string[];
		guidingQuestionsLabel: string;
		guidingQuestions: string[];
	} | null;
	outlook: { label: string; paragraphs: string[] } | null;
	attachments: { label: string; titles: string[] } | null;
	agenda: { label: string; items: AgendaEntry[] } | null;
	sections: DocumentationSection[];
	/** Printed at the foot of every page (PDF, DOCX) and at the end (HTML, Markdown). */
	fundingNotice: { lead: string; funder: string[] } | null;
	/** Labels the renderers need. */
	labels: {
		page: (page: number, pages: number) => string;
		pollOption: string;
		pollCount: string;
		pollPercent: string;
		freeTexts: string;
		guidingQuestions: string;
		synthesis: string;
	};
}

function personWithOrganization(person: { name: string; organization?: string }): string {
	return person.organization ? `${person.name} (${person.organization})` : person.name;
}

/** Builds the model; `lang` defaults to the series' language. */
export function buildDocumentationModel(
	document: MeetingDocument,
	lang?: Locale,
	/** What the meeting document does not carry: the good practice that came from the meeting. */
	extras: { goodPractice?: readonly GoodPracticeForDocumentation[] } = {}
): DocumentationModel {
	const locale: Locale = lang ?? document.series.language ?? 'de';
	const t = translatorFor(locale);
	const { series, meeting } = document;

	const moderationNames = (meeting.moderation ?? []).map((person) => person.name);
	const authors = (meeting.documentedBy ?? []).map(personWithOrganization);
	const attachmentTitle = (kind: string) =>
		meeting.attachments?.find((attachment) => attachment.kind === kind)?.title;

	const sections: DocumentationSection[] = [];
	const polls = buildPollResults(document, locale);
	if (polls.length)
		sections.push({
			kind: 'polls',
			heading: attachmentTitle('poll-results') ?? t('documentation.section.polls'),
			polls
		});
	const rounds = buildRoundResults(document, locale);
	if (rounds.length)
		sections.push({ kind: 'breakouts', heading: t('documentation.section.breakouts'), rounds });
	if (nonEmpty(meeting.findings)) {
		sections.push({
			kind: 'findings',
			heading: t('documentation.section.findings'),
			paragraphs: [...meeting.findings]
		});
	}
	const participants = buildParticipants(document);
	if (participants.length) {
		const hasEmail = participants.some((row) => row.email !== '');
		sections.push({
			kind: 'participants',
			heading: attachmentTitle('participant-list') ?? t('documentation.section.participants'),
			columns: [
				{ key: 'name', label: t('documentation.participants.name') },
				{ key: 'organization', label: t('documentation.participants.organization') },
				{ key: 'municipality', label: t('documentation.participants.municipality') },
				...(hasEmail ? [{ key: 'email' as const, label: t('documentation.participants.email') }] : [])
			],
			rows: participants
		});
	}
	const networks = (document.networks ?? []).map((network) => buildNetworkEntry(network, locale));
	if (networks.length) {
		sections.push({
			kind: 'networks',
			heading: attachmentTitle('network-collection') ?? t('documentation.section.networks'),
			networks
		});
	}
	const practice = goodPracticeSection(extras.goodPractice ?? [], locale);
	if (practice) sections.push(practice);
	const uploads = (meeting.attachments ?? [])
		.filter((attachment) => attachment.kind === 'presentation' || attachment.kind === 'other')
		.filter((attachment) => attachment.file)
		.map((attachment) => ({ title: attachment.title, file: attachment.file ?? null }));
	if (uploads.length)
		sections.push({ kind: 'uploads', heading: t('documentation.section.uploads'), files: uploads });

	return {
		lang: locale,
		title: composeTitle(
			{
				number: meeting.number,
				meetingNoun: series.meetingNoun,
				meetingNounGenitive: series.meetingNounGenitive,
				audience: series.audience,
				date: meeting.date,
				start: meeting.start,
				end: meeting.end,
				venue: meeting.venue
			},
			locale
		),
		moderation: moderationNames.length
			? { label: t('documentation.label.moderation'), text: joinNames(moderationNames, locale) }
			: null,
		createdBy: authors.length
			? { label: t('documentation.label.createdBy'), text: joinNames(authors, locale) }
			: null,
		format: nonEmpty(series.formatDescription)
			? { label: t('documentation.label.format'), paragraphs: [...series.formatDescription] }
			: null,
		topic: meeting.topic
			? {
					label: t('documentation.label.topic'),
					title: meeting.topic.title,
					summary: [...(meeting.topic.summary ?? [])],
					guidingQuestionsLabel: t('documentation.label.guidingQuestions'),
					guidingQuestions: [...(meeting.topic.guidingQuestions ?? [])]
				}
			: null,
		outlook: nonEmpty(meeting.outlook?.text)
			? { label: t('documentation.label.outlook'), paragraphs: [...meeting.outlook.text] }
			: null,
		attachments: nonEmpty(meeting.attachments)
			? {
					label: t('documentation.label.attachments'),
					titles: meeting.attachments.map((attachment) => attachment.title)
				}
			: null,
		agenda: meeting.agenda.length
			? {
					label: t('documentation.label.agenda'),
					items: meeting.agenda.map((item) => ({
						slot: `${item.start}-${item.end}`,
						title: item.title,
						details: [...(item.details ?? [])]
					}))
				}
			: null,
		sections,
		fundingNotice: series.fundingNotice
			? { lead: series.fundingNotice.lead, funder: [...series.fundingNotice.funder] }
			: null,
		labels: {
			page: (page, pages) => t('documentation.page', { page, pages }),
			pollOption: t('documentation.poll.option'),
			pollCount: t('documentation.poll.count'),
			pollPercent: t('documentation.poll.percent'),
			freeTexts: t('documentation.poll.freeTexts'),
			guidingQuestions: t('documentation.breakout.questions'),
			synthesis: t('documentation.breakout.synthesis')
		}
	};
}

/** Those who registered or attended and consented to the list; email only with its own consent. */
export function buildParticipants(document: MeetingDocument): ParticipantRow[] {
	return (document.meeting.people ?? []).filter(isOnParticipantList).map((person) => ({
		name: person.name,
		organization: person.organization ?? '',
		municipality: person.municipality ?? '',
		email: person.consent?.shareEmail === true && person.email ? person.email : ''
	}));
}
