import type { Kysely } from 'kysely';
import { fromBoolInt } from '../db/booleans';
import { fromJsonList } from '../db/json-columns';
import type { Database } from '../db/schema';

/** What the series' page remembers of each meeting: SQL only. */
export interface MemoryMeetingRecord {
	id: string;
	number: number;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	topicTitle: string | null;
	topicSummary: string[];
	findings: string[];
	isPublished: boolean;
	isRegistrationOpen: boolean;
	hasPublishedDocumentation: boolean;
}

export async function listMemoryMeetings(
	db: Kysely<Database>,
	seriesId: string,
	options: { publishedOnly: boolean }
): Promise<MemoryMeetingRecord[]> {
	let query = db
		.selectFrom('meetings')
		.select((eb) => [
			'meetings.id',
			'meetings.number',
			'meetings.date',
			'meetings.start_time',
			'meetings.end_time',
			'meetings.time_zone',
			'meetings.topic_title',
			'meetings.topic_summary',
			'meetings.findings',
			'meetings.published_at',
			'meetings.is_registration_open',
			eb
				.selectFrom('documentation_versions')
				.select('documentation_versions.id')
				.whereRef('documentation_versions.meeting_id', '=', 'meetings.id')
				.where('documentation_versions.published_at', 'is not', null)
				.limit(1)
				.as('published_documentation_id')
		])
		.where('meetings.series_id', '=', seriesId);
	if (options.publishedOnly) query = query.where('meetings.published_at', 'is not', null);
	const rows = await query.orderBy('meetings.number').execute();
	return rows.map((row) => ({
		id: row.id,
		number: row.number,
		date: row.date,
		start: row.start_time,
		end: row.end_time,
		timeZone: row.time_zone,
		topicTitle: row.topic_title,
		topicSummary: fromJsonList(row.topic_summary),
		findings: fromJsonList(row.findings),
		isPublished: row.published_at !== null,
		isRegistrationOpen: fromBoolInt(row.is_registration_open),
		hasPublishedDocumentation: (row.published_documentation_id ?? null) !== null
	}));
}

/** The meeting before `number` in the series (the next lower number), with what its review needs. */
export async function findPreviousMeetingForReview(
	db: Kysely<Database>,
	seriesId: string,
	number: number
): Promise<
	| { number: number; topicTitle: string | null; findings: string[]; meetingNoun: string; language: string }
	| undefined
> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('series', 'series.id', 'meetings.series_id')
		.select([
			'meetings.number',
			'meetings.topic_title',
			'meetings.findings',
			'series.meeting_noun',
			'series.language'
		])
		.where('meetings.series_id', '=', seriesId)
		.where('meetings.number', '<', number)
		.orderBy('meetings.number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return (
		row && {
			number: row.number,
			topicTitle: row.topic_title,
			findings: fromJsonList(row.findings),
			meetingNoun: row.meeting_noun,
			language: row.language
		}
	);
}
