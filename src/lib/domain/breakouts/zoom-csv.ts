/**
 * The assignment as Zoom's breakout pre-assignment file: the header exactly
 * `Pre-assign Room Name,Email Address`, one row per person with an email, commas never inside a
 * room name (Zoom's importer does not read quotes). People without an email cannot be
 * pre-assigned: they are returned apart, for the moderator to move in Zoom by hand.
 */

export interface AssignedPerson {
	name: string;
	organization: string | null;
	email: string | null;
	roomName: string;
}

export const ZOOM_HEADER = 'Pre-assign Room Name,Email Address';

/** A room name Zoom takes: no commas, quotes or line breaks, no leading formula sign. */
export function zoomRoomName(name: string): string {
	const cleaned = name
		.replace(/[,"\r\n\t]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[=+\-@]+\s*/, '');
	return cleaned || 'Raum';
}

const EMAIL = /^[^\s,;"<>@]+@[^\s,;"<>@]+\.[^\s,;"<>@]+$/;

export interface ZoomPreassignment {
	csv: string;
	/** People without a (usable) email: listed for the moderator. */
	withoutEmail: AssignedPerson[];
}

/** One row per person (the first one when two people share an email), CRLF line ends. */
export function zoomPreassignment(people: readonly AssignedPerson[]): ZoomPreassignment {
	const seen = new Set<string>();
	const lines = [ZOOM_HEADER];
	const withoutEmail: AssignedPerson[] = [];
	for (const person of people) {
		const email = person.email?.trim() ?? '';
		if (!EMAIL.test(email)) {
			withoutEmail.push(person);
			continue;
		}
		if (seen.has(email.toLowerCase())) continue;
		seen.add(email.toLowerCase());
		lines.push(`${zoomRoomName(person.roomName)},${email}`);
	}
	return { csv: `${lines.join('\r\n')}\r\n`, withoutEmail };
}
