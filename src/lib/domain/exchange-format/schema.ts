/**
 * The exchange format `netzwerkstatt.meeting/v1` as one Zod schema: a mirror of
 * spec/meeting-format.schema.json (strict objects, the same patterns, enums, lengths, minimums
 * and formats). tests check that both accept and refuse the same documents. Semantic rules that
 * a JSON schema cannot say (references, duplicates, times) live in ./checks.ts.
 */
import { z } from 'zod';
import { registrationStatuses } from '../registration-rules';

export const FORMAT_ID = 'netzwerkstatt.meeting/v1';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/);
const Time = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const Paragraphs = z.array(z.string().min(1).max(20000));
const Email = z.email();
/**
 * Every address in a document is rendered as a link, so only web and mail addresses are allowed
 * (stricter than the JSON schema's `format: uri`, which also admits `javascript:`).
 */
export const LINK_PROTOCOL_PATTERN = /^(https?|mailto)$/;
const Uri = z.url({ protocol: LINK_PROTOCOL_PATTERN });
const Ags = z.string().regex(/^[0-9]{8}$/);

export const Organization = z.strictObject({
	name: z.string().min(1),
	email: Email.optional(),
	website: Uri.optional()
});

export const Series = z.strictObject({
	id: Id,
	title: z.string().min(1).max(300),
	meetingNoun: z.string(),
	meetingNounGenitive: z.string(),
	audience: z.string(),
	language: z.enum(['de', 'en']).optional(),
	organizer: Organization,
	formatDescription: Paragraphs.optional(),
	fundingNotice: z
		.strictObject({
			lead: z.string(),
			funder: z.array(z.string()).min(1)
		})
		.optional()
});

export const PersonRef = z.strictObject({
	id: Id,
	name: z.string().min(1),
	organization: z.string().optional()
});

/** A person's status in the format is their registration's status (domain/registration-rules). */
export const personStatuses = registrationStatuses;

export const Person = z.strictObject({
	id: Id,
	name: z.string().min(1).max(200),
	organization: z.string().max(300).optional(),
	municipality: z.string().optional(),
	ags: Ags.optional(),
	role: z.string().optional(),
	email: Email.optional(),
	registered: z.boolean().optional(),
	attended: z.boolean().optional(),
	consent: z
		.strictObject({
			participantList: z.boolean().optional(),
			shareEmail: z.boolean().optional()
		})
		.optional(),
	status: z.enum(personStatuses).optional()
});

export const agendaKinds = [
	'arrival',
	'welcome',
	'poll',
	'input',
	'discussion',
	'breakout',
	'plenary',
	'break',
	'closing',
	'other'
] as const;

export const AgendaItem = z.strictObject({
	start: Time,
	end: Time,
	kind: z.enum(agendaKinds),
	title: z.string().min(1).max(500),
	details: Paragraphs.optional(),
	speakers: z.array(Id).optional(),
	poll: Id.optional(),
	breakoutRound: Id.optional()
});

export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const;

export const Question = z.strictObject({
	id: Id,
	text: z.string().min(1),
	kind: z.enum(questionKinds),
	options: z.array(z.strictObject({ id: Id, label: z.string() })).optional(),
	scale: z
		.strictObject({
			min: z.int(),
			max: z.int(),
			minLabel: z.string().optional(),
			maxLabel: z.string().optional()
		})
		.optional(),
	results: z
		.strictObject({
			respondents: z.int().min(0).optional(),
			counts: z.record(z.string(), z.int().min(0)).optional(),
			texts: z.array(z.string()).optional()
		})
		.optional(),
	maxChoices: z.int().min(1).optional()
});

export const Poll = z.strictObject({
	id: Id,
	title: z.string(),
	anonymous: z.boolean().optional(),
	questions: z.array(Question)
});

export const BreakoutRound = z.strictObject({
	id: Id,
	title: z.string(),
	description: z.string().optional(),
	questions: z.array(z.string()).optional(),
	rooms: z.array(
		z.strictObject({
			name: z.string(),
			participants: z.array(Id).optional(),
			cards: z
				.array(
					z.strictObject({
						text: z.string().min(1).max(5000),
						column: z.string().optional(),
						votes: z.int().min(0).optional()
					})
				)
				.optional()
		})
	),
	synthesis: Paragraphs.optional()
});

export const attachmentKinds = [
	'agenda',
	'poll-results',
	'presentation',
	'network-collection',
	'participant-list',
	'other'
] as const;

export const Attachment = z.strictObject({
	title: z.string().min(1),
	kind: z.enum(attachmentKinds),
	presenters: z.array(Id).optional(),
	file: z.string().optional(),
	mediaType: z.string().optional(),
	agendaItem: z.int().min(0).optional()
});

export const venueModes = ['online', 'in-person', 'hybrid'] as const;

export const Meeting = z.strictObject({
	number: z.int().min(1),
	date: z.iso.date(),
	start: Time,
	end: Time,
	timeZone: z.string(),
	venue: z.strictObject({
		mode: z.enum(venueModes),
		platform: z.string().optional(),
		url: Uri.optional(),
		address: z.string().optional()
	}),
	moderation: z.array(PersonRef).optional(),
	documentedBy: z.array(PersonRef).optional(),
	topic: z
		.strictObject({
			title: z.string(),
			summary: Paragraphs.optional(),
			guidingQuestions: z.array(z.string()).optional()
		})
		.optional(),
	outlook: z
		.strictObject({
			text: Paragraphs.optional(),
			topicWishesContact: Email.optional()
		})
		.optional(),
	people: z.array(Person).optional(),
	agenda: z.array(AgendaItem),
	polls: z.array(Poll).optional(),
	breakoutRounds: z.array(BreakoutRound).optional(),
	findings: Paragraphs.optional(),
	attachments: z.array(Attachment).optional()
});

export const networkKinds = [
	'culture-network',
	'volunteer-agency',
	'engagement-network',
	'administration-network',
	'association',
	'other'
] as const;
export const networkScopes = ['municipal', 'district', 'regional', 'state'] as const;
export const partnerSectors = [
	'culture',
	'civil-society',
	'other-engagement',
	'volunteer-agency',
	'business',
	'administration',
	'education',
	'social',
	'church',
	'sports',
	'other'
] as const;

export const Network = z.strictObject({
	id: Id,
	name: z.string().min(1).max(300),
	kind: z.enum(networkKinds),
	municipality: z.string().optional(),
	ags: Ags.optional(),
	district: z.string().optional(),
	scope: z.enum(networkScopes).optional(),
	description: z.string().optional(),
	partners: z.array(z.enum(partnerSectors)).optional(),
	origin: z.string().optional(),
	challenges: z.string().optional(),
	founded: z.int().min(1800).max(2100).optional(),
	website: Uri.optional(),
	contact: z
		.strictObject({
			name: z.string().optional(),
			email: Email.optional(),
			phone: z.string().optional()
		})
		.optional()
});

/** A whole document. */
export const MeetingDocument = z.strictObject({
	format: z.literal(FORMAT_ID),
	series: Series,
	meeting: Meeting,
	networks: z.array(Network).optional()
});
export type MeetingDocument = z.infer<typeof MeetingDocument>;
export type MeetingPart = MeetingDocument['meeting'];
export type NetworkPart = z.infer<typeof Network>;
export type QuestionPart = z.infer<typeof Question>;
