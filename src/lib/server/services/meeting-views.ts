import { formatMeetingTitle } from '../../domain/meeting-display';
import type * as meetingsRepo from '../repositories/meetings';
import type { SeriesRecord } from '../repositories/series';

/** What readers and editors see of a meeting: its fields and credits as one view. */

export interface CreditView {
	id: string;
	name: string;
	organization: string | null;
}

export interface MeetingView {
	series: string;
	number: number;
	title: string;
	date: string;
	start: string;
	end: string;
	timeZone: string;
	venue: {
		mode: meetingsRepo.VenueMode;
		platform: string | null;
		url: string | null;
		address: string | null;
	};
	topic: { title: string | null; summary: string[]; guidingQuestions: string[] };
	outlook: { text: string[]; topicWishesContact: string | null };
	moderation: CreditView[];
	documentedBy: CreditView[];
	/** The meeting's own state; it is public only when its series is published too. */
	isPublished: boolean;
	isPublic: boolean;
	publishedAt: string | null;
}

export interface AgendaItemView {
	slot: string;
	start: string;
	end: string;
	kind: string;
	title: string;
	details: string[];
	speakers: { id: string; name: string; organization: string | null }[];
}

/** A person as a meeting's pages and API name them: by their key in the meeting. */
export function toPersonView(person: {
	personKey: string;
	name: string;
	organization: string | null;
}): CreditView {
	return { id: person.personKey, name: person.name, organization: person.organization };
}

export function toMeetingView(
	series: SeriesRecord,
	meeting: meetingsRepo.MeetingRecord,
	credits: meetingsRepo.CreditRecord[]
): MeetingView {
	const creditsOf = (role: meetingsRepo.CreditRole) =>
		credits.filter((credit) => credit.role === role).map(toPersonView);
	return {
		series: series.slug,
		number: meeting.number,
		title: formatMeetingTitle(meeting.number, series.meetingNoun),
		date: meeting.date,
		start: meeting.start,
		end: meeting.end,
		timeZone: meeting.timeZone,
		venue: {
			mode: meeting.venueMode,
			platform: meeting.venuePlatform,
			url: meeting.venueUrl,
			address: meeting.venueAddress
		},
		topic: {
			title: meeting.topicTitle,
			summary: meeting.topicSummary,
			guidingQuestions: meeting.topicGuidingQuestions
		},
		outlook: { text: meeting.outlookText, topicWishesContact: meeting.topicWishesContact },
		moderation: creditsOf('moderation'),
		documentedBy: creditsOf('documentation'),
		isPublished: meeting.publishedAt !== null,
		isPublic: meeting.publishedAt !== null && series.publishedAt !== null,
		publishedAt: meeting.publishedAt
	};
}
