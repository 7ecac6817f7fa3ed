import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { actorForUser } from '../../src/lib/server/services/auth';
import {
	addCard,
	castDot,
	chooseRoom,
	createCluster,
	createRound,
	deleteCard,
	deleteRound,
	editCard,
	exportAssignment,
	getBoard,
	getRound,
	getSynthesis,
	listRounds,
	movePerson,
	placeLateJoiner,
	runAssignment,
	setCardCluster,
	updateRoom,
	updateRound,
	withdrawDot,
	writeFindings,
	writeSynthesis
} from '../../src/lib/server/services/breakouts';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import { problemFromError } from '../../src/lib/server/http/problems';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { rejection } from '../helpers/test-doubles';
import { importLiveMeeting } from './live-fixtures';

const HEADERS = { room: 'Raum', name: 'Name', organization: 'Organisation', email: 'E-Mail' };

async function failure(promise: Promise<unknown>): Promise<string> {
	const error = await rejection(promise);
	return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
}

interface PersonSpec {
	name: string;
	ags?: string | null;
	organization?: string | null;
	email?: string | null;
	consent?: boolean;
	userId?: string | null;
	status?: string | null;
}

for (const database of testDatabases()) {
	describe(`${database.name}: breakout rounds`, () => {
		afterAll(() => database.close());

		/** An imported meeting whose own people are replaced by the given ones. */
		async function setup(specs: PersonSpec[] = []) {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const meeting = await importLiveMeeting(db, organizer.actor);
			const ref = { seriesId: meeting.seriesSlug, number: meeting.number };
			const meetingRow = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', meeting.seriesSlug)
				.executeTakeFirstOrThrow();
			await db.deleteFrom('people').where('meeting_id', '=', meetingRow.id).execute();
			const ids: string[] = [];
			for (const [position, spec] of specs.entries()) {
				const id = randomUUID();
				ids.push(id);
				await db
					.insertInto('people')
					.values({
						id,
						meeting_id: meetingRow.id,
						person_key: `p-${position}-${make.unique()}`,
						position,
						name: spec.name,
						organization: spec.organization ?? null,
						municipality: null,
						ags: spec.ags ?? null,
						job_role: null,
						email:
							spec.email === undefined
								? `${spec.name.toLowerCase().replace(/\W/g, '')}@example.org`
								: spec.email,
						consent_participant_list: spec.consent ? 1 : 0,
						status: spec.status ?? null,
						user_id: spec.userId ?? null
					})
					.execute();
			}
			return { db, make, organizer, ref, meetingId: meetingRow.id, ids, seriesSlug: meeting.seriesSlug };
		}

		/** A signed-in participant registered as a person of the meeting. */
		async function participant(db: Kysely<Database>, meetingId: string, personId: string): Promise<Actor> {
			const user = await factories(db).user();
			await db.updateTable('people').set({ user_id: user.id }).where('id', '=', personId).execute();
			expect(meetingId).toBeTruthy();
			return actorForUser(db, user.id);
		}

		const people = (count: number, districts: string[]) =>
			Array.from({ length: count }, (_, i): PersonSpec => ({
				name: `Person ${i}`,
				ags: `${districts[i % districts.length]}${String(i).padStart(3, '0')}`,
				organization: i % 2 ? 'Stadt Beispiel' : 'Heimatverein e. V.'
			}));

		it('creates rounds with default columns and rooms, and refuses a round without sizing', async () => {
			const { organizer, ref, db } = await setup(people(4, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, {
				title: 'Bestehende lokale Netzwerke und informelle Vernetzung',
				questions: 'Welche Netzwerke gibt es?\nWer fehlt?',
				roomCount: '3',
				durationMinutes: '25'
			});
			const { round } = await getRound(db, organizer.actor, ref, key);
			expect(round.columns).toEqual(['Erfahrungen', 'Ideen', 'Herausforderungen']);
			expect(round.questions).toEqual(['Welche Netzwerke gibt es?', 'Wer fehlt?']);
			expect(round.rooms.map((room) => room.name)).toEqual(['Raum 1', 'Raum 2', 'Raum 3']);
			expect(round.durationMinutes).toBe(25);
			expect(await failure(createRound(db, organizer.actor, ref, { title: 'Ohne Größe' }))).toBe(
				'validation: breakouts.sizingRequired'
			);
			await updateRound(db, organizer.actor, ref, { round: key, title: 'Neu', roomCount: 2, mode: 'mixed' });
			const updated = await getRound(db, organizer.actor, ref, key);
			expect(updated.round.rooms).toHaveLength(2);
			expect(updated.round.mode).toBe('mixed');
			await deleteRound(db, organizer.actor, ref, { round: key });
			expect((await listRounds(db, organizer.actor, ref)).rounds.some((r) => r.key === key)).toBe(false);
		});

		it('lets organizers and moderators manage rounds, and nobody else', async () => {
			const { db, make, organizer, ref, meetingId } = await setup(people(2, ['05515']));
			const stranger = await make.organizer();
			const moderatorAccount = await make.user();
			await db
				.insertInto('meeting_roles')
				.values({
					meeting_id: meetingId,
					user_id: moderatorAccount.id,
					role: 'moderator',
					granted_by: null,
					created_at: new Date().toISOString()
				})
				.execute();
			const moderator = await actorForUser(db, moderatorAccount.id);
			const { key } = await createRound(db, moderator, ref, { title: 'Von der Moderation', roomCount: 1 });
			expect((await listRounds(db, organizer.actor, ref)).rounds.map((round) => round.key)).toContain(key);
			expect(await failure(listRounds(db, anonymous, ref))).toBe('unauthenticated: error.unauthenticated');
			expect(
				(await rejection(createRound(db, stranger.actor, ref, { title: 'X', roomCount: 1 }))).kind
			).toMatch(/forbidden|not-found/);
		});

		it('refuses strangers at the board before it reads their input', async () => {
			const { db, make, ref } = await setup(people(2, ['05515']));
			const signedInStranger = await actorForUser(db, (await make.user()).id);
			const garbage = { round: 42, roomId: [], text: null, version: 'x' };
			expect((await rejection(addCard(db, anonymous, ref, garbage))).kind).toBe('unauthenticated');
			for (const attempt of [
				() => addCard(db, signedInStranger, ref, garbage),
				() => editCard(db, signedInStranger, ref, garbage),
				() => chooseRoom(db, signedInStranger, ref, garbage)
			]) {
				expect((await rejection(attempt())).kind).toBe('forbidden');
			}
		});

		it('assigns at random in balanced rooms (sizes within one), and again differently', async () => {
			const { db, organizer, ref } = await setup(people(11, ['05515', '05558']));
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Zufall', roomSize: 4 });
			const result = await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			expect(result.assigned).toBe(11);
			const { round } = await getRound(db, organizer.actor, ref, key);
			const sizes = round.rooms.map((room) => room.members.length);
			expect(sizes).toHaveLength(3);
			expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
			expect(round.unassigned).toEqual([]);
		});

		it('mixed assignment spreads districts across rooms', async () => {
			const districts = ['05515', '05558', '05970'];
			const { db, organizer, ref, ids } = await setup(people(9, districts));
			const { key } = await createRound(db, organizer.actor, ref, {
				title: 'Gemischt',
				roomCount: 3,
				mode: 'mixed'
			});
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 4 });
			const { round } = await getRound(db, organizer.actor, ref, key);
			for (const room of round.rooms) {
				expect(room.members).toHaveLength(3);
				const inRoom = room.members.map((member) => districts[ids.indexOf(member.personId) % 3]);
				expect(new Set(inRoom).size).toBe(3);
			}
		});

		it('moves people by hand, places late joiners, and lets people choose capped rooms', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup(people(5, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, {
				title: 'Wahl',
				roomCount: 2,
				mode: 'self'
			});
			const { round } = await getRound(db, organizer.actor, ref, key);
			const [a, b] = round.rooms;
			await updateRoom(db, organizer.actor, ref, {
				round: key,
				roomId: a!.id,
				name: 'Netzwerke',
				topic: 'Netzwerke',
				cap: '1'
			});
			const first = await participant(db, meetingId, ids[0]!);
			const second = await participant(db, meetingId, ids[1]!);
			await chooseRoom(db, first, ref, { round: key, roomId: a!.id });
			expect(await failure(chooseRoom(db, second, ref, { round: key, roomId: a!.id }))).toBe(
				'validation: breakouts.roomFull'
			);
			expect(
				await placeLateJoiner(db, organizer.actor, ref, { round: key, personId: ids[1]!, roomId: b!.id })
			).toEqual({
				roomId: b!.id
			});
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 2 });
			let view = (await getRound(db, organizer.actor, ref, key)).round;
			expect(view.rooms[0]!.members.map((m) => m.personId)).toEqual([ids[0]]);
			expect(view.rooms[1]!.members).toHaveLength(4);
			await movePerson(db, organizer.actor, ref, { round: key, personId: ids[4]!, roomId: a!.id });
			await movePerson(db, organizer.actor, ref, { round: key, personId: ids[3]!, roomId: '' });
			view = (await getRound(db, organizer.actor, ref, key)).round;
			expect(view.rooms[0]!.members.map((m) => m.personId)).toEqual([ids[0], ids[4]]);
			expect(view.unassigned.map((m) => m.personId)).toEqual([ids[3]]);
		});

		it('places late joiners into the smallest room (random) and the best-spreading one (mixed)', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup([
				{ name: 'A1', ags: '05515000' },
				{ name: 'A2', ags: '05515004' },
				{ name: 'B1', ags: '05558012' },
				{ name: 'B2', ags: '05558016' },
				{ name: 'A3', ags: '05515008' }
			]);
			const late = ids[4]!;
			// A3 arrives late: take them out of the meeting for the assignment, then back in.
			await db.updateTable('people').set({ status: 'waiting' }).where('id', '=', late).execute();
			const random = await createRound(db, organizer.actor, ref, { title: 'Spät zufällig', roomCount: 2 });
			const mixed = await createRound(db, organizer.actor, ref, {
				title: 'Spät gemischt',
				roomCount: 2,
				mode: 'mixed'
			});
			await runAssignment(db, organizer.actor, ref, { round: random.key, seed: 1 });
			await runAssignment(db, organizer.actor, ref, { round: mixed.key, seed: 1 });
			// Make the random round uneven (3 and 1) so that "smallest" is visible.
			const before = (await getRound(db, organizer.actor, ref, random.key)).round;
			const [first, second] = before.rooms;
			await movePerson(db, organizer.actor, ref, {
				round: random.key,
				personId: second!.members[0]!.personId,
				roomId: first!.id
			});
			await db.updateTable('people').set({ status: 'confirmed' }).where('id', '=', late).execute();
			expect(meetingId).toBeTruthy();

			expect(await placeLateJoiner(db, organizer.actor, ref, { round: random.key, personId: late })).toEqual({
				roomId: second!.id
			});
			// The mixed round's rooms by district: A1, A2 in the first, B1, B2 in the second.
			const [roomA, roomB] = (await getRound(db, organizer.actor, ref, mixed.key)).round.rooms;
			for (const [index, roomId] of [roomA!.id, roomA!.id, roomB!.id, roomB!.id].entries()) {
				await movePerson(db, organizer.actor, ref, { round: mixed.key, personId: ids[index]!, roomId });
			}
			// A3 (district 05515) goes where nobody of their district is.
			const placed = await placeLateJoiner(db, organizer.actor, ref, { round: mixed.key, personId: late });
			expect(placed).toEqual({ roomId: roomB!.id });
			// Placing again keeps the room.
			expect(await placeLateJoiner(db, organizer.actor, ref, { round: mixed.key, personId: late })).toEqual(
				placed
			);
		});

		it('refuses a stale card edit with the current text, never overwriting silently', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup(people(2, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Karten', roomCount: 1 });
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const anna = await participant(db, meetingId, ids[0]!);
			const card = await addCard(db, anna, ref, { round: key, roomId, text: 'Stammtisch', column: 'Ideen' });
			// The author and the moderator both edit version 1, at the same time.
			const results = await Promise.allSettled([
				editCard(db, anna, ref, { cardId: card.id, text: 'Stammtisch monatlich', version: 1 }),
				editCard(db, organizer.actor, ref, {
					cardId: card.id,
					text: 'Stammtisch vierteljährlich',
					version: '1'
				})
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
			const board = await getBoard(db, anna, ref, key, roomId);
			expect(board.cards[0]!.version).toBe(2);
			expect(refused.reason.kind).toBe('conflict');
			expect(refused.reason.summary.key).toBe('breakouts.cardConflict');
			expect(refused.reason.summary.params.currentText).toBe(board.cards[0]!.text);
			// A later edit on the old version is refused too, with the current text.
			const stale = await rejection(editCard(db, anna, ref, { cardId: card.id, text: 'Alt', version: 1 }));
			expect(stale.summary.params).toEqual({ currentText: board.cards[0]!.text, currentVersion: 2 });
			expect(
				await failure(addCard(db, anna, ref, { round: key, roomId, text: 'X', column: 'Gibt es nicht' }))
			).toBe('validation: breakouts.columnUnknown');
		});

		it('gives the rapporteur and moderators rights over every card, others only over their own', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup(people(3, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Rechte', roomCount: 1 });
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const [anna, ben, cem] = await Promise.all(ids.map((id) => participant(db, meetingId, id)));
			const card = await addCard(db, anna!, ref, { round: key, roomId, text: 'Annas Karte' });
			expect(await failure(editCard(db, ben!, ref, { cardId: card.id, text: 'Bens Text', version: 1 }))).toBe(
				'forbidden: breakouts.notYourCard'
			);
			expect(await failure(deleteCard(db, ben!, ref, { cardId: card.id }))).toBe(
				'forbidden: breakouts.notYourCard'
			);
			await updateRoom(db, organizer.actor, ref, {
				round: key,
				roomId,
				name: 'Raum 1',
				rapporteurPersonId: ids[1]!
			});
			expect(
				await editCard(db, ben!, ref, { cardId: card.id, text: 'Von der Berichterstattung', version: 1 })
			).toEqual({
				version: 2
			});
			expect((await getBoard(db, ben!, ref, key, roomId)).cards[0]!.canEdit).toBe(true);
			expect((await getBoard(db, cem!, ref, key, roomId)).cards[0]!.canEdit).toBe(false);
			await editCard(db, organizer.actor, ref, { cardId: card.id, text: 'Von der Moderation', version: 2 });
			await deleteCard(db, ben!, ref, { cardId: card.id });
			expect((await getBoard(db, anna!, ref, key, roomId)).cards).toEqual([]);
			// Someone in no room of the round sees no board.
			await movePerson(db, organizer.actor, ref, { round: key, personId: ids[2]!, roomId: '' });
			expect(await failure(getBoard(db, cem!, ref, key, roomId))).toBe('forbidden: breakouts.notInRoom');
		});

		it('keeps dot votes within the per-person limit, also when cast at once', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup(people(2, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, {
				title: 'Punkte',
				roomCount: 1,
				dotsPerPerson: 2
			});
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const anna = await participant(db, meetingId, ids[0]!);
			const cards = [];
			for (let i = 0; i < 5; i++)
				cards.push(await addCard(db, anna, ref, { round: key, roomId, text: `Karte ${i}` }));
			const results = await Promise.allSettled(
				cards.map((card) => castDot(db, anna, ref, { cardId: card.id }))
			);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
			for (const result of results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]) {
				expect(result.reason.summary.key).toBe('breakouts.dotLimit');
			}
			const votes = await db
				.selectFrom('board_card_votes')
				.selectAll()
				.where('person_id', '=', ids[0]!)
				.execute();
			expect(votes).toHaveLength(2);
			const board = await getBoard(db, anna, ref, key, roomId);
			expect(board.dotsLeft).toBe(0);
			const voted = board.cards.find((card) => card.hasMyVote)!;
			expect(await failure(castDot(db, anna, ref, { cardId: voted.id }))).toBe(
				'conflict: breakouts.alreadyVoted'
			);
			await withdrawDot(db, anna, ref, { cardId: voted.id });
			expect((await getBoard(db, anna, ref, key, roomId)).dotsLeft).toBe(1);
			expect(await failure(castDot(db, organizer.actor, ref, { cardId: voted.id }))).toBe(
				'forbidden: breakouts.moderatorsDoNotVote'
			);
		});

		it('names authors only with consent, and only in the moderators’ overview', async () => {
			const { db, organizer, ref, ids, meetingId } = await setup([
				{ name: 'Anna Einverstanden', consent: true },
				{ name: 'Ben Ohne', consent: false }
			]);
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Namen', roomCount: 1 });
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const anna = await participant(db, meetingId, ids[0]!);
			const ben = await participant(db, meetingId, ids[1]!);
			await addCard(db, anna, ref, { round: key, roomId, text: 'Von Anna' });
			await addCard(db, ben, ref, { round: key, roomId, text: 'Von Ben' });
			const board = await getBoard(db, ben, ref, key, roomId);
			expect(JSON.stringify(board)).not.toMatch(/Anna Einverstanden|Ben Ohne/);
			expect(board.cards.map((card) => card.isMine)).toEqual([false, true]);
			const synthesis = await getSynthesis(db, organizer.actor, ref, key);
			expect(synthesis.cards.map((card) => card.author)).toEqual(['Anna Einverstanden', null]);
		});

		it('writes the Zoom pre-assignment CSV, lists people without email apart, and exports CSV and XLSX', async () => {
			const { db, organizer, ref } = await setup([
				{ name: 'Anna', email: 'anna@example.org' },
				{ name: 'Ben', email: null },
				{ name: 'Cem', email: 'cem@example.org' },
				{ name: 'Abgesagt', email: 'weg@example.org', status: 'cancelled' }
			]);
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Zoom', roomCount: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			await updateRoom(db, organizer.actor, ref, { round: key, roomId, name: 'Netzwerke, lokal' });
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 3 });
			const zoom = await exportAssignment(db, organizer.actor, ref, { round: key, format: 'zoom' }, HEADERS);
			const lines = zoom.body.toString('utf8').split('\r\n');
			expect(lines[0]).toBe('Pre-assign Room Name,Email Address');
			expect(lines.slice(1, -1).sort()).toEqual([
				'Netzwerke lokal,anna@example.org',
				'Netzwerke lokal,cem@example.org'
			]);
			expect(zoom.withoutEmail).toEqual([{ name: 'Ben', roomName: 'Netzwerke, lokal' }]);
			expect(zoom.fileName).toBe(`breakout-${key}-zoom.csv`);
			const csv = await exportAssignment(db, organizer.actor, ref, { round: key, format: 'csv' }, HEADERS);
			expect(csv.body.toString('utf8')).toContain('Raum;Name;Organisation;E-Mail');
			const xlsx = await exportAssignment(db, organizer.actor, ref, { round: key, format: 'xlsx' }, HEADERS);
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
			expect(workbook.worksheets[0]!.rowCount).toBe(4);
		});

		it('answers a stale edit over the API as a 409 problem with the current text, and lists the operations', async () => {
			const { db, organizer, ref } = await setup(people(1, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, { title: 'API', roomCount: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const card = await addCard(db, organizer.actor, ref, { round: key, roomId, text: 'Erste Fassung' });
			await editCard(db, organizer.actor, ref, { cardId: card.id, text: 'Zweite Fassung', version: 1 });
			const error = await rejection(
				editCard(db, organizer.actor, ref, { cardId: card.id, text: 'Dritte', version: 1 })
			);
			const response = problemFromError(error, 'de');
			expect(response.status).toBe(409);
			expect(JSON.stringify(await response.json())).toContain('Zweite Fassung');
			const document = buildOpenApiDocument('http://localhost') as {
				paths: Record<string, Record<string, { operationId: string }>>;
			};
			const ids = Object.values(document.paths).flatMap((methods) =>
				Object.values(methods).map((op) => op.operationId)
			);
			expect(ids).toEqual(
				expect.arrayContaining([
					'listBreakoutRounds',
					'runBreakoutAssignment',
					'editBreakoutCard',
					'castBreakoutDot',
					'exportBreakoutAssignment'
				])
			);
		});

		it('flows cards with live dot votes, the synthesis and the findings into the exchange format', async () => {
			const { db, organizer, ref, ids, meetingId, seriesSlug } = await setup(people(2, ['05515']));
			const { key } = await createRound(db, organizer.actor, ref, { title: 'Austausch', roomCount: 1 });
			await runAssignment(db, organizer.actor, ref, { round: key, seed: 1 });
			const roomId = (await getRound(db, organizer.actor, ref, key)).round.rooms[0]!.id;
			const anna = await participant(db, meetingId, ids[0]!);
			const ben = await participant(db, meetingId, ids[1]!);
			const card = await addCard(db, anna, ref, {
				round: key,
				roomId,
				text: 'Kulturstammtisch',
				column: 'Ideen'
			});
			await castDot(db, anna, ref, { cardId: card.id });
			await castDot(db, ben, ref, { cardId: card.id });
			const cluster = await createCluster(db, organizer.actor, ref, { round: key, label: 'Treffpunkte' });
			await setCardCluster(db, organizer.actor, ref, { cardId: card.id, clusterId: cluster.id });
			await writeSynthesis(db, organizer.actor, ref, {
				round: key,
				synthesis: 'Treffpunkte tragen.\n\nZweiter Absatz.'
			});
			await writeFindings(db, organizer.actor, ref, { findings: ['Vernetzung braucht Orte.'] });
			expect((await getSynthesis(db, organizer.actor, ref, key)).cards[0]!.clusterId).toBe(cluster.id);
			const document = await exportMeeting(db, organizer.actor, seriesSlug, ref.number);
			const round = document.meeting.breakoutRounds!.find((entry) => entry.id === key)!;
			expect(round.rooms[0]!.cards).toEqual([{ text: 'Kulturstammtisch', column: 'Ideen', votes: 2 }]);
			expect(round.synthesis).toEqual(['Treffpunkte tragen.', 'Zweiter Absatz.']);
			expect(document.meeting.findings).toEqual(['Vernetzung braucht Orte.']);
		});
	});
}
