import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { BreakoutRoundTable, Database } from '../db/schema';
import { REGISTRATION_STATUS } from '../../domain/registration-rules';
import { fromBoolInt } from '../db/booleans';
import { fromJsonList, toJsonList } from '../db/json-columns';

/** Breakout rounds, rooms, members, board cards, dot votes and clusters: Kysely queries only. */

export interface RoundRow {
	id: string;
	key: string;
	position: number;
	title: string;
	description: string | null;
	questions: string[];
	synthesis: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: string;
	dotsPerPerson: number;
	assignmentRuns: number;
	status: string;
	startedAt: string | null;
	endsAt: string | null;
	agendaItemId: string | null;
}

export interface RoomRow {
	id: string;
	roundId: string;
	position: number;
	name: string;
	topic: string | null;
	cap: number | null;
	rapporteurPersonId: string | null;
}

export interface MemberRow {
	roomId: string;
	personId: string;
	position: number;
}

export interface MeetingPersonRow {
	id: string;
	name: string;
	organization: string | null;
	email: string | null;
	ags: string | null;
	userId: string | null;
	hasListConsent: boolean;
}

export interface CardRow {
	id: string;
	roomId: string;
	position: number;
	text: string;
	column: string | null;
	importedVotes: number;
	liveVotes: number;
	authorPersonId: string | null;
	authorParticipantId: string | null;
	version: number;
	createdAt: string;
	updatedAt: string | null;
	clusterId: string | null;
}

export interface ClusterRow {
	id: string;
	roundId: string;
	position: number;
	label: string;
}

type Db = Kysely<Database>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

function toRound(row: Selectable<BreakoutRoundTable>): RoundRow {
	return {
		id: row.id,
		key: row.round_key,
		position: row.position,
		title: row.title,
		description: row.description,
		questions: fromJsonList(row.questions),
		synthesis: fromJsonList(row.synthesis),
		columns: fromJsonList(row.columns),
		roomCount: row.room_count,
		roomSize: row.room_size,
		durationMinutes: row.duration_minutes,
		mode: row.assignment_mode,
		dotsPerPerson: row.dots_per_person,
		assignmentRuns: row.assignment_runs,
		status: row.status,
		startedAt: row.started_at,
		endsAt: row.ends_at,
		agendaItemId: row.agenda_item_id
	};
}

export async function listRounds(db: Db, meetingId: string): Promise<RoundRow[]> {
	const rows = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	return rows.map((row) => toRound(row));
}

export async function findRound(db: Db, meetingId: string, key: string): Promise<RoundRow | undefined> {
	const row = await db
		.selectFrom('breakout_rounds')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.where('round_key', '=', key)
		.executeTakeFirst();
	return row ? toRound(row) : undefined;
}

/**
 * Takes the round's row lock for the rest of the transaction (PostgreSQL; SQLite's write
 * transaction is exclusive already): dot votes of one round are counted and cast one at a time,
 * so that two concurrent votes cannot both pass the per-person limit.
 */
export async function lockRound(db: Db, roundId: string): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set((eb) => ({ assignment_runs: eb.ref('assignment_runs') }))
		.where('id', '=', roundId)
		.execute();
}

export interface RoundFields {
	title: string;
	description: string | null;
	questions: string[];
	columns: string[];
	roomCount: number | null;
	roomSize: number | null;
	durationMinutes: number;
	mode: string;
	dotsPerPerson: number;
	agendaItemId: string | null;
}

const roundColumns = (fields: RoundFields) => ({
	title: fields.title,
	description: fields.description,
	questions: toJsonList(fields.questions),
	columns: toJsonList(fields.columns),
	room_count: fields.roomCount,
	room_size: fields.roomSize,
	duration_minutes: fields.durationMinutes,
	assignment_mode: fields.mode,
	dots_per_person: fields.dotsPerPerson,
	agenda_item_id: fields.agendaItemId
});

export async function insertRound(
	db: Db,
	meetingId: string,
	id: string,
	key: string,
	fields: RoundFields
): Promise<void> {
	const last = await db
		.selectFrom('breakout_rounds')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	await db
		.insertInto('breakout_rounds')
		.values({
			id,
			meeting_id: meetingId,
			round_key: key,
			position: Number(last?.max ?? -1) + 1,
			synthesis: toJsonList([]),
			...roundColumns(fields)
		})
		.execute();
}

export async function updateRound(db: Db, roundId: string, fields: RoundFields): Promise<void> {
	await db.updateTable('breakout_rounds').set(roundColumns(fields)).where('id', '=', roundId).execute();
}

export async function deleteRound(db: Db, roundId: string): Promise<void> {
	await db.deleteFrom('breakout_rounds').where('id', '=', roundId).execute();
}

export async function setRoundSynthesis(db: Db, roundId: string, paragraphs: string[]): Promise<void> {
	await db
		.updateTable('breakout_rounds')
		.set({ synthesis: toJsonList(paragraphs) })
		.where('id', '=', roundId)
		.execute();
}

export async function countAssignmentRun(db: Db, roundId: string): Promise<number> {
	await db
		.updateTable('breakout_rounds')
		.set((eb) => ({ assignment_runs: eb('assignment_runs', '+', 1) }))
		.where('id', '=', roundId)
		.execute();
	const row = await db
		.selectFrom('breakout_rounds')
		.select('assignment_runs')
		.where('id', '=', roundId)
		.executeTakeFirstOrThrow();
	return row.assignment_runs;
}

export async function setMeetingFindings(db: Db, meetingId: string, paragraphs: string[]): Promise<void> {
	await db
		.updateTable('meetings')
		.set({ findings: toJsonList(paragraphs), updated_at: new Date().toISOString() })
		.where('id', '=', meetingId)
		.execute();
}

/** The series' noun for its meetings ("Austauschtreffen"), for page titles. */
export async function meetingNoun(db: Db, seriesId: string): Promise<string> {
	const row = await db
		.selectFrom('series')
		.select('meeting_noun')
		.where('id', '=', seriesId)
		.executeTakeFirst();
	return row?.meeting_noun ?? '';
}

export async function meetingFindings(db: Db, meetingId: string): Promise<string[]> {
	const row = await db
		.selectFrom('meetings')
		.select('findings')
		.where('id', '=', meetingId)
		.executeTakeFirst();
	return fromJsonList(row?.findings);
}

// Rooms and members

export async function listRooms(db: Db, roundId: string): Promise<RoomRow[]> {
	const rows = await db
		.selectFrom('breakout_rooms')
		.selectAll()
		.where('round_id', '=', roundId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		roundId: row.round_id,
		position: row.position,
		name: row.name,
		topic: row.topic,
		cap: row.cap,
		rapporteurPersonId: row.rapporteur_person_id
	}));
}

export async function insertRoom(db: Db, room: RoomRow): Promise<void> {
	await db
		.insertInto('breakout_rooms')
		.values({
			id: room.id,
			round_id: room.roundId,
			position: room.position,
			name: room.name,
			topic: room.topic,
			cap: room.cap,
			rapporteur_person_id: room.rapporteurPersonId
		})
		.execute();
}

export async function updateRoom(
	db: Db,
	roomId: string,
	fields: { name: string; topic: string | null; cap: number | null; rapporteurPersonId: string | null }
): Promise<void> {
	await db
		.updateTable('breakout_rooms')
		.set({
			name: fields.name,
			topic: fields.topic,
			cap: fields.cap,
			rapporteur_person_id: fields.rapporteurPersonId
		})
		.where('id', '=', roomId)
		.execute();
}

export async function deleteRoom(db: Db, roomId: string): Promise<void> {
	await db.deleteFrom('breakout_rooms').where('id', '=', roomId).execute();
}

export async function listMembers(db: Db, roundId: string): Promise<MemberRow[]> {
	const rows = await db
		.selectFrom('breakout_room_members')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'breakout_room_members.room_id')
		.select([
			'breakout_room_members.room_id',
			'breakout_room_members.person_id',
			'breakout_room_members.position'
		])
		.where('breakout_rooms.round_id', '=', roundId)
		.orderBy('breakout_rooms.position')
		.orderBy('breakout_room_members.position')
		.execute();
	return rows.map((row) => ({ roomId: row.room_id, personId: row.person_id, position: row.position }));
}

/** Takes the person out of every room of the round. */
export async function removeMember(db: Db, roundId: string, personId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_members')
		.where('person_id', '=', personId)
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export async function clearMembers(db: Db, roundId: string): Promise<void> {
	await db
		.deleteFrom('breakout_room_members')
		.where('room_id', 'in', (eb) =>
			eb.selectFrom('breakout_rooms').select('id').where('round_id', '=', roundId)
		)
		.execute();
}

export async function addMember(db: Db, roomId: string, personId: string): Promise<void> {
	const last = await db
		.selectFrom('breakout_room_members')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('room_id', '=', roomId)
		.executeTakeFirst();
	await db
		.insertInto('breakout_room_members')
		.values({ room_id: roomId, person_id: personId, position: Number(last?.max ?? -1) + 1 })
		.execute();
}

/**
 * The meeting's people who take part: not cancelled, waiting, pending or only invited
 * (imported people without a registration status take part).
 */
export async function listMeetingPeople(db: Db, meetingId: string): Promise<MeetingPersonRow[]> {
	const rows = await db
		.selectFrom('people')
		.select(['id', 'name', 'organization', 'email', 'ags', 'user_id', 'consent_participant_list', 'status'])
		.where('meeting_id', '=', meetingId)
		.where((eb) => eb.or([eb('status', 'is', null), eb('status', '=', REGISTRATION_STATUS.confirmed)]))
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		organization: row.organization,
		email: row.email,
		ags: row.ags,
		userId: row.user_id,
		hasListConsent: fromBoolInt(row.consent_participant_list)
	}));
}

// Cards

export async function listCards(
	db: Db,
	roundId: string,
	voterKey?: string
): Promise<(CardRow & { hasMyVote: boolean })[]> {
	const rows = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.select((eb) => [
			'board_cards.id',
			'board_cards.room_id',
			'board_cards.position',
			'board_cards.text',
			'board_cards.column_name',
			'board_cards.vote_count',
			'board_cards.author_person_id',
			'board_cards.author_participant_id',
			'board_cards.version',
			'board_cards.created_at',
			'board_cards.updated_at',
			'board_cards.cluster_id',
			eb
				.selectFrom('board_card_votes')
				.select((inner) => inner.fn.countAll<number | string>().as('n'))
				.whereRef('board_card_votes.card_id', '=', 'board_cards.id')
				.as('live_votes'),
			eb
				.selectFrom('board_card_votes')
				.select((inner) => inner.fn.countAll<number | string>().as('n'))
				.whereRef('board_card_votes.card_id', '=', 'board_cards.id')
				.where('board_card_votes.voter_key', '=', voterKey ?? '')
				.as('my_votes')
		])
		.where('breakout_rooms.round_id', '=', roundId)
		.orderBy('breakout_rooms.position')
		.orderBy('board_cards.position')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		roomId: row.room_id,
		position: row.position,
		text: row.text,
		column: row.column_name,
		importedVotes: row.vote_count,
		liveVotes: Number(row.live_votes ?? 0),
		authorPersonId: row.author_person_id,
		authorParticipantId: row.author_participant_id,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		clusterId: row.cluster_id,
		hasMyVote: Number(row.my_votes ?? 0) > 0
	}));
}

/** The card with its row lock for the rest of the transaction on PostgreSQL (FOR UPDATE). */
export async function findCardForUpdate(
	db: Db,
	cardId: string
): Promise<
	| {
			id: string;
			roomId: string;
			text: string;
			version: number;
			authorPersonId: string | null;
			authorParticipantId: string | null;
	  }
	| undefined
> {
	const query = db
		.selectFrom('board_cards')
		.select(['id', 'room_id', 'text', 'version', 'author_person_id', 'author_participant_id'])
		.where('id', '=', cardId);
	const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
	return row
		? {
				id: row.id,
				roomId: row.room_id,
				text: row.text,
				version: row.version,
				authorPersonId: row.author_person_id,
				authorParticipantId: row.author_participant_id
			}
		: undefined;
}

export async function insertCard(
	db: Db,
	card: {
		id: string;
		roomId: string;
		text: string;
		column: string | null;
		authorPersonId: string | null;
		authorParticipantId: string | null;
		createdAt: string;
	}
): Promise<void> {
	const last = await db
		.selectFrom('board_cards')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('room_id', '=', card.roomId)
		.executeTakeFirst();
	await db
		.insertInto('board_cards')
		.values({
			id: card.id,
			room_id: card.roomId,
			position: Number(last?.max ?? -1) + 1,
			text: card.text,
			column_name: card.column,
			author_person_id: card.authorPersonId,
			author_participant_id: card.authorParticipantId,
			created_at: card.createdAt,
			version: 1
		})
		.execute();
}

/** Writes the text only when the card is still at `basedOn`; returns whether it did. */
export async function updateCardText(
	db: Db,
	cardId: string,
	basedOn: number,
	fields: { text: string; column: string | null; updatedAt: string }
): Promise<boolean> {
	const result = await db
		.updateTable('board_cards')
		.set({
			text: fields.text,
			column_name: fields.column,
			updated_at: fields.updatedAt,
			version: basedOn + 1
		})
		.where('id', '=', cardId)
		.where('version', '=', basedOn)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function deleteCard(db: Db, cardId: string): Promise<void> {
	await db.deleteFrom('board_cards').where('id', '=', cardId).execute();
}

export async function setCardCluster(db: Db, cardId: string, clusterId: string | null): Promise<void> {
	await db.updateTable('board_cards').set({ cluster_id: clusterId }).where('id', '=', cardId).execute();
}

// Dot votes

export async function countDots(db: Db, roundId: string, voterKey: string): Promise<number> {
	const row = await db
		.selectFrom('board_card_votes')
		.select((eb) => eb.fn.countAll<number | string>().as('n'))
		.where('round_id', '=', roundId)
		.where('voter_key', '=', voterKey)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

export async function hasDot(db: Db, cardId: string, voterKey: string): Promise<boolean> {
	const row = await db
		.selectFrom('board_card_votes')
		.select('card_id')
		.where('card_id', '=', cardId)
		.where('voter_key', '=', voterKey)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insertDot(
	db: Db,
	vote: {
		cardId: string;
		roundId: string;
		voterKey: string;
		personId: string | null;
		participantId: string | null;
	}
): Promise<void> {
	await db
		.insertInto('board_card_votes')
		.values({
			card_id: vote.cardId,
			round_id: vote.roundId,
			voter_key: vote.voterKey,
			person_id: vote.personId,
			participant_id: vote.participantId,
			created_at: new Date().toISOString()
		})
		.execute();
}

export async function deleteDot(db: Db, cardId: string, voterKey: string): Promise<void> {
	await db
		.deleteFrom('board_card_votes')
		.where('card_id', '=', cardId)
		.where('voter_key', '=', voterKey)
		.execute();
}

// Clusters

export async function listClusters(db: Db, roundId: string): Promise<ClusterRow[]> {
	const rows = await db
		.selectFrom('board_clusters')
		.selectAll()
		.where('round_id', '=', roundId)
		.orderBy('position')
		.execute();
	return rows.map((row) => ({ id: row.id, roundId: row.round_id, position: row.position, label: row.label }));
}

export async function insertCluster(
	db: Db,
	cluster: { id: string; roundId: string; label: string }
): Promise<void> {
	const last = await db
		.selectFrom('board_clusters')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('round_id', '=', cluster.roundId)
		.executeTakeFirst();
	await db
		.insertInto('board_clusters')
		.values({
			id: cluster.id,
			round_id: cluster.roundId,
			label: cluster.label,
			position: Number(last?.max ?? -1) + 1,
			created_at: new Date().toISOString()
		})
		.execute();
}

export async function deleteCluster(db: Db, clusterId: string): Promise<void> {
	await db.deleteFrom('board_clusters').where('id', '=', clusterId).execute();
}

/** The card's round (for authorization and the vote limit), through its room. */
export async function cardContext(
	db: Db,
	cardId: string
): Promise<{ roomId: string; roundId: string; meetingId: string } | undefined> {
	const row = await db
		.selectFrom('board_cards')
		.innerJoin('breakout_rooms', 'breakout_rooms.id', 'board_cards.room_id')
		.innerJoin('breakout_rounds', 'breakout_rounds.id', 'breakout_rooms.round_id')
		.select(['board_cards.room_id', 'breakout_rooms.round_id', 'breakout_rounds.meeting_id'])
		.where('board_cards.id', '=', cardId)
		.executeTakeFirst();
	return row ? { roomId: row.room_id, roundId: row.round_id, meetingId: row.meeting_id } : undefined;
}
