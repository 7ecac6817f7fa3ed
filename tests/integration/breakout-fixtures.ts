import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { actorForUser, createApiToken } from '../../src/lib/server/services/auth';
import { createRound, getRound, runAssignment } from '../../src/lib/server/services/breakouts';
import { LiveBus } from '../../src/lib/server/live/bus';
import { startRound } from '../../src/lib/server/services/breakouts-live';
import { startLiveSession } from '../../src/lib/server/services/live-moderation';
import { joinLive } from '../../src/lib/server/services/live-participants';
import { factories } from '../helpers/factories';
import { importLiveMeeting } from './live-fixtures';

/** A room member who uses the board over the API: their person, room and API token. */
export interface BoardMember {
	personId: string;
	roomId: string;
	token: string;
}

/**
 * A live meeting with `people` registered people besides the founding meeting's own, each with an
 * account and an API token, and a running breakout round of `rooms` rooms that the random
 * assignment has filled. The meeting's live session runs and every member joined it (signed in),
 * so they may follow its event stream. For the tests that drive the built app from outside.
 */
export async function breakoutRoundWithMembers(
	db: Kysely<Database>,
	options: { people: number; rooms: number }
) {
	const make = factories(db);
	const organizer = await make.organizer();
	const meeting = await importLiveMeeting(db, organizer.actor, (doc) => {
		doc.meeting.people = [
			...(doc.meeting.people ?? []),
			...Array.from({ length: options.people }, (_, index) => ({
				id: `gast-${index}`,
				name: `Gast ${index}`,
				registered: true,
				attended: true
			}))
		];
	});
	const ref = { seriesId: meeting.seriesSlug, number: meeting.number };
	const { key } = await createRound(db, organizer.actor, ref, {
		title: 'Netzwerke vor Ort',
		roomCount: options.rooms,
		dotsPerPerson: 50
	});
	await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
	const { round } = await getRound(db, organizer.actor, ref, key);
	const ours = await db
		.selectFrom('people')
		.select(['id', 'person_key'])
		.where('person_key', 'like', 'gast-%')
		.where(
			'id',
			'in',
			round.rooms.flatMap((room) => room.members.map((member) => member.personId))
		)
		.execute();
	const bus = new LiveBus(db);
	const { code } = await startLiveSession(db, bus, organizer.actor, ref.seriesId, ref.number, {});
	const members: BoardMember[] = [];
	for (const person of ours) {
		const account = await make.user();
		await db.updateTable('people').set({ user_id: account.id }).where('id', '=', person.id).execute();
		const actor = await actorForUser(db, account.id);
		await joinLive(db, { actor, cookies: { get: () => undefined } }, code, {
			displayName: person.person_key
		});
		members.push({
			personId: person.id,
			roomId: round.rooms.find((room) => room.members.some((m) => m.personId === person.id))!.id,
			token: (await createApiToken(db, actor, { name: 'Board' })).token
		});
	}
	// Started once everyone is placed and joined: the assignment stands, the round runs.
	await startRound(db, bus, organizer.actor, ref, key);
	await bus.close();
	return {
		organizer,
		meeting,
		/** The live session's join code. */
		code,
		roundKey: key,
		roomIds: round.rooms.map((room) => room.id),
		members,
		/** The board API's path of a room's cards, under /api/v1. */
		cardsPath: (roomId: string) =>
			`/api/v1/meetings/${meeting.seriesSlug}/${meeting.number}/breakouts/${key}/rooms/${roomId}/cards`
	};
}
