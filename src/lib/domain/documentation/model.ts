/**
 * The documentation model: everything a renderer (PDF, DOCX, HTML, Markdown) prints, in order,
 * built from a meeting document of the exchange format. Pure: no I/O, no database.
 *
 * Privacy rules (PRODUCT.md): a person is named on the participant list only when they
 * registered or attended AND consented to the list; a public role (moderation, documentation
 * author, speaker) names a person in that role only; an email is printed only with its own
 * consent. Breakout room members are never listed.
 */
import { translate, type Locale, type MessageKey } from '../../i18n/translate';
import type { MeetingDocument, NetworkPart, QuestionPart } from '../exchange-format/schema';
import { isOnParticipantList } from './public-document';
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

function nonEmpty<T>(values: readonly T[] | undefined): values is readonly T[] {
	return !!values && values.length > 0;
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
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
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

function buildPollResults(document: MeetingDocument, locale: Locale): PollResult[] {
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const results: PollResult[] = [];
	for (const poll of document.meeting.polls ?? []) {
		const questions = poll.questions
			.filter((question) => question.results)
			.map((question): QuestionResult => {
				const counts = question.results?.counts ?? {};
				const texts = [...(question.results?.texts ?? [])];
				const labelled: { label: string; count: number }[] =
					question.kind === 'scale' && question.scale
						? scaleValues(question.scale).map((value) => ({
								label: scaleLabel(value, question.scale!),
								count: counts[String(value)] ?? 0
							}))
						: (question.options ?? []).map((option) => ({
								label: option.label,
								count: counts[option.id] ?? 0
							}));
				const total = labelled.reduce((sum, row) => sum + row.count, 0);
				const respondents =
					question.results?.respondents ?? (question.kind === 'text' ? texts.length : total);
				const base = respondents > 0 ? respondents : total;
				const rows = labelled.map((row) => {
					const percent = base > 0 ? Math.round((row.count / base) * 100) : 0;
					return { ...row, percent, percentText: t('documentation.poll.percentValue', { value: percent }) };
				});
				return {
					text: question.text,
					kind: question.kind,
					respondents,
					respondentsText: t('documentation.poll.respondents', { count: respondents }),
					rows,
					chartDescription: rows.length
						? t('documentation.poll.chartAlt', {
								question: question.text,
								values: rows
									.map((row) =>
										t('documentation.poll.chartValue', {
											label: row.label,
											count: row.count,
											percent: row.percentText
										})
									)
									.join('; ')
							})
						: '',
					texts
				};
			})
			.filter(
				(question) =>
					question.rows.some((row) => row.count > 0) || question.texts.length > 0 || question.respondents > 0
			);
		if (questions.length) results.push({ title: poll.title, questions });
	}
	return results;
}

function scaleValues(scale: { min: number; max: number }): number[] {
	const values: number[] = [];
	for (let value = scale.min; value <= scale.max && values.length < 101; value++) values.push(value);
	return values;
}

function scaleLabel(
	value: number,
	scale: { min: number; max: number; minLabel?: string; maxLabel?: string }
): string {
	if (value === scale.min && scale.minLabel) return `${value} (${scale.minLabel})`;
	if (value === scale.max && scale.maxLabel) return `${value} (${scale.maxLabel})`;
	return String(value);
}

function buildRoundResults(document: MeetingDocument, locale: Locale): RoundResult[] {
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	return (document.meeting.breakoutRounds ?? [])
		.map((round) => {
			const rooms = round.rooms
				.filter((room) => nonEmpty(room.cards))
				.map((room): RoomResult => {
					const columns: CardColumn[] = [];
					for (const card of room.cards ?? []) {
						const name = card.column ?? t('documentation.breakout.cards');
						let column = columns.find((entry) => entry.name === name);
						if (!column) {
							column = { name, cards: [] };
							columns.push(column);
						}
						const votes = card.votes ?? 0;
						column.cards.push({
							text: card.text,
							votes,
							votesText: votes ? t('documentation.breakout.votes', { count: votes }) : ''
						});
					}
					return { heading: t('documentation.breakout.room', { name: room.name }), columns };
				});
			return {
				title: round.title,
				description: round.description ?? null,
				questions: [...(round.questions ?? [])],
				rooms,
				synthesis: [...(round.synthesis ?? [])]
			};
		})
		.filter((round) => round.rooms.length > 0 || round.synthesis.length > 0);
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

function buildNetworkEntry(network: NetworkPart, locale: Locale): NetworkEntry {
	const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
	const facts: { label: string; value: string }[] = [];
	facts.push({
		label: t('documentation.network.kind'),
		value: t(`documentation.networkKind.${network.kind}` as MessageKey)
	});
	const place = [
		network.municipality,
		network.district && network.district !== network.municipality ? network.district : undefined
	]
		.filter(Boolean)
		.join(', ');
	if (place) facts.push({ label: t('documentation.network.place'), value: place });
	if (nonEmpty(network.partners)) {
		facts.push({
			label: t('documentation.network.partners'),
			value: network.partners.map((partner) => t(`documentation.partner.${partner}` as MessageKey)).join(', ')
		});
	}
	if (network.founded)
		facts.push({ label: t('documentation.network.founded'), value: String(network.founded) });
	if (network.origin) facts.push({ label: t('documentation.network.origin'), value: network.origin });
	if (network.challenges)
		facts.push({ label: t('documentation.network.challenges'), value: network.challenges });
	const contact = [network.contact?.name, network.contact?.email, network.contact?.phone]
		.filter(Boolean)
		.join(', ');
	if (contact) facts.push({ label: t('documentation.network.contact'), value: contact });
	if (network.website) facts.push({ label: t('documentation.network.website'), value: network.website });
	return { name: network.name, facts, description: network.description ?? null };
}
