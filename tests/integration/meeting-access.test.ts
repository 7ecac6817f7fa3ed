import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, systemActor, type Actor } from '../../src/lib/domain/policy';
import {
	meetingPermissions,
	requireMeeting,
	type MeetingPermission
} from '../../src/lib/server/services/meeting-access';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { rejection } from '../helpers/test-doubles';

/**
 * requireMeeting, the one place that finds a meeting by its address and authorizes the actor:
 * every permission × a draft and a published meeting × every kind of actor.
 */

const roles = [
	'anonymous',
	'stranger',
	'moderator',
	'otherOrganizer',
	'organizer',
	'admin',
	'system'
] as const;
type Role = (typeof roles)[number];
type Answer = 'ok' | 'not-found' | 'unauthenticated' | 'forbidden';
type State = 'draft' | 'published';

// Columns in the order of `roles`.
const expected: Record<MeetingPermission, Record<State, readonly Answer[]>> = {
	view: {
		published: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
		// The moderator knows the draft (its cockpit), so it is refused, not hidden.
		draft: ['not-found', 'not-found', 'forbidden', 'not-found', 'ok', 'ok', 'ok']
	},
	// To act, an anonymous actor signs in first, whatever the meeting.
	manage: {
		published: ['unauthenticated', 'forbidden', 'forbidden', 'forbidden', 'ok', 'ok', 'ok'],
		draft: ['unauthenticated', 'not-found', 'forbidden', 'not-found', 'ok', 'ok', 'ok']
	},
	moderate: {
		published: ['unauthenticated', 'forbidden', 'ok', 'forbidden', 'ok', 'ok', 'ok'],
		draft: ['unauthenticated', 'not-found', 'ok', 'not-found', 'ok', 'ok', 'ok']
	}
};

const founding = { date: '2030-11-20', start: '14:00', end: '16:00', venue: { mode: 'online' } };

for (const database of testDatabases()) {
	describe(`${database.name}: requireMeeting`, () => {
		afterAll(() => database.close());

		async function setUp() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const otherOrganizer = await make.organizer();
			const admin = await make.admin();
			const strangerAccount = await make.user();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			await publishSeries(db, organizer.actor, series.id);
			const draft = await createMeeting(db, organizer.actor, series.id, founding);
			const published = await createMeeting(db, organizer.actor, series.id, founding);
			await publishMeeting(db, organizer.actor, series.id, published.number);
			const meetingIdOf = async (number: number) =>
				(await requireMeeting(db, systemActor, { seriesId: series.id, number }, 'view')).meetingId;
			const stranger: Actor = {
				kind: 'user',
				userId: strangerAccount.id,
				email: strangerAccount.email,
				displayName: 'Fremd',
				isAdmin: false,
				organizations: [],
				meetings: []
			};
			const moderator: Actor = {
				...stranger,
				meetings: [
					{ meetingId: await meetingIdOf(draft.number), role: 'moderator' },
					{ meetingId: await meetingIdOf(published.number), role: 'moderator' }
				]
			};
			const actors: Record<Role, Actor> = {
				anonymous,
				stranger,
				moderator,
				otherOrganizer: otherOrganizer.actor,
				organizer: organizer.actor,
				admin: admin.actor,
				system: systemActor
			};
			return {
				db,
				seriesId: series.id,
				numbers: { draft: draft.number, published: published.number },
				actors
			};
		}

		it('answers every permission on a draft and a published meeting for every actor', async () => {
			const { db, seriesId, numbers, actors } = await setUp();
			const answers: string[] = [];
			const wanted: string[] = [];
			for (const permission of meetingPermissions) {
				for (const state of ['draft', 'published'] as const) {
					for (const [index, role] of roles.entries()) {
						const address = { seriesId, number: numbers[state] };
						let answer: Answer;
						try {
							const handle = await requireMeeting(db, actors[role], address, permission);
							expect(handle).toMatchObject({ seriesSlug: seriesId, number: numbers[state] });
							answer = 'ok';
						} catch (error) {
							answer = (error as { kind: Answer }).kind;
						}
						answers.push(`${permission} ${state} ${role}: ${answer}`);
						wanted.push(`${permission} ${state} ${role}: ${expected[permission][state][index]}`);
					}
				}
			}
			expect(answers).toEqual(wanted);
		});

		it('does not find an unknown meeting or series; an anonymous actor who wants to act signs in first', async () => {
			const { db, seriesId, actors } = await setUp();
			for (const permission of meetingPermissions) {
				for (const role of roles) {
					for (const address of [
						{ seriesId, number: 999 },
						{ seriesId: 'keine-solche-reihe', number: 1 }
					]) {
						const error = await rejection(requireMeeting(db, actors[role], address, permission));
						if (role === 'anonymous' && permission !== 'view') {
							expect(error.kind, `${permission} ${role}`).toBe('unauthenticated');
							continue;
						}
						expect(error.kind, `${permission} ${role}`).toBe('not-found');
						expect(error.summary.key).toBe('meeting.notFound');
					}
				}
			}
		});
	});
}
