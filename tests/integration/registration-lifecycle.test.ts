import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { REGISTRATION_STATUS } from '../../src/lib/domain/registration-rules';
import type { Database } from '../../src/lib/server/db/schema';
import {
	findRegistrationById,
	reopenRegistration,
	setStatus
} from '../../src/lib/server/repositories/registrations';
import { createMeeting, publishMeeting } from '../../src/lib/server/services/meetings';
import { createRegistration } from '../../src/lib/server/services/registration';
import { confirmRegistration } from '../../src/lib/server/services/registration-confirm';
import {
	cancelRegistration,
	setStatusInTransaction
} from '../../src/lib/server/services/registration-status';
import {
	addRegistration,
	getRegistration,
	updateRegistration
} from '../../src/lib/server/services/registrations-admin';
import { updateRegistrationSettings } from '../../src/lib/server/services/registrations-settings';
import { createSeries, publishSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { memoryMailer, rejection } from '../helpers/test-doubles';

/**
 * The organizer's path through the registration lifecycle is the participant's path: the same
 * insert (with the AGS), the same status changes (guarded by the previous status, spending the
 * confirmation link) and the same rule for a full meeting.
 */

const ORIGIN = 'http://netzwerkstatt.test';

function tokenIn(text: string | undefined): string {
	const match = /\/registrations\/confirm\/([A-Za-z0-9_-]+)/.exec(text ?? '');
	if (!match) throw new Error(`No confirmation link in: ${text}`);
	return match[1]!;
}

async function row(db: Kysely<Database>, id: string) {
	return db
		.selectFrom('registrations')
		.innerJoin('people', 'people.id', 'registrations.person_id')
		.select([
			'registrations.status',
			'registrations.confirm_token_hash',
			'registrations.waiting_since',
			'people.status as personStatus',
			'people.is_registered',
			'people.ags'
		])
		.where('registrations.id', '=', id)
		.executeTakeFirstOrThrow();
}

for (const database of testDatabases()) {
	describe(`${database.name}: one registration lifecycle for participants and organizers`, () => {
		afterAll(() => database.close());

		async function publishedMeeting(capacity: number | null = null) {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${randomUUID().slice(0, 8)}` });
			const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
			const meeting = await createMeeting(db, organizer.actor, series.id, {
				date,
				start: '14:00',
				end: '16:00',
				venue: { mode: 'online', platform: 'Zoom' }
			});
			await publishSeries(db, organizer.actor, series.id);
			await publishMeeting(db, organizer.actor, series.id, meeting.number);
			const context = { mailer: memoryMailer(), origin: ORIGIN };
			await updateRegistrationSettings(db, context, organizer.actor, series.id, meeting.number, {
				capacity: capacity === null ? '' : String(capacity),
				isRegistrationOpen: true,
				remindDayBefore: false,
				remindHourBefore: false
			});
			const address = { seriesId: series.id, number: meeting.number };
			return { db, organizer, address, context, slug: series.id, number: meeting.number };
		}

		it('stores the AGS of the municipality when an organizer adds or edits, as the participant side does', async () => {
			const { db, organizer, context, slug, number } = await publishedMeeting();
			const { id } = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Anna Hamm',
				email: 'anna@example.org',
				municipality: 'Hamm'
			});
			expect((await row(db, id)).ags).toBe('05915000');
			await updateRegistration(db, context, organizer.actor, slug, number, id, {
				name: 'Anna Hamm',
				email: 'anna@example.org',
				municipality: 'Bielefeld',
				status: REGISTRATION_STATUS.confirmed
			});
			expect((await row(db, id)).ags).toBe('05711000');
			await updateRegistration(db, context, organizer.actor, slug, number, id, {
				name: 'Anna Hamm',
				email: 'anna@example.org',
				municipality: 'Irgendwo',
				status: REGISTRATION_STATUS.confirmed
			});
			expect((await row(db, id)).ags).toBeNull();
		});

		it('applies the full-meeting rule of the participant side: confirming without a free place puts on the waiting list', async () => {
			const { db, organizer, context, slug, number, address } = await publishedMeeting(1);
			const first = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Eins',
				email: 'eins@example.org'
			});
			expect(first.status).toBe(REGISTRATION_STATUS.confirmed);
			const second = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Zwei',
				email: 'zwei@example.org'
			});
			expect(second.status).toBe(REGISTRATION_STATUS.waiting);
			const secondRow = await row(db, second.id);
			expect(secondRow).toMatchObject({ status: 'waiting', personStatus: 'waiting', is_registered: 0 });
			expect(secondRow.waiting_since).not.toBeNull();

			// The participant side without a mail decides the same.
			const byProgram = await createRegistration(
				db,
				context.mailer,
				organizer.actor,
				address,
				{ name: 'Drei', email: 'drei@example.org' },
				{ publicOrigin: ORIGIN, source: 'organizer', locale: 'de', sendConfirmation: false }
			);
			expect(byProgram.status).toBe(REGISTRATION_STATUS.waiting);

			// Setting "confirmed" by hand on a full meeting: the waiting list, not a place beyond the limit.
			const invited = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Vier',
				email: 'vier@example.org',
				status: REGISTRATION_STATUS.invited
			});
			const edited = await updateRegistration(db, context, organizer.actor, slug, number, invited.id, {
				name: 'Vier',
				email: 'vier@example.org',
				status: REGISTRATION_STATUS.confirmed
			});
			expect(edited.status).toBe(REGISTRATION_STATUS.waiting);
			expect((await getRegistration(db, organizer.actor, slug, number, invited.id)).registration.status).toBe(
				REGISTRATION_STATUS.waiting
			);
			const confirmed = await db
				.selectFrom('registrations')
				.select('id')
				.where('status', '=', REGISTRATION_STATUS.confirmed)
				.where('meeting_id', '=', (await findRegistrationById(db, first.id))!.meetingId)
				.execute();
			expect(confirmed.map((entry) => entry.id)).toEqual([first.id]);
		});

		it('spends the confirmation link when an organizer sets the status of a pending registration', async () => {
			const { db, organizer, context, slug, number, address } = await publishedMeeting();
			const mailer = memoryMailer();
			const outcome = await createRegistration(
				db,
				mailer,
				anonymous,
				address,
				{ name: 'Paula Pending', email: 'paula@example.org' },
				{ publicOrigin: ORIGIN, source: 'self', locale: 'de', clientAddress: randomUUID() }
			);
			const id = outcome.registrationId!;
			const token = tokenIn(mailer.sent[0]?.text);
			expect((await row(db, id)).confirm_token_hash).not.toBeNull();

			await updateRegistration(db, context, organizer.actor, slug, number, id, {
				name: 'Paula Pending',
				email: 'paula@example.org',
				status: REGISTRATION_STATUS.cancelled
			});
			expect(await row(db, id)).toMatchObject({ status: 'cancelled', confirm_token_hash: null });
			// Set back to pending by hand: the spent link stays spent.
			await updateRegistration(db, context, organizer.actor, slug, number, id, {
				name: 'Paula Pending',
				email: 'paula@example.org',
				status: REGISTRATION_STATUS.pending
			});
			expect(await row(db, id)).toMatchObject({ status: 'pending', confirm_token_hash: null });
			const refused = await rejection(confirmRegistration(db, mailer, token, { publicOrigin: ORIGIN }));
			expect(refused.kind).toBe('not-found');
			expect((await row(db, id)).status).toBe(REGISTRATION_STATUS.pending);
		});

		it('guards every status change and reopening by the previous status, in the same update', async () => {
			const { db, organizer, context, slug, number } = await publishedMeeting();
			const { id } = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Gerd Guard',
				email: 'gerd@example.org',
				status: REGISTRATION_STATUS.invited
			});
			const record = (await findRegistrationById(db, id))!;
			await cancelRegistration(
				db,
				context.mailer,
				{ registrationId: id, actor: organizer.actor },
				{
					publicOrigin: ORIGIN
				}
			);

			// A writer that read "invited" before the cancel changes nothing.
			const at = new Date().toISOString();
			expect(
				await setStatus(db, record, REGISTRATION_STATUS.confirmed, at, [REGISTRATION_STATUS.invited])
			).toBe(false);
			const stale = await rejection(
				db
					.transaction()
					.execute((trx) =>
						setStatusInTransaction(
							trx,
							{ meetingId: record.meetingId, capacity: null },
							record,
							REGISTRATION_STATUS.confirmed,
							at
						)
					)
			);
			expect(stale.kind).toBe('conflict');
			expect(stale.summary.key).toBe('registrationLifecycle.changedMeanwhile');
			expect(
				await reopenRegistration(
					db,
					record,
					{
						name: 'Gerd Guard',
						organization: null,
						municipality: null,
						ags: null,
						jobRole: null,
						email: 'gerd@example.org',
						consentParticipantList: false,
						consentShareEmail: false,
						status: REGISTRATION_STATUS.confirmed,
						source: 'organizer',
						locale: 'de',
						confirmTokenHash: null,
						confirmExpiresAt: null,
						manageTokenHash: randomUUID(),
						at
					},
					[REGISTRATION_STATUS.invited]
				)
			).toBe(false);
			expect(await row(db, id)).toMatchObject({
				status: 'cancelled',
				personStatus: 'cancelled',
				is_registered: 0
			});

			// Adding the address again goes the participant side's way: the cancelled row is reopened.
			const again = await addRegistration(db, organizer.actor, slug, number, {
				name: 'Gerd Guard',
				email: 'GERD@example.org',
				municipality: 'Hamm'
			});
			expect(again.id).toBe(id);
			expect(await row(db, id)).toMatchObject({
				status: 'confirmed',
				personStatus: 'confirmed',
				is_registered: 1,
				ags: '05915000'
			});
			// An active registration is a duplicate, on the organizer's side as on the participant's.
			const twice = await rejection(
				addRegistration(db, organizer.actor, slug, number, { name: 'Gerd', email: 'gerd@example.org' })
			);
			expect(twice.kind).toBe('conflict');
			expect(twice.problems[0]?.path).toBe('/email');
		});
	});
}
