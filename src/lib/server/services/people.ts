import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { conflict, notFound, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { slugify } from '../../domain/slug';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import * as meetingsRepo from '../repositories/meetings';
import * as peopleRepo from '../repositories/people';
import { requireMeeting } from './meeting-access';
import { optionalEmail, optionalId, optionalText, requiredText } from './series';

/** The people of a meeting, managed by its organizers. */

/** A person as the organizer enters them; the key is derived from the name when left empty. */
export const SavePerson = z.strictObject({
	key: optionalId,
	name: requiredText(200),
	organization: optionalText(300),
	municipality: optionalText(200),
	role: optionalText(200),
	email: optionalEmail,
	registered: z.boolean().optional(),
	attended: z.boolean().optional(),
	consent: z
		.strictObject({ participantList: z.boolean().optional(), shareEmail: z.boolean().optional() })
		.optional()
});
export type SavePerson = z.infer<typeof SavePerson>;

export interface PersonView {
	id: string;
	name: string;
	organization: string | null;
	municipality: string | null;
	role: string | null;
	email: string | null;
	registered: boolean;
	attended: boolean;
	consent: { participantList: boolean; shareEmail: boolean };
}

function toPersonView(person: peopleRepo.PersonRecord): PersonView {
	return {
		id: person.personKey,
		name: person.name,
		organization: person.organization,
		municipality: person.municipality,
		role: person.jobRole,
		email: person.email,
		registered: person.isRegistered,
		attended: person.hasAttended,
		consent: { participantList: person.consentParticipantList, shareEmail: person.consentShareEmail }
	};
}

function toFields(data: SavePerson): peopleRepo.PersonFields {
	const personKey = data.key ?? slugify(data.name);
	if (!personKey) throw validationFailed([problem('/key', 'people.keyNotDerivable')]);
	return {
		personKey,
		name: data.name,
		organization: data.organization ?? null,
		municipality: data.municipality ?? null,
		jobRole: data.role ?? null,
		email: data.email ?? null,
		isRegistered: data.registered ?? false,
		hasAttended: data.attended ?? false,
		consentParticipantList: data.consent?.participantList ?? false,
		consentShareEmail: data.consent?.shareEmail ?? false
	};
}

function keyTaken(key: string) {
	return conflict('people.keyTaken', { key }, [problem('/key', 'people.keyTaken', { key })]);
}

const managed = (db: Kysely<Database>, actor: Actor, seriesId: string, number: number) =>
	requireMeeting(db, actor, { seriesId, number }, 'manage');

export async function listPeople(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number
): Promise<PersonView[]> {
	const meeting = await managed(db, actor, slug, number);
	return (await peopleRepo.listPeople(db, meeting.meetingId)).map(toPersonView);
}

export async function getPerson(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	key: string
): Promise<PersonView> {
	const meeting = await managed(db, actor, slug, number);
	const person = (await peopleRepo.listPeople(db, meeting.meetingId)).find(
		(entry) => entry.personKey === key
	);
	if (!person) throw notFound('people.notFound');
	return toPersonView(person);
}

export async function addPerson(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	input: unknown
): Promise<PersonView> {
	const meeting = await managed(db, actor, slug, number);
	const fields = toFields(parseOrThrow(SavePerson, input));
	const id = randomUUID();
	try {
		await db.transaction().execute(async (trx) => {
			if (await peopleRepo.isPersonKeyTaken(trx, meeting.meetingId, fields.personKey))
				throw keyTaken(fields.personKey);
			await peopleRepo.insertPerson(trx, { id, meetingId: meeting.meetingId, fields });
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw keyTaken(fields.personKey);
		throw error;
	}
	return toPersonView({ id, position: 0, ...fields });
}

/** Saves a person; credits naming them follow a new key, name or organization. */
export async function updatePerson(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	key: string,
	input: unknown
): Promise<PersonView> {
	const meeting = await managed(db, actor, slug, number);
	const data = parseOrThrow(SavePerson, input);
	const fields = toFields({ ...data, key: data.key ?? key });
	try {
		await db.transaction().execute(async (trx) => {
			const person = (await peopleRepo.listPeople(trx, meeting.meetingId)).find(
				(entry) => entry.personKey === key
			);
			if (!person) throw notFound('people.notFound');
			if (await peopleRepo.isPersonKeyTaken(trx, meeting.meetingId, fields.personKey, person.id))
				throw keyTaken(fields.personKey);
			await peopleRepo.updatePerson(trx, person.id, fields);
			await meetingsRepo.renameCredits(trx, meeting.meetingId, key, fields);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw keyTaken(fields.personKey);
		throw error;
	}
	return toPersonView({ id: '', position: 0, ...fields });
}

/**
 * Removes a person and the credits that name them: whoever leaves the meeting's list is no
 * longer printed as its moderator or author (consent decides who is named).
 */
export async function removePerson(
	db: Kysely<Database>,
	actor: Actor,
	slug: string,
	number: number,
	key: string
): Promise<void> {
	const meeting = await managed(db, actor, slug, number);
	await db.transaction().execute(async (trx) => {
		const person = (await peopleRepo.listPeople(trx, meeting.meetingId)).find(
			(entry) => entry.personKey === key
		);
		if (!person) throw notFound('people.notFound');
		await meetingsRepo.deleteCreditsOf(trx, meeting.meetingId, key);
		await peopleRepo.deletePerson(trx, person.id);
	});
}
