import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyRetention, ANONYMIZED_NAME } from '../../src/lib/server/jobs/retention';
import { createMeeting } from '../../src/lib/server/services/meetings';
import { saveAttendance } from '../../src/lib/server/services/attendance';
import {
	addRegistration,
	listRegistrationsOfMeeting
} from '../../src/lib/server/services/registrations-admin';
import { createSeries, updateSeries } from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

const dataDir = mkdtempSync(join(tmpdir(), 'nws-retention-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

for (const database of testDatabases()) {
	describe(`${database.name}: retention`, () => {
		afterAll(() => database.close());

		/** A series with a meeting on each date; retention months set on the series. */
		async function seriesWithMeetings(dates: string[], retentionMonths: number) {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			await updateSeries(db, organizer.actor, series.id, { retentionMonths });
			for (const date of dates)
				await createMeeting(db, organizer.actor, series.id, {
					date,
					start: '14:00',
					end: '16:00',
					venue: { mode: 'online' }
				});
			for (const [index] of dates.entries()) {
				const number = index + 1;
				const a = await addRegistration(db, organizer.actor, series.id, number, {
					name: `Anna ${number}`,
					email: `anna${number}-${make.unique()}@example.org`,
					organization: 'Kulturbüro',
					municipality: 'Hamm',
					role: 'Leitung',
					consent: { participantList: true, shareEmail: true }
				});
				await addRegistration(db, organizer.actor, series.id, number, {
					name: `Ben ${number}`,
					email: `ben${number}-${make.unique()}@example.org`,
					status: 'invited'
				});
				await saveAttendance(db, organizer.actor, series.id, number, { shown: [a.id], attended: [a.id] });
			}
			return { db, organizer, seriesId: series.id };
		}

		it('anonymizes exactly the due meetings, keeps counts, statuses and attendance, and is idempotent', async () => {
			const { db, organizer, seriesId } = await seriesWithMeetings(['2023-01-10', '2025-12-01'], 12);
			const now = new Date('2026-01-15T03:00:00Z');
			const first = await applyRetention(db, now, { dataDir });
			expect(first.anonymized).toBeGreaterThanOrEqual(2);

			const old = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {});
			expect(old.counts).toMatchObject({ confirmed: 1, invited: 1 });
			expect(
				old.registrations.map((r) => [
					r.name,
					r.email,
					r.organization,
					r.municipality,
					r.role,
					r.status,
					r.attended,
					r.isAnonymized
				])
			).toEqual([
				[ANONYMIZED_NAME, null, null, null, null, 'confirmed', true, true],
				[ANONYMIZED_NAME, null, null, null, null, 'invited', false, true]
			]);
			expect(old.registrations.every((r) => !r.consent.participantList && !r.consent.shareEmail)).toBe(true);
			const placeholders = await db
				.selectFrom('registrations')
				.innerJoin('meetings', 'meetings.id', 'registrations.meeting_id')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['registrations.email_normalized', 'registrations.anonymized_at', 'meetings.number'])
				.where('series.slug', '=', seriesId)
				.orderBy('meetings.number')
				.execute();
			expect(
				placeholders
					.filter((row) => row.number === 1)
					.every((row) => row.email_normalized.endsWith('@invalid'))
			).toBe(true);
			expect(
				placeholders.filter((row) => row.number === 1).every((row) => row.anonymized_at === now.toISOString())
			).toBe(true);

			const recent = await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 2, {});
			expect(recent.registrations.map((r) => r.name)).toEqual(['Anna 2', 'Ben 2']);
			expect(recent.registrations.every((r) => !r.isAnonymized)).toBe(true);

			// Running again changes nothing more of this series.
			await applyRetention(db, new Date('2026-01-16T03:00:00Z'), { dataDir });
			const again = await db
				.selectFrom('registrations')
				.innerJoin('meetings', 'meetings.id', 'registrations.meeting_id')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['registrations.email_normalized', 'registrations.anonymized_at', 'meetings.number'])
				.where('series.slug', '=', seriesId)
				.orderBy('meetings.number')
				.execute();
			expect(again).toEqual(placeholders);
		});

		it('keeps the privacy notice and a period of 1 to 120 months on the series', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			expect(series).toMatchObject({ retentionMonths: 12, privacyNotice: null });
			const updated = await updateSeries(db, organizer.actor, series.id, {
				privacyNotice: 'Wir verarbeiten Ihre Daten nur für dieses Treffen.',
				retentionMonths: '24'
			});
			expect(updated).toMatchObject({
				retentionMonths: 24,
				privacyNotice: 'Wir verarbeiten Ihre Daten nur für dieses Treffen.'
			});
			for (const retentionMonths of [0, 121, 'zwölf']) {
				await expect(updateSeries(db, organizer.actor, series.id, { retentionMonths })).rejects.toMatchObject(
					{
						kind: 'validation',
						problems: [expect.objectContaining({ path: '/retentionMonths' })]
					}
				);
			}
		});

		it("follows each series' own period", async () => {
			const { db, organizer, seriesId } = await seriesWithMeetings(['2025-10-01'], 3);
			await applyRetention(db, new Date('2025-12-31T12:00:00Z'), { dataDir });
			expect(
				(await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {})).registrations[0]?.name
			).toBe('Anna 1');
			await applyRetention(db, new Date('2026-01-02T12:00:00Z'), { dataDir });
			expect(
				(await listRegistrationsOfMeeting(db, organizer.actor, seriesId, 1, {})).registrations[0]?.name
			).toBe(ANONYMIZED_NAME);
		});
	});
}
