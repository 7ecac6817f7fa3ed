import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import type { ParticipantRecord } from '../repositories/live-sessions';
import { findLiveRound } from './breakouts-live-view';
import { guestKey, listPlaceable, placeLate } from './breakouts-placement';
import { publishState } from './live-state';

/**
 * Live participants in the running round: placing one who arrives while it runs, and finding the
 * room of one who follows the event stream. Apart from the live page's services, so that
 * live-participants.ts (joining) can call it without importing them.
 */

export async function runningRoundOf(
	db: Kysely<Database>,
	meetingId: string
): Promise<repo.RoundRow | undefined> {
	const round = await findLiveRound(db, meetingId);
	return round?.status === 'running' ? round : undefined;
}

/** The person of the meeting behind a live participant (a registered account), if any. */
async function personOf(
	db: Kysely<Database>,
	meetingId: string,
	participant: ParticipantRecord
): Promise<repo.MeetingPersonRow | undefined> {
	return participant.userId ? repo.findMeetingPersonByUser(db, meetingId, participant.userId) : undefined;
}

/** The placement key of a live participant: their person (a registered account), else them as a guest. */
async function placementKeyOf(
	db: Kysely<Database>,
	meetingId: string,
	participant: ParticipantRecord
): Promise<string> {
	return (await personOf(db, meetingId, participant))?.id ?? guestKey(participant.id);
}

/** The participant's room in the running round, for their event stream (null: none). */
export async function listenerRoom(
	db: Kysely<Database>,
	meetingId: string,
	participant: ParticipantRecord
): Promise<string | null> {
	const round = await runningRoundOf(db, meetingId);
	if (!round) return null;
	const person = await personOf(db, meetingId, participant);
	const roomId = person
		? await repo.findMemberRoom(db, round.id, person.id)
		: await repo.findGuestRoom(db, round.id, participant.id);
	return roomId ?? null;
}

/**
 * A participant who joins while a round runs is placed at once, by the round's rule (a manual
 * round leaves them to the moderators); the new assignment is published when a bus is given.
 */
export async function placeArrival(
	db: Kysely<Database>,
	meetingId: string,
	participant: ParticipantRecord,
	bus?: LiveBus
): Promise<string | undefined> {
	const round = await runningRoundOf(db, meetingId);
	if (!round) return undefined;
	const key = await placementKeyOf(db, meetingId, participant);
	const placed = await db.transaction().execute(async (trx) => {
		const everyone = await listPlaceable(trx, meetingId);
		return placeLate(trx, round, everyone, key);
	});
	if (placed.isNew && bus) await publishState(bus, meetingId);
	return placed.roomId;
}
