import type { Kysely } from 'kysely';
import { z } from 'zod';
import { choose } from '../../domain/breakouts/assignment';
import type { RoomChoice } from '../../domain/breakouts/room-choice';
import { conflict, forbidden, problem, validationFailed } from '../../domain/errors';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import * as repo from '../repositories/breakouts';
import { findMeetingHandleById, type MeetingHandle } from '../repositories/meeting-lookup';
import { runningRoundOf } from './breakouts-arrivals';
import { boardIdentity } from './breakouts-board-access';
import { addPlacement, guestKey, listPlaceable, roomStates } from './breakouts-placement';
import { activeSession, findParticipant, type LiveRequest, type Viewer } from './live-participants';
import { ownPerson } from './breakouts-access';
import { canModerateMeeting } from '../../domain/policy';
import { publishState } from './live-state';

/**
 * Choosing a room on the live page: in a running self-chosen round, a participant without a room
 * (a person of the meeting or a guest of the session) picks one by its topic, within its cap.
 * The organizers' `chooseRoom` (breakouts-assignment.ts) serves signed-in people by the
 * meeting's address; this one serves everyone in the live session by its code.
 */

export const ChooseLiveRoom = z.strictObject({ roomId: z.string().trim().min(1).max(100) });

/** The viewer in the running round: their placement key and room; undefined for moderators and strangers. */
async function chooserIn(db: Kysely<Database>, viewer: Viewer, handle: MeetingHandle, round: repo.RoundRow) {
	const who = await boardIdentity(db, viewer, handle, round);
	if (!who || who.identity.kind === 'moderator') return undefined;
	const key = who.identity.kind === 'person' ? who.identity.personId : guestKey(who.identity.participantId);
	if (!(await listPlaceable(db, handle.meetingId)).some((entry) => entry.id === key)) return undefined;
	return { key, roomId: who.roomId };
}

async function liveRound(db: Kysely<Database>, code: string, request: LiveRequest) {
	const session = await activeSession(db, code, request.clientAddress);
	const handle = (await findMeetingHandleById(db, session.meetingId))!;
	return { handle, round: await runningRoundOf(db, handle.meetingId) };
}

/**
 * The rooms the viewer may choose from: only in a running self-chosen round, and only while the
 * viewer has no room (null otherwise).
 */
export async function getRoomChoice(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<RoomChoice[] | null> {
	const { handle, round } = await liveRound(db, code, request);
	if (!round || round.mode !== 'self') return null;
	const chooser = await chooserIn(db, viewer, handle, round);
	if (!chooser || chooser.roomId) return null;
	const states = await roomStates(db, round.id, await listPlaceable(db, handle.meetingId));
	return (await repo.listRooms(db, round.id)).map((room) => {
		const state = states.find((entry) => entry.id === room.id)!;
		return { id: room.id, name: room.name, topic: room.topic, isFull: choose(state, chooser.key) === 'full' };
	});
}

/**
 * Places the viewer in the room they chose (field `roomId`): under the round's lock, so that two
 * people cannot both take a room's last place. Only while they have no room; the new assignment
 * is published (their stream reads their room again).
 */
export async function chooseLiveRoom(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	input: unknown,
	request: LiveRequest = {}
): Promise<{ roomId: string }> {
	const session = await activeSession(db, code, request.clientAddress);
	const handle = (await findMeetingHandleById(db, session.meetingId))!;
	// Rights first, whether a round runs or not: moderators are never placed, strangers not at all.
	if (canModerateMeeting(viewer.actor, handle)) throw forbidden('breakouts.notPlaced');
	const isParticipant =
		(await findParticipant(db, session, viewer)) !== undefined ||
		(await ownPerson(db, viewer.actor, handle)) !== undefined;
	if (!isParticipant) throw forbidden('live.notParticipant');
	const round = await runningRoundOf(db, handle.meetingId);
	if (!round) throw conflict('breakouts.noRunningRound');
	if (round.mode !== 'self') throw conflict('breakouts.notSelfChosen');
	const chooser = await chooserIn(db, viewer, handle, round);
	if (!chooser) throw forbidden('breakouts.notPlaced');
	const { roomId } = parseOrThrow(ChooseLiveRoom, input);
	await db.transaction().execute(async (trx) => {
		await repo.lockRound(trx, round.id);
		const rooms = await roomStates(trx, round.id, await listPlaceable(trx, handle.meetingId));
		const state = rooms.find((entry) => entry.id === roomId);
		if (!state) throw validationFailed([problem('roomId', 'breakouts.roomNotFound')]);
		const current = rooms.find((room) => room.members.some((member) => member.id === chooser.key));
		if (current?.id === roomId) return;
		// Moving is the moderators' part: a chosen room is kept.
		if (current) throw conflict('breakoutsLive.alreadyPlaced');
		if (choose(state, chooser.key) === 'full')
			throw validationFailed([problem('roomId', 'breakouts.roomFull')]);
		await addPlacement(trx, roomId, chooser.key);
		await repo.bumpAssignmentRevision(trx, round.id);
	});
	await publishState(bus, handle.meetingId);
	return { roomId };
}
