import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../domain/errors';
import { publicContact, type LinkKind } from '../../domain/good-practice/rules';
import type { GoodPracticeForDocumentation } from '../../domain/documentation/good-practice';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { canManageOrganizationContent, managedOrganizationIds, type Actor } from '../../domain/policy';
import { searchEntries } from '../../domain/wishes/memory-search';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import * as repo from '../repositories/good-practice';
import * as linksRepo from '../repositories/good-practice-links';

/**
 * Good practice ("Welche guten Ideen zu welchen Themen oder Herausforderungen gibt es und wie
 * werden sie umgesetzt?") as readers see it: the list with search, one entry with the links the
 * reader may follow, and a meeting's entries for its documentation. A contact is shown only with
 * its consent. Entries are made in good-practice-create.ts and changed in good-practice-edit.ts.
 */

export const SearchGoodPractice = z.strictObject({ query: z.string().trim().max(200).default('') });

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
	const links = await linksRepo.listLinks(db, entry.id);
	const idsOf = (kind: LinkKind) => links.filter((link) => link.kind === kind).map((link) => link.targetId);
	const [meetings, talks, slides, cards, networks] = await Promise.all([
		linksRepo.findLinkedMeetings(db, idsOf('meeting')),
		linksRepo.findAgendaItemTitles(db, idsOf('agenda-item')),
		linksRepo.findAttachmentFiles(db, idsOf('attachment')),
		linksRepo.findCardTexts(db, idsOf('board-card')),
		linksRepo.findNetworkNames(db, idsOf('network'))
	]);
	const visible = meetings.filter((meeting) => canManage || meeting.isPublic);
	const meetingById = new Map(visible.map((meeting) => [meeting.id, meeting]));
	const meetingHref = (meeting: linksRepo.LinkedMeeting) => `/series/${meeting.seriesSlug}/${meeting.number}`;
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
