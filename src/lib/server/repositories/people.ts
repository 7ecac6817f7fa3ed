import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { fromBoolInt, toBoolInt } from '../db/booleans';

/** The people of a meeting (registrations, speakers, moderation…): SQL only. */

export interface PersonFields {
	personKey: string;
	name: string;
	organization: string | null;
	municipality: string | null;
	jobRole: string | null;
	email: string | null;
	isRegistered: boolean;
	hasAttended: boolean;
	consentParticipantList: boolean;
	consentShareEmail: boolean;
}

export interface PersonRecord extends PersonFields {
	id: string;
	position: number;
}

const personColumns = [
	'id',
	'position',
	'person_key',
	'name',
	'organization',
	'municipality',
	'job_role',
	'email',
	'is_registered',
	'has_attended',
	'consent_participant_list',
	'consent_share_email'
] as const;

function toColumns(fields: PersonFields) {
	return {
		person_key: fields.personKey,
		name: fields.name,
		organization: fields.organization,
		municipality: fields.municipality,
		job_role: fields.jobRole,
		email: fields.email,
		is_registered: toBoolInt(fields.isRegistered),
		has_attended: toBoolInt(fields.hasAttended),
		consent_participant_list: toBoolInt(fields.consentParticipantList),
		consent_share_email: toBoolInt(fields.consentShareEmail)
	};
}

/** The meeting's people in their list order. */
export async function listPeople(db: Kysely<Database>, meetingId: string): Promise<PersonRecord[]> {
	const rows = await db
		.selectFrom('people')
		.select(personColumns)
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.orderBy('name')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		position: row.position,
		personKey: row.person_key,
		name: row.name,
		organization: row.organization,
		municipality: row.municipality,
		jobRole: row.job_role,
		email: row.email,
		isRegistered: fromBoolInt(row.is_registered),
		hasAttended: fromBoolInt(row.has_attended),
		consentParticipantList: fromBoolInt(row.consent_participant_list),
		consentShareEmail: fromBoolInt(row.consent_share_email)
	}));
}

export async function isPersonKeyTaken(
	db: Kysely<Database>,
	meetingId: string,
	personKey: string,
	exceptId?: string
): Promise<boolean> {
	let query = db
		.selectFrom('people')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where('person_key', '=', personKey);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

export async function insertPerson(
	db: Kysely<Database>,
	person: { id: string; meetingId: string; fields: PersonFields }
): Promise<void> {
	// New people go to the end of the list.
	const last = await db
		.selectFrom('people')
		.select((eb) => eb.fn.max('position').as('highest'))
		.where('meeting_id', '=', person.meetingId)
		.executeTakeFirst();
	const position = last?.highest === null || last?.highest === undefined ? 0 : Number(last.highest) + 1;
	await db
		.insertInto('people')
		.values({
			id: person.id,
			meeting_id: person.meetingId,
			position,
			...toColumns(person.fields),
			ags: null,
			status: null,
			user_id: null
		})
		.execute();
}

export async function updatePerson(db: Kysely<Database>, id: string, fields: PersonFields): Promise<void> {
	await db.updateTable('people').set(toColumns(fields)).where('id', '=', id).execute();
}

export async function deletePerson(db: Kysely<Database>, id: string): Promise<void> {
	await db.deleteFrom('people').where('id', '=', id).execute();
}
