import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeColumns } from '../../domain/breakouts/config';
import { notFound, problem, validationFailed } from '../../domain/errors';
import type { Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { toCsv } from '../exports/table-files';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import type { MeetingAddress } from '../../domain/meeting-address';
import {
	CreateCluster,
	DeleteCluster,
	SetCardCluster,
	WriteSynthesis,
	WriteFindings
} from './breakouts-schemas';
import { type BreakoutsMeeting, meetingOf, meetingToManage, roundOf } from './breakouts-access';
import { publishState } from './live-state';

/**
 * Breakout rounds' synthesis: the overview, clusters, the round's synthesis and the meeting's
 * findings. Saving the synthesis or the findings publishes the live `state` (when a bus is given),
 * so that an open projector fetches them again (routes/live/[code]/projector, breakouts-projector.ts).
 */

export interface OverviewCard {
	id: string;
	roomId: string;
	roomName: string;
	text: string;
	column: string | null;
	votes: number;
	clusterId: string | null;
	/** Only a person who consented to the participant list is named; guests never. */
	author: string | null;
}

export interface SynthesisView {
	meeting: BreakoutsMeeting;
	round: { key: string; title: string; columns: string[]; synthesis: string[] };
	/** In the rooms' order, rooms without cards too. */
	rooms: { id: string; name: string; topic: string | null }[];
	clusters: repo.ClusterRow[];
	cards: OverviewCard[];
	findings: string[];
}

/** All rooms' cards side by side for the moderators' plenary view, with the clusters. */
export async function getSynthesis(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string
): Promise<SynthesisView> {
	const handle = await meetingToManage(db, actor, address);
	const round = await roundOf(db, handle, key);
	const rooms = await repo.listRooms(db, round.id);
	const people = new Map((await repo.listMeetingPeople(db, handle.meetingId)).map((p) => [p.id, p]));
	const cards = await repo.listCards(db, round.id);
	return {
		meeting: await meetingOf(db, handle),
		round: {
			key: round.key,
			title: round.title,
			columns: normalizeColumns(round.columns),
			synthesis: round.synthesis
		},
		rooms: rooms.map((room) => ({ id: room.id, name: room.name, topic: room.topic })),
		clusters: await repo.listClusters(db, round.id),
		cards: cards.map((card) => {
			const author = card.authorPersonId ? people.get(card.authorPersonId) : undefined;
			return {
				id: card.id,
				roomId: card.roomId,
				roomName: rooms.find((room) => room.id === card.roomId)?.name ?? '',
				text: card.text,
				column: card.column,
				votes: card.importedVotes + card.liveVotes,
				clusterId: card.clusterId,
				author: author?.hasListConsent ? author.name : null
			};
		}),
		findings: await repo.meetingFindings(db, handle.meetingId)
	};
}

export async function createCluster(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<{ id: string }> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(CreateCluster, input);
	const round = await roundOf(db, handle, parsed.round);
	const id = randomUUID();
	await db
		.transaction()
		.execute((trx) => repo.insertCluster(trx, { id, roundId: round.id, label: parsed.label }));
	return { id };
}

export async function deleteCluster(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(DeleteCluster, input);
	const round = await roundOf(db, handle, parsed.round);
	const cluster = (await repo.listClusters(db, round.id)).find((entry) => entry.id === parsed.clusterId);
	if (!cluster) throw validationFailed([problem('clusterId', 'breakouts.clusterNotFound')]);
	await db.transaction().execute((trx) => repo.deleteCluster(trx, cluster.id));
}

export async function setCardCluster(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(SetCardCluster, input);
	const context = await repo.cardContext(db, parsed.cardId);
	if (!context || context.meetingId !== handle.meetingId) throw notFound('breakouts.cardNotFound');
	if (parsed.clusterId) {
		const clusters = await repo.listClusters(db, context.roundId);
		if (!clusters.some((cluster) => cluster.id === parsed.clusterId)) {
			throw validationFailed([problem('clusterId', 'breakouts.clusterNotFound')]);
		}
	}
	await db.transaction().execute((trx) => repo.setCardCluster(trx, parsed.cardId, parsed.clusterId ?? null));
}

/** The round's synthesis ("Einordnen der Ergebnisse"), written by moderators. */
export async function writeSynthesis(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(WriteSynthesis, input);
	const round = await roundOf(db, handle, parsed.round);
	await db.transaction().execute((trx) => repo.setRoundSynthesis(trx, round.id, parsed.synthesis));
	if (bus) await publishState(bus, handle.meetingId);
}

/** The meeting's findings ("Zusammenführung der wichtigsten Erkenntnisse"), written by moderators. */
export async function writeFindings(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	input: unknown,
	bus?: LiveBus
): Promise<void> {
	const handle = await meetingToManage(db, actor, address);
	const parsed = parseOrThrow(WriteFindings, input);
	await db.transaction().execute((trx) => repo.setMeetingFindings(trx, handle.meetingId, parsed.findings));
	if (bus) await publishState(bus, handle.meetingId);
}

export interface CardsFile {
	fileName: string;
	contentType: string;
	body: Buffer;
}

/**
 * The round's cards as CSV (semicolons, as German Excel opens it): room, column, text, votes and
 * cluster. No authors: the cards are the rooms' work, not a person's.
 */
export async function exportCards(
	db: Kysely<Database>,
	actor: Actor,
	address: MeetingAddress,
	key: string,
	headers: { room: string; column: string; text: string; votes: string; cluster: string }
): Promise<CardsFile> {
	const view = await getSynthesis(db, actor, address, key);
	const clusters = new Map(view.clusters.map((cluster) => [cluster.id, cluster.label]));
	const body = toCsv({
		sheetName: view.round.title,
		columns: [
			{ header: headers.room, width: 20 },
			{ header: headers.column, width: 20 },
			{ header: headers.text, width: 60 },
			{ header: headers.votes, width: 8 },
			{ header: headers.cluster, width: 24 }
		],
		rows: view.cards.map((card) => [
			card.roomName,
			card.column ?? '',
			card.text,
			card.votes,
			card.clusterId ? (clusters.get(card.clusterId) ?? '') : ''
		])
	});
	return { fileName: `breakout-${view.round.key}-karten.csv`, contentType: 'text/csv; charset=utf-8', body };
}
