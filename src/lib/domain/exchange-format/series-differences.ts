import type { MeetingDocument } from './schema';

type SeriesBlock = MeetingDocument['series'];

/**
 * The fields of a document's `series` block that differ from the stored series, as JSON
 * pointers (`/series/title`). An import into an existing series keeps the stored series (it may
 * have been edited since, and other meetings share it), so these are what the import leaves out.
 * Absent and empty mean the same; the language defaults to German, as when a series is created.
 */
export function seriesDifferences(stored: SeriesBlock, imported: SeriesBlock): string[] {
	const fields: [string, (series: SeriesBlock) => unknown][] = [
		['title', (series) => series.title],
		['meetingNoun', (series) => series.meetingNoun],
		['meetingNounGenitive', (series) => series.meetingNounGenitive],
		['audience', (series) => series.audience],
		['language', (series) => series.language ?? 'de'],
		['organizer/name', (series) => series.organizer.name],
		['organizer/email', (series) => series.organizer.email ?? null],
		['organizer/website', (series) => series.organizer.website ?? null],
		['formatDescription', (series) => series.formatDescription ?? []],
		[
			'fundingNotice',
			(series) =>
				series.fundingNotice?.funder.length
					? { lead: series.fundingNotice.lead, funder: series.fundingNotice.funder }
					: null
		]
	];
	return fields
		.filter(([, read]) => JSON.stringify(read(stored)) !== JSON.stringify(read(imported)))
		.map(([field]) => `/series/${field}`);
}
