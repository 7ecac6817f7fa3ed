import { formatMeetingTitle } from '../../domain/meeting-display';
import type * as meetingsRepo from '../repositories/meetings';
import type * as seriesRepo from '../repositories/series';

/** Views of a series and of its meetings in lists: what pages and the API show. */

export interface SeriesView {
	id: string;
	title: string;
	meetingNoun: string;
	meetingNounGenitive: string;
	audience: string;
	language: string;
	organizationId: string;
	organizationName: string;
	organizer: { name: string; email: string | null; website: string | null };
	formatDescription: string[];
	fundingNotice: { lead: string; funder: string[] } | null;
	privacyNotice: string | null;
	retentionMonths: number;
	isPublished: boolean;
	publishedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface MeetingSummary {
	number: number;
	title: string;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	topicTitle: string | null;
	isPublished: boolean;
}

export function toSeriesView(series: seriesRepo.SeriesRecord): SeriesView {
	return {
		id: series.slug,
		title: series.title,
		meetingNoun: series.meetingNoun,
		meetingNounGenitive: series.meetingNounGenitive,
		audience: series.audience,
		language: series.language,
		organizationId: series.organizationId,
		organizationName: series.organizationName,
		organizer: { name: series.organizerName, email: series.organizerEmail, website: series.organizerWebsite },
		formatDescription: series.formatDescription,
		fundingNotice:
			series.fundingLead !== null ? { lead: series.fundingLead, funder: series.fundingFunder } : null,
		privacyNotice: series.privacyNotice,
		retentionMonths: series.retentionMonths,
		isPublished: series.publishedAt !== null,
		publishedAt: series.publishedAt,
		createdAt: series.createdAt,
		updatedAt: series.updatedAt
	};
}

export function toMeetingSummary(
	series: { meetingNoun: string },
	meeting: meetingsRepo.MeetingRecord
): MeetingSummary {
	return {
		number: meeting.number,
		title: formatMeetingTitle(meeting.number, series.meetingNoun),
		date: meeting.date,
		start: meeting.start,
		end: meeting.end,
		timeZone: meeting.timeZone,
		topicTitle: meeting.topicTitle,
		isPublished: meeting.publishedAt !== null
	};
}
