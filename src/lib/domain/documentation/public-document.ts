/**
 * The exchange document the public may download (meeting.json in the public ZIP bundle, and the
 * source of every public rendering): the same consent rules as the documentation model
 * (PRODUCT.md, "Consent decides who is named"), applied to the document itself. Pure: no I/O.
 *
 * - A person stays when the participant list names them (registered or attended, consented to
 *   the list, not cancelled): name, organization, municipality, the flags that put them on the
 *   list, and their email only with its own consent.
 * - A person in a public role (agenda speaker, attachment presenter) stays with name and
 *   organization only, so that the role can name them; moderation and documentation authors are
 *   named in their own credits.
 * - Everybody else is left out, and so is every breakout room's list of members.
 *
 * Rendering the result gives the same documentation as rendering the full document.
 */
import type { MeetingDocument } from '../exchange-format/schema';
import { REGISTRATION_STATUS } from '../registration-rules';

type Person = NonNullable<MeetingDocument['meeting']['people']>[number];

/** The rule of the participant list (model.ts prints exactly these people). */
export function isOnParticipantList(person: Person): boolean {
	return (
		(person.registered === true || person.attended === true) &&
		person.consent?.participantList === true &&
		person.status !== REGISTRATION_STATUS.cancelled
	);
}

/** Ids of the people a public role names: agenda speakers and attachment presenters. */
function publicRoleIds(document: MeetingDocument): Set<string> {
	const ids = new Set<string>();
	for (const item of document.meeting.agenda) for (const id of item.speakers ?? []) ids.add(id);
	for (const attachment of document.meeting.attachments ?? [])
		for (const id of attachment.presenters ?? []) ids.add(id);
	return ids;
}

function publicPerson(person: Person, inPublicRole: boolean): Person | undefined {
	if (isOnParticipantList(person)) {
		const shareEmail = person.consent?.shareEmail === true && person.email !== undefined;
		return {
			id: person.id,
			name: person.name,
			...(person.organization !== undefined && { organization: person.organization }),
			...(person.municipality !== undefined && { municipality: person.municipality }),
			...(shareEmail && { email: person.email }),
			...(person.registered === true && { registered: true }),
			...(person.attended === true && { attended: true }),
			consent: { participantList: true, ...(shareEmail && { shareEmail: true }) }
		};
	}
	if (inPublicRole) {
		return {
			id: person.id,
			name: person.name,
			...(person.organization !== undefined && { organization: person.organization })
		};
	}
	return undefined;
}

export function publicMeetingDocument(document: MeetingDocument): MeetingDocument {
	const { meeting } = document;
	const inPublicRole = publicRoleIds(document);
	const people = (meeting.people ?? [])
		.map((person) => publicPerson(person, inPublicRole.has(person.id)))
		.filter((person): person is Person => person !== undefined);
	const breakoutRounds = meeting.breakoutRounds?.map((round) => ({
		...round,
		rooms: round.rooms.map(({ participants: _members, ...room }) => room)
	}));
	// Overriding the keys in place keeps meeting.json in the order of the full document.
	const shown: MeetingDocument['meeting'] = { ...meeting, people, breakoutRounds };
	if (people.length === 0) delete shown.people;
	if (breakoutRounds === undefined) delete shown.breakoutRounds;
	return { ...document, meeting: shown };
}

/** Whether the document's attachments name the file at this bundle path (attachments/…). */
export function listsFile(document: MeetingDocument, filePath: string): boolean {
	return (document.meeting.attachments ?? []).some((attachment) => attachment.file === filePath);
}
