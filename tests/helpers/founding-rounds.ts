import type { MeetingDocument } from '../../src/lib/domain/exchange-format/schema';
import { foundingDocument } from './founding-document';

/** The founding meeting's two breakout rounds, by their titles (and keys: runde-1, runde-2). */
export const FIRST_ROUND = 'Bestehende lokale Netzwerke und informelle Vernetzung';
export const SECOND_ROUND = 'Weiterentwicklung und Herausforderungen von Netzwerken';
/** In a room, named in the meeting's participant list (consented): still never as a room member. */
export const CONSENTED = 'Nadia Genannt';
/** In a room, without consent to the participant list: in no public output. */
export const UNCONSENTED = 'Paul Ungenannt';
export const UNCONSENTED_ORGANIZATION = 'Geheimverein Paulus';

/**
 * The founding meeting with both founding rounds' rooms filled: two more people (one without
 * consent to the participant list) in rooms, and cards with columns and dot votes.
 */
export function foundingMeetingWithRooms(seriesId: string): MeetingDocument {
	const doc = foundingDocument();
	doc.series.id = seriesId;
	doc.meeting.people = [
		...(doc.meeting.people ?? []),
		{
			id: 'nadia',
			name: CONSENTED,
			organization: 'Stadt Soest',
			registered: true,
			attended: true,
			consent: { participantList: true }
		},
		{
			id: 'paul',
			name: UNCONSENTED,
			organization: UNCONSENTED_ORGANIZATION,
			registered: true,
			attended: true
		}
	];
	const [first, second] = doc.meeting.breakoutRounds!;
	first!.rooms = [
		{
			name: 'Raum 1',
			participants: ['nadia', 'paul'],
			cards: [
				{ text: 'Kulturstammtisch im Rathaus', column: 'Netzwerke', votes: 3 },
				{ text: 'Stammtisch der Heimatvereine', column: 'Netzwerke', votes: 1 }
			]
		},
		{ name: 'Raum 2', participants: [], cards: [{ text: 'Newsletter der Kreise', column: 'Ideen' }] }
	];
	second!.rooms = [
		{ name: 'Raum A', participants: ['paul'], cards: [{ text: 'Fehlende Zeit im Ehrenamt', votes: 2 }] },
		{ name: 'Raum B', participants: ['nadia'] }
	];
	return doc;
}
