import type { Kysely } from 'kysely';
import type { MeetingDocument } from '../../domain/exchange-format/schema';
import { fromJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';

/** The `series` block of the exchange document, and the small helpers the document reader shares. */

/** Drops undefined values, so that the document holds only keys that have something to say. */
export function compact<T extends Record<string, unknown>>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
export const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
export const optList = (text: string): string[] | undefined => {
	const list = fromJsonList(text);
	return list.length ? list : undefined;
};

export const emptyToUndefined = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

export const SERIES_BLOCK_COLUMNS = [
	'series.slug',
	'series.title as series_title',
	'series.meeting_noun',
	'series.meeting_noun_genitive',
	'series.audience',
	'series.language',
	'series.organizer_name',
	'series.organizer_email',
	'series.organizer_website',
	'series.format_description',
	'series.funding_lead',
	'series.funding_funder'
] as const;

interface SeriesBlockRow {
	slug: string;
	series_title: string;
	meeting_noun: string;
	meeting_noun_genitive: string;
	audience: string;
	language: string;
	organizer_name: string;
	organizer_email: string | null;
	organizer_website: string | null;
	format_description: string;
	funding_lead: string | null;
	funding_funder: string | null;
}

export function seriesBlockOf(row: SeriesBlockRow): MeetingDocument['series'] {
	const fundingFunder = row.funding_funder === null ? [] : fromJsonList(row.funding_funder);
	return compact({
		id: row.slug,
		title: row.series_title,
		meetingNoun: row.meeting_noun,
		meetingNounGenitive: row.meeting_noun_genitive,
		audience: row.audience,
		language: row.language === 'en' ? ('en' as const) : ('de' as const),
		organizer: compact({
			name: row.organizer_name,
			email: opt(row.organizer_email),
			website: opt(row.organizer_website)
		}),
		formatDescription: optList(row.format_description),
		fundingNotice:
			row.funding_funder !== null && fundingFunder.length
				? { lead: row.funding_lead ?? '', funder: fundingFunder }
				: undefined
	});
}

/** The `series` block of a stored series, as an export would write it. */
export async function readSeriesBlock(
	db: Kysely<Database>,
	seriesId: string
): Promise<MeetingDocument['series']> {
	const row = await db
		.selectFrom('series')
		.select(SERIES_BLOCK_COLUMNS)
		.where('series.id', '=', seriesId)
		.executeTakeFirstOrThrow();
	return seriesBlockOf(row);
}
