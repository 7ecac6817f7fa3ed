import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { forbidden, notFound, problem, unauthenticated, validationFailed } from '../../domain/errors';
import {
	prefillFromCard,
	prefillFromNetwork,
	prefillFromTalk,
	publicContact,
	topicsFrom,
	type LinkKind,
	type Prefill,
	type SourceKind
} from '../../domain/good-practice/rules';
import type { GoodPracticeForDocumentation } from '../../domain/documentation/good-practice';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canManageOrganizationContent, managedOrganizationIds, type Actor } from '../../domain/policy';
import { searchEntries } from '../../domain/wishes/memory-search';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { findMunicipality } from '../reference/municipalities';
import * as repo from '../repositories/good-practice';
import { requireMeeting } from './meeting-access';
import { recordsOf } from './meetings';
import { optionalEmail, optionalText } from './series';

/**
 * Good practice ("Welche guten Ideen zu welchen Themen oder Herausforderungen gibt es und wie
 * werden sie umgesetzt?"): organizers make an entry in one step from a talk, a breakout card or
 * a network entry of a meeting (a prefilled form); the public reads and searches the published
 * ones at /gute-praxis. A contact is shown only with its consent.
 */

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

/** `talk:<uuid>`, `card:<uuid>` or `network:<uuid>`: what the entry is made from. */
export const SourceRef = z
	.string()
	.trim()
	.regex(/^(talk|card|network):[0-9a-f-]{36}$/)
	.transform((value) => {
		const [kind, id] = value.split(':') as [SourceKind, string];
		return { kind, id };
	});

export const CreateGoodPractice = z.strictObject({
	source: SourceRef,
	title: z.string().trim().min(1).max(300),
	what: z.string().trim().min(1).max(4000),
	how: z.preprocess((value) => value ?? '', z.string().trim().max(8000)),
	municipality: optionalText(200),
	contactName: optionalText(200),
	contactEmail: optionalEmail,
	contactConsent: checkbox.default(false),
	topics: z.preprocess((value) => value ?? '', z.string().max(1000)),
	publish: checkbox.default(false)
});

/** Editing keeps the entry's origin (its links); publishing is its own step. */
export const UpdateGoodPractice = CreateGoodPractice.omit({ source: true, publish: true });

export const SearchGoodPractice = z.strictObject({ query: z.string().trim().max(200).default('') });

/* ---- sources of a meeting (organizers) ---- */

export interface SourcesView {
	meeting: { seriesSlug: string; seriesTitle: string; number: number; title: string };
	talks: { ref: string; title: string }[];
	cards: { ref: string; text: string; roundTitle: string; roomName: string }[];
	networks: { ref: string; name: string }[];
	/** Entries already made from this meeting. */
	entries: { id: string; title: string; isPublished: boolean }[];
}

export async function listGoodPracticeSources(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<SourcesView> {
	const { series, meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const [talks, cards, networks, entries] = await Promise.all([
		repo.listTalkSources(db, meeting.id),
		repo.listCardSources(db, meeting.id),
		repo.listNetworkSources(db, meeting.id),
		repo.listGoodPracticesOfMeeting(db, meeting.id, { publishedOnly: false })
	]);
	return {
		meeting: {
			seriesSlug: series.slug,
			seriesTitle: series.title,
			number: meeting.number,
			title: formatMeetingTitle(meeting.number, series.meetingNoun)
		},
		talks: talks.map((talk) => ({ ref: `talk:${talk.id}`, title: talk.title })),
		cards: cards.map((card) => ({
			ref: `card:${card.id}`,
			text: card.text,
			roundTitle: card.roundTitle,
			roomName: card.roomName
		})),
		networks: networks.map((network) => ({ ref: `network:${network.id}`, name: network.name })),
		entries: entries.map((entry) => ({
			id: entry.id,
			title: entry.title,
			isPublished: entry.publishedAt !== null
		}))
	};
}

interface ResolvedSource {
	kind: SourceKind;
	label: string;
	prefill: Prefill;
	links: { kind: LinkKind; targetId: string }[];
}

/** The source in this meeting, what the form is prefilled with, and the links the entry gets. */
async function resolveSource(
	db: Kysely<Database>,
	meeting: { id: string; topicTitle: string | null },
	source: { kind: SourceKind; id: string }
): Promise<ResolvedSource> {
	const meetingLink = { kind: 'meeting' as const, targetId: meeting.id };
	switch (source.kind) {
		case 'talk': {
			const talk = (await repo.listTalkSources(db, meeting.id)).find((entry) => entry.id === source.id);
			if (!talk) break;
			return {
				kind: 'talk',
				label: talk.title,
				prefill: prefillFromTalk({ ...talk, meetingTopic: meeting.topicTitle }),
				links: [
					meetingLink,
					{ kind: 'agenda-item', targetId: talk.id },
					...talk.attachmentIds.map((id) => ({ kind: 'attachment' as const, targetId: id }))
				]
			};
		}
		case 'card': {
			const card = (await repo.listCardSources(db, meeting.id)).find((entry) => entry.id === source.id);
			if (!card) break;
			return {
				kind: 'card',
				label: card.text,
				prefill: prefillFromCard(card),
				links: [meetingLink, { kind: 'board-card', targetId: card.id }]
			};
		}
		case 'network': {
			const network = (await repo.listNetworkSources(db, meeting.id)).find((entry) => entry.id === source.id);
			if (!network) break;
			return {
				kind: 'network',
				label: network.name,
				prefill: prefillFromNetwork(network),
				links: [meetingLink, { kind: 'network', targetId: network.id }]
			};
		}
		default:
			source.kind satisfies never;
	}
	throw validationFailed([problem('/source', 'goodPractice.unknownSource')]);
}

/** The prefilled form for an entry made from a talk, a card or a network entry of the meeting. */
export async function prefillGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	sourceRef: string
): Promise<{ source: string; kind: SourceKind; label: string; values: Prefill }> {
	const { meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const parsed = SourceRef.safeParse(sourceRef);
	if (!parsed.success) throw notFound('goodPractice.unknownSource');
	const resolved = await resolveSource(db, meeting, parsed.data);
	return { source: sourceRef, kind: resolved.kind, label: resolved.label, values: resolved.prefill };
}

/** Creates the entry with its links (the meeting, and the talk and slides, card or network) at once. */
export async function createGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown,
	now = new Date()
): Promise<{ id: string }> {
	const { series, meeting } = await recordsOf(
		db,
		await requireMeeting(db, actor, { seriesId: slug, number }, 'manage')
	);
	const data = parseOrThrow(CreateGoodPractice, input);
	let ags: string | null = null;
	if (data.municipality) {
		const known = findMunicipality(data.municipality);
		if (!known) throw validationFailed([problem('/municipality', 'goodPractice.unknownMunicipality')]);
		ags = known.ags;
	}
	const id = randomUUID();
	await db.transaction().execute(async (trx) => {
		const resolved = await resolveSource(trx, meeting, data.source);
		await repo.insertGoodPractice(
			trx,
			{
				id,
				organizationId: series.organizationId,
				now: now.toISOString(),
				fields: {
					title: data.title,
					what: data.what,
					how: data.how,
					municipality: data.municipality ?? null,
					ags,
					contactName: data.contactName ?? null,
					contactEmail: data.contactEmail ?? null,
					contactConsent: data.contactConsent,
					topics: topicsFrom(data.topics),
					publishedAt: data.publish ? now.toISOString() : null
				}
			},
			resolved.links
		);
	});
	return { id };
}

/* ---- the public ---- */

export interface GoodPracticeSummary {
	id: string;
	title: string;
	what: string;
	municipality: string | null;
	topics: string[];
	isPublished: boolean;
}

function summaryOf(entry: repo.GoodPracticeRecord): GoodPracticeSummary {
	return {
		id: entry.id,
		title: entry.title,
		what: entry.what,
		municipality: entry.municipality,
		topics: entry.topics,
		isPublished: entry.publishedAt !== null
	};
}

/** Published entries (and the actor's organizations' drafts), searched when there is a query. */
export async function listGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	input: unknown
): Promise<{ query: string; entries: GoodPracticeSummary[] }> {
	const { query } = parseOrThrow(SearchGoodPractice, input);
	const entries = await repo.listGoodPractices(db, { draftsOf: managedOrganizationIds(actor) });
	const shown = query
		? searchEntries(
				query,
				entries.map((entry) => ({
					texts: [entry.title, entry.what, entry.how, entry.municipality, ...entry.topics],
					value: entry
				}))
			)
		: entries;
	return { query, entries: shown.map(summaryOf) };
}

export interface GoodPracticeView extends GoodPracticeSummary {
	how: string;
	ags: string | null;
	/** Only with the contact's consent. */
	contact: { name: string | null; email: string | null } | null;
	meetings: { title: string; seriesTitle: string; href: string }[];
	talks: { title: string; href: string }[];
	slides: { title: string; href: string | null }[];
	cards: string[];
	networks: { name: string; website: string | null }[];
	canManage: boolean;
}

/** One entry: a draft only for its organization's organizers; links only to what the reader may see. */
export async function getGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	id: string
): Promise<GoodPracticeView> {
	const entry = z.uuid().safeParse(id).success ? await repo.findGoodPractice(db, id) : undefined;
	const canManage = entry !== undefined && canManageOrganizationContent(actor, entry.organizationId);
	if (!entry || (entry.publishedAt === null && !canManage)) throw notFound('goodPractice.notFound');
	const links = await repo.listLinks(db, entry.id);
	const idsOf = (kind: LinkKind) => links.filter((link) => link.kind === kind).map((link) => link.targetId);
	const [meetings, talks, slides, cards, networks] = await Promise.all([
		repo.findLinkedMeetings(db, idsOf('meeting')),
		repo.findAgendaItemTitles(db, idsOf('agenda-item')),
		repo.findAttachmentFiles(db, idsOf('attachment')),
		repo.findCardTexts(db, idsOf('board-card')),
		repo.findNetworkNames(db, idsOf('network'))
	]);
	const visible = meetings.filter((meeting) => canManage || meeting.isPublic);
	const meetingById = new Map(visible.map((meeting) => [meeting.id, meeting]));
	const meetingHref = (meeting: repo.LinkedMeeting) => `/series/${meeting.seriesSlug}/${meeting.number}`;
	return {
		...summaryOf(entry),
		how: entry.how,
		ags: entry.ags,
		contact: publicContact(entry),
		meetings: visible.map((meeting) => ({
			title: formatMeetingTitle(meeting.number, meeting.meetingNoun),
			seriesTitle: meeting.seriesTitle,
			href: meetingHref(meeting)
		})),
		talks: talks.flatMap((talk) => {
			const meeting = meetingById.get(talk.meetingId);
			return meeting ? [{ title: talk.title, href: meetingHref(meeting) }] : [];
		}),
		// Files follow the download rules of /files/{id} (public once the documentation is).
		slides: slides.flatMap((slide) =>
			meetingById.has(slide.meetingId)
				? [{ title: slide.title, href: slide.fileId ? `/files/${slide.fileId}` : null }]
				: []
		),
		cards: cards.map((card) => card.text),
		networks: networks.map((network) => ({ name: network.name, website: network.website })),
		canManage
	};
}

/** The published entries that came from a meeting, for its documentation and the series page. */
export async function listGoodPracticeOfMeeting(
	db: Kysely<Database>,
	meetingId: string
): Promise<GoodPracticeView[]> {
	const entries = await repo.listGoodPracticesOfMeeting(db, meetingId, { publishedOnly: true });
	return Promise.all(entries.map((entry) => getGoodPractice(db, { kind: 'anonymous' }, entry.id)));
}

/** The meeting's published good practice as the documentation prints it (contacts by consent only). */
export async function goodPracticeForDocumentation(
	db: Kysely<Database>,
	meetingId: string
): Promise<GoodPracticeForDocumentation[]> {
	const entries = await repo.listGoodPracticesOfMeeting(db, meetingId, { publishedOnly: true });
	return entries.map((entry) => ({
		title: entry.title,
		what: entry.what,
		how: entry.how,
		municipality: entry.municipality,
		contact: publicContact(entry),
		topics: entry.topics
	}));
}

/* ---- after creation (organizers of the entry's organization) ---- */

async function requireManagedEntry(db: Kysely<Database>, actor: Actor, id: string) {
	if (actor.kind === 'anonymous') throw unauthenticated();
	const entry = z.uuid().safeParse(id).success ? await repo.findGoodPractice(db, id) : undefined;
	if (!entry) throw notFound('goodPractice.notFound');
	if (!canManageOrganizationContent(actor, entry.organizationId)) {
		// A published entry is known to everyone; a draft of another organization is not.
		throw entry.publishedAt !== null ? forbidden() : notFound('goodPractice.notFound');
	}
	return entry;
}

export interface GoodPracticeForEdit {
	id: string;
	isPublished: boolean;
	/** The form's values, as the create form names them. */
	values: {
		title: string;
		what: string;
		how: string;
		municipality: string;
		contactName: string;
		contactEmail: string;
		contactConsent: boolean;
		topics: string;
	};
}

export async function getGoodPracticeForEdit(
	db: Kysely<Database>,
	actor: Actor,
	id: string
): Promise<GoodPracticeForEdit> {
	const entry = await requireManagedEntry(db, actor, id);
	return {
		id: entry.id,
		isPublished: entry.publishedAt !== null,
		values: {
			title: entry.title,
			what: entry.what,
			how: entry.how,
			municipality: entry.municipality ?? '',
			contactName: entry.contactName ?? '',
			contactEmail: entry.contactEmail ?? '',
			contactConsent: entry.contactConsent,
			topics: entry.topics.join(', ')
		}
	};
}

/** Changes the texts, the municipality, the contact (and its consent) and the topics. */
export async function updateGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: unknown,
	now = new Date()
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	const data = parseOrThrow(UpdateGoodPractice, input);
	let ags: string | null = null;
	if (data.municipality) {
		const known = findMunicipality(data.municipality);
		if (!known) throw validationFailed([problem('/municipality', 'goodPractice.unknownMunicipality')]);
		ags = known.ags;
	}
	await repo.updateGoodPractice(db, entry.id, now.toISOString(), {
		title: data.title,
		what: data.what,
		how: data.how,
		municipality: data.municipality ?? null,
		ags,
		contactName: data.contactName ?? null,
		contactEmail: data.contactEmail ?? null,
		contactConsent: data.contactConsent,
		topics: topicsFrom(data.topics),
		publishedAt: entry.publishedAt
	});
}

/** Publishes (keeping the first publication's time when already published) or takes back to draft. */
export async function setGoodPracticePublished(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	isPublished: boolean,
	now = new Date()
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	const publishedAt = isPublished ? (entry.publishedAt ?? now.toISOString()) : null;
	await repo.setGoodPracticePublishedAt(db, entry.id, publishedAt, now.toISOString());
}

export const DeleteGoodPractice = z.strictObject({ confirm: checkbox.default(false) });

/** Deletes the entry with its links, in one transaction, once the organizer confirmed it. */
export async function deleteGoodPractice(
	db: Kysely<Database>,
	actor: Actor,
	id: string,
	input: unknown
): Promise<void> {
	const entry = await requireManagedEntry(db, actor, id);
	if (!parseOrThrow(DeleteGoodPractice, input).confirm)
		throw validationFailed([problem('/confirm', 'goodPractice.edit.deleteNotConfirmed')]);
	await db.transaction().execute((trx) => repo.deleteGoodPractice(trx, entry.id));
}
