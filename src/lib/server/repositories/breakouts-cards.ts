import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Breakout rooms' boards: cards, dot votes and clusters: Kysely queries only. */

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
// Cards

function cardQuery(db: Db, voterKey: string | undefined) {
	return db
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
		]);
}

type CardWithVote = CardRow & { hasMyVote: boolean };

function toCard(row: Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number]): CardWithVote {
	return {
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
	};
}

export async function listCards(db: Db, roundId: string, voterKey?: string): Promise<CardWithVote[]> {
	const rows = await cardQuery(db, voterKey)
		.where('breakout_rooms.round_id', '=', roundId)
		.orderBy('breakout_rooms.position')
		.orderBy('board_cards.position')
		.execute();
	return rows.map(toCard);
}

/** One room's cards in their order, with the voter's own dots. */
export async function listRoomCards(db: Db, roomId: string, voterKey?: string): Promise<CardWithVote[]> {
	const rows = await cardQuery(db, voterKey)
		.where('board_cards.room_id', '=', roomId)
		.orderBy('board_cards.position')
		.execute();
	return rows.map(toCard);
}

/** One card as the board shows it (for the event after a change). */
export async function findCard(db: Db, cardId: string, voterKey?: string): Promise<CardWithVote | undefined> {
	const row = await cardQuery(db, voterKey).where('board_cards.id', '=', cardId).executeTakeFirst();
	return row ? toCard(row) : undefined;
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
			column: string | null;
			version: number;
			authorPersonId: string | null;
			authorParticipantId: string | null;
	  }
	| undefined
> {
	const query = db
		.selectFrom('board_cards')
		.select(['id', 'room_id', 'text', 'column_name', 'version', 'author_person_id', 'author_participant_id'])
		.where('id', '=', cardId);
	const row = await (isPostgres(db) ? query.forUpdate() : query).executeTakeFirst();
	return row
		? {
				id: row.id,
				roomId: row.room_id,
				text: row.text,
				column: row.column_name,
				version: row.version,
				authorPersonId: row.author_person_id,
				authorParticipantId: row.author_participant_id
			}
		: undefined;
}

/**
 * Adds the card at the end of its room's board, in one statement (INSERT … SELECT): the next
 * position is read where the row is written, with no transaction around two round trips.
 */
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
): Promise<{ position: number }> {
	// Typed parameters: PostgreSQL cannot tell a bare parameter's type in a SELECT list.
	const text = (value: string | null) => sql<string>`cast(${value} as text)`;
	const row = await db
		.insertInto('board_cards')
		.columns([
			'id',
			'room_id',
			'position',
			'text',
			'column_name',
			'author_person_id',
			'author_participant_id',
			'created_at',
			'version'
		])
		.expression((eb) =>
			eb
				.selectFrom('board_cards')
				.select([
					text(card.id).as('id'),
					text(card.roomId).as('room_id'),
					sql<number>`coalesce(max(position), -1) + 1`.as('position'),
					text(card.text).as('text'),
					text(card.column).as('column_name'),
					text(card.authorPersonId).as('author_person_id'),
					text(card.authorParticipantId).as('author_participant_id'),
					text(card.createdAt).as('created_at'),
					sql.lit(1).as('version')
				])
				.where('room_id', '=', card.roomId)
		)
		.returning('position')
		.executeTakeFirstOrThrow();
	return { position: Number(row.position) };
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
