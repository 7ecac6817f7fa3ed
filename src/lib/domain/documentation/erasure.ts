/**
 * Erasure in frozen documentation versions (DSGVO): a person who deletes their data, or whom
 * the retention period anonymizes, must vanish from every stored snapshot too, so that no
 * version, published or not, names them again. Pure: no I/O.
 *
 * A person is recognized by their id in the document (people.person_key) or by their email.
 * Deleting removes them and every reference to them (speaker, presenter, room member, credit);
 * anonymizing keeps their entry and references (so counts stay) under a placeholder name, with
 * no contact data and no consent, as the retention job does to the live data.
 */
import type { MeetingDocument } from '../exchange-format/schema';
import { normalizeEmail } from '../email';

type Meeting = MeetingDocument['meeting'];
type Person = NonNullable<Meeting['people']>[number];
type PersonRef = NonNullable<Meeting['moderation']>[number];

export interface ErasedPerson {
	/** The person's id in the exchange document (people.person_key). */
	personKey: string;
	/** Normalized (lower-case) email, when known. */
	email: string | null;
}

function matcher(people: readonly ErasedPerson[]) {
	const keys = new Set(people.map((person) => person.personKey));
	const emails = new Set(people.flatMap((person) => (person.email ? [normalizeEmail(person.email)] : [])));
	return (person: { id: string; email?: string }) =>
		keys.has(person.id) || (person.email !== undefined && emails.has(normalizeEmail(person.email)));
}

/** Drops the list key when it ends up empty, as the format leaves absent lists out. */
function withList<T extends object, K extends keyof T>(object: T, key: K, list: unknown[] | undefined): T {
	const copy = { ...object };
	if (list === undefined) return copy;
	if (list.length === 0) delete copy[key];
	else copy[key] = list as T[K];
	return copy;
}

/** Removes the people and every reference to them. */
export function erasePeople(document: MeetingDocument, people: readonly ErasedPerson[]): MeetingDocument {
	if (people.length === 0) return document;
	const isErased = matcher(people);
	const meeting = document.meeting;
	const erasedIds = new Set([
		...people.map((person) => person.personKey),
		...(meeting.people ?? []).filter(isErased).map((person) => person.id)
	]);
	const keep = (ids: string[] | undefined) => ids?.filter((id) => !erasedIds.has(id));
	const keepRefs = (refs: PersonRef[] | undefined) => refs?.filter((ref) => !erasedIds.has(ref.id));
	let shown: Meeting = { ...meeting };
	shown = withList(
		shown,
		'people',
		meeting.people?.filter((person) => !isErased(person))
	);
	shown = withList(shown, 'moderation', keepRefs(meeting.moderation));
	shown = withList(shown, 'documentedBy', keepRefs(meeting.documentedBy));
	shown.agenda = meeting.agenda.map((item) => withList(item, 'speakers', keep(item.speakers)));
	if (meeting.attachments)
		shown.attachments = meeting.attachments.map((attachment) =>
			withList(attachment, 'presenters', keep(attachment.presenters))
		);
	if (meeting.breakoutRounds)
		shown.breakoutRounds = meeting.breakoutRounds.map((round) => ({
			...round,
			rooms: round.rooms.map((room) => withList(room, 'participants', keep(room.participants)))
		}));
	return { ...document, meeting: shown };
}

/** Keeps the people's entries and references under a placeholder name, without any personal data. */
export function anonymizePeople(
	document: MeetingDocument,
	people: readonly ErasedPerson[],
	placeholderName: string
): MeetingDocument {
	if (people.length === 0) return document;
	const isErased = matcher(people);
	const meeting = document.meeting;
	const anonymizedIds = new Set([
		...people.map((person) => person.personKey),
		...(meeting.people ?? []).filter(isErased).map((person) => person.id)
	]);
	const anonymize = (person: Person): Person =>
		isErased(person)
			? {
					id: person.id,
					name: placeholderName,
					...(person.registered !== undefined && { registered: person.registered }),
					...(person.attended !== undefined && { attended: person.attended }),
					...(person.status !== undefined && { status: person.status })
				}
			: person;
	const anonymizeRefs = (refs: PersonRef[] | undefined) =>
		refs?.map((ref) => (anonymizedIds.has(ref.id) ? { id: ref.id, name: placeholderName } : ref));
	let shown: Meeting = { ...meeting };
	if (meeting.people) shown.people = meeting.people.map(anonymize);
	if (meeting.moderation) shown = { ...shown, moderation: anonymizeRefs(meeting.moderation) };
	if (meeting.documentedBy) shown = { ...shown, documentedBy: anonymizeRefs(meeting.documentedBy) };
	return { ...document, meeting: shown };
}
