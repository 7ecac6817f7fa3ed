import type { Kysely } from 'kysely';
import { z } from 'zod';
import { formatMeetingTitle } from '../../domain/meeting-display';
import { meetingEnd, meetingStart } from '../../domain/meeting-time';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import { searchEntries } from '../../domain/wishes/memory-search';
import { isReviewItem, reviewDetails } from '../../domain/wishes/review';
import { isLocale, translate } from '../../i18n/translate';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { listGoodPracticesOfMeeting } from '../repositories/good-practice';
import { findPreviousMeetingForReview, listMemoryMeetings } from '../repositories/series-memory';
import { getSeries, requireVisibleSeries } from './series';
import { listOpenWishes, type WishView } from './wishes';

/**
 * The series' memory on its public page: every meeting with its focus topic, findings and
 * documentation, the next meeting with its registration, the open topic wishes, and one search
 * across all of it.
 */

export const SearchSeries = z.strictObject({ query: z.string().trim().max(200).default('') });

export interface MemoryMeeting {
	number: number;
	title: string;
	date: string;
	start: string;
	end: string;
	topicTitle: string | null;
	findings: string[];
	isPublished: boolean;
	hasDocumentation: boolean;
	/** Published good practice entries that came from the meeting. */
	goodPractice: { id: string; title: string }[];
}

export interface SearchHit {
	kind: 'meeting' | 'wish' | 'good-practice';
	title: string;
	href: string;
}

export interface SeriesMemory {
	meetings: MemoryMeeting[];
	/** The next meeting that has not ended, with whether its registration is open. */
	next: (MemoryMeeting & { isRegistrationOpen: boolean }) | null;
	openWishes: WishView[];
	search: { query: string; hits: SearchHit[] } | null;
}

export async function getSeriesWithMemory(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	input: unknown,
	now = new Date()
): Promise<Awaited<ReturnType<typeof getSeries>> & { memory: SeriesMemory }> {
	const base = await getSeries(db, actor, slug);
	const { query } = parseOrThrow(SearchSeries, input);
	const series = await requireVisibleSeries(db, actor, slug);
	const canManage = canManageOrganizationContent(actor, series.organizationId);
	const isSeriesPublic = series.publishedAt !== null;
	const [records, openWishes] = await Promise.all([
		listMemoryMeetings(db, series.id, { publishedOnly: !canManage }),
		listOpenWishes(db, series, canManage)
	]);
	const practices = await Promise.all(
		records.map((record) => listGoodPracticesOfMeeting(db, record.id, { publishedOnly: true }))
	);
	const meetings = records.map((record, index) => ({
		record,
		view: {
			number: record.number,
			title: formatMeetingTitle(record.number, series.meetingNoun),
			date: record.date,
			start: record.start,
			end: record.end,
			topicTitle: record.topicTitle,
			findings: record.findings,
			isPublished: record.isPublished,
			hasDocumentation: record.hasPublishedDocumentation && record.isPublished && isSeriesPublic,
			goodPractice: (practices[index] ?? []).map((entry) => ({ id: entry.id, title: entry.title }))
		} satisfies MemoryMeeting
	}));
	const upcoming = meetings.find(({ record }) => meetingEnd(record).getTime() > now.getTime());
	const next = upcoming
		? {
				...upcoming.view,
				isRegistrationOpen:
					upcoming.record.isRegistrationOpen && meetingStart(upcoming.record).getTime() > now.getTime()
			}
		: null;
	let search: SeriesMemory['search'] = null;
	if (query) {
		const hits = searchEntries<SearchHit>(query, [
			...meetings.map(({ record, view }) => ({
				texts: [view.title, record.topicTitle, ...record.topicSummary, ...record.findings],
				value: {
					kind: 'meeting' as const,
					title: view.title,
					href: `/series/${series.slug}/${record.number}`
				}
			})),
			...practices.flat().map((entry) => ({
				texts: [entry.title, entry.what, entry.how, entry.municipality, ...entry.topics],
				value: { kind: 'good-practice' as const, title: entry.title, href: `/gute-praxis/${entry.id}` }
			})),
			...openWishes.map((wish) => ({
				texts: [wish.title, wish.body],
				value: {
					kind: 'wish' as const,
					title: wish.title,
					href: `/series/${series.slug}/wuensche/${wish.id}`
				}
			}))
		]);
		search = { query, hits };
	}
	return {
		...base,
		memory: { meetings: meetings.map(({ view }) => view), next, openWishes: openWishes.slice(0, 5), search }
	};
}

/**
 * "Rückblick auf das letzte Treffen": for an agenda item of meeting N with that title, the
 * details prefilled from meeting N-1 (its focus topic and findings), in the series' language.
 * Undefined when the item is no review or there is no earlier meeting: the caller keeps its own.
 */
export async function reviewPrefill(
	db: Kysely<Database>,
	meeting: { seriesId: string; number: number },
	title: string
): Promise<string[] | undefined> {
	if (!isReviewItem(title)) return undefined;
	const previous = await findPreviousMeetingForReview(db, meeting.seriesId, meeting.number);
	if (!previous) return undefined;
	const locale = isLocale(previous.language) ? previous.language : 'de';
	return reviewDetails(previous, {
		meeting: (label) => translate(locale, 'review.meeting', { meeting: label }),
		topic: (topic) => translate(locale, 'review.topic', { topic })
	});
}
