import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import type { AppError } from '../../src/lib/domain/errors';
import {
	createSeries,
	getSeries,
	listManagedSeries,
	listPublishedSeries,
	listVisibleSeries,
	publishSeries,
	unpublishSeries,
	updateSeries
} from '../../src/lib/server/services/series';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';

/** The AppError a promise rejects with, to check its kind and problem paths. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
	try {
		await promise;
	} catch (error) {
		return error as AppError;
	}
	throw new Error('expected a rejection');
}

for (const database of testDatabases()) {
	describe(`${database.name}: series`, () => {
		afterAll(() => database.close());

		it('creates a series with the id derived from the title and the organization as organizer', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const title = `Austausch Kulturbüros ${make.unique()}`;
			const series = await createSeries(db, organizer.actor, {
				title,
				audience: 'für Hauptamtliche',
				formatDescription: ['Erster Absatz.', 'Zweiter Absatz.'],
				fundingNotice: { lead: 'Gefördert vom:', funder: ['Ministerium für', 'Kultur'] }
			});
			expect(series.id).toMatch(/^austausch-kulturbueros-[a-z0-9]+$/);
			expect(series.meetingNoun).toBe('Austauschtreffen');
			expect(series.meetingNounGenitive).toBe('Austauschtreffens');
			expect(series.organizer.name).toMatch(/^Organisation /);
			expect(series.organizationId).toBe(organizer.organizationId);
			expect(series.formatDescription).toEqual(['Erster Absatz.', 'Zweiter Absatz.']);
			expect(series.fundingNotice).toEqual({ lead: 'Gefördert vom:', funder: ['Ministerium für', 'Kultur'] });
			expect(series.isPublished).toBe(false);
			expect(series.language).toBe('de');
		});

		it('refuses a taken id with a conflict on /id, and an invalid id', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const id = `reihe-${make.unique()}`;
			await createSeries(db, organizer.actor, { id, title: 'Erste' });
			const other = await make.organizer();
			const taken = await rejection(createSeries(db, other.actor, { id, title: 'Zweite' }));
			expect(taken.kind).toBe('conflict');
			expect(taken.problems.map((p) => p.path)).toEqual(['/id']);
			const invalid = await rejection(createSeries(db, organizer.actor, { id: 'Nicht Gültig', title: 'x' }));
			expect(invalid.kind).toBe('validation');
			expect(invalid.problems[0]).toMatchObject({ path: '/id', message: { key: 'validation.invalidId' } });
			const missingTitle = await rejection(createSeries(db, organizer.actor, { title: '  ' }));
			expect(missingTitle.problems[0]).toMatchObject({
				path: '/title',
				message: { key: 'validation.required' }
			});
		});

		it('refuses anonymous actors and organizers of another organization', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const stranger = await make.organizer();
			const anon = await rejection(createSeries(db, anonymous, { title: 'x' }));
			expect(anon.kind).toBe('unauthenticated');
			const foreign = await rejection(
				createSeries(db, stranger.actor, { title: 'x', organizationId: organizer.organizationId })
			);
			expect(foreign.kind).toBe('forbidden');
			const series = await createSeries(db, organizer.actor, { title: `Reihe ${make.unique()}` });
			// A draft of another organization stays hidden; a published one may be read but not changed.
			expect((await rejection(updateSeries(db, stranger.actor, series.id, { title: 'y' }))).kind).toBe(
				'not-found'
			);
			await publishSeries(db, organizer.actor, series.id);
			expect((await rejection(updateSeries(db, stranger.actor, series.id, { title: 'y' }))).kind).toBe(
				'forbidden'
			);
			expect((await rejection(unpublishSeries(db, anonymous, series.id))).kind).toBe('unauthenticated');
			expect((await rejection(listManagedSeries(db, anonymous))).kind).toBe('unauthenticated');
		});

		it('asks admins for the organization and lets them create for any', async () => {
			const db = await database.open();
			const make = factories(db);
			const admin = await make.admin();
			const org = await make.organization();
			const missing = await rejection(createSeries(db, admin.actor, { title: 'Ohne Organisation' }));
			expect(missing.problems[0]?.path).toBe('/organizationId');
			const series = await createSeries(db, admin.actor, {
				title: `Admin-Reihe ${make.unique()}`,
				organizationId: org.id
			});
			expect(series.organizationId).toBe(org.id);
		});

		it('keeps drafts from the public and shows them to their managers', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const stranger = await make.organizer();
			const series = await createSeries(db, organizer.actor, { title: `Entwurf ${make.unique()}` });
			expect((await rejection(getSeries(db, anonymous, series.id))).kind).toBe('not-found');
			expect((await rejection(getSeries(db, stranger.actor, series.id))).kind).toBe('not-found');
			expect((await getSeries(db, organizer.actor, series.id)).canManage).toBe(true);
			expect((await listPublishedSeries(db)).map((s) => s.id)).not.toContain(series.id);
			expect((await listVisibleSeries(db, organizer.actor)).map((s) => s.id)).toContain(series.id);
			expect((await listVisibleSeries(db, stranger.actor)).map((s) => s.id)).not.toContain(series.id);
			expect((await listManagedSeries(db, organizer.actor)).map((s) => s.id)).toEqual([series.id]);

			const published = await publishSeries(db, organizer.actor, series.id);
			expect(published.isPublished).toBe(true);
			expect((await getSeries(db, anonymous, series.id)).canManage).toBe(false);
			expect((await listPublishedSeries(db)).map((s) => s.id)).toContain(series.id);
			expect((await listVisibleSeries(db, anonymous)).map((s) => s.id)).toContain(series.id);
			expect((await listManagedSeries(db, stranger.actor)).map((s) => s.id)).not.toContain(series.id);

			await unpublishSeries(db, organizer.actor, series.id);
			expect((await rejection(getSeries(db, anonymous, series.id))).kind).toBe('not-found');
		});

		it('edits a series; the id only while unpublished, and never to a taken one', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const first = await createSeries(db, organizer.actor, { title: `Eins ${make.unique()}` });
			const second = await createSeries(db, organizer.actor, { title: `Zwei ${make.unique()}` });
			const renamedId = `umbenannt-${make.unique()}`;
			const edited = await updateSeries(db, organizer.actor, first.id, {
				id: renamedId,
				title: 'Neuer Titel',
				organizer: { name: 'LWL-Kulturabteilung', email: 'kultur@example.org', website: '' },
				fundingNotice: null
			});
			expect(edited).toMatchObject({
				id: renamedId,
				title: 'Neuer Titel',
				organizer: { name: 'LWL-Kulturabteilung', email: 'kultur@example.org', website: null },
				fundingNotice: null
			});
			const taken = await rejection(updateSeries(db, organizer.actor, renamedId, { id: second.id }));
			expect(taken.kind).toBe('conflict');
			expect(taken.problems[0]?.message.key).toBe('series.idTaken');

			await publishSeries(db, organizer.actor, renamedId);
			const locked = await rejection(
				updateSeries(db, organizer.actor, renamedId, { id: `x-${make.unique()}` })
			);
			expect(locked.kind).toBe('validation');
			expect(locked.problems[0]).toMatchObject({ path: '/id', message: { key: 'series.idLockedPublished' } });
			// Sending the same id again is no change, so a published series can still be edited.
			const same = await updateSeries(db, organizer.actor, renamedId, {
				id: renamedId,
				audience: 'für alle'
			});
			expect(same.audience).toBe('für alle');
		});
	});
}
