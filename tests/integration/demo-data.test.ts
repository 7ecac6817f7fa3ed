import { afterAll, describe, expect, it } from 'vitest';
import { areEquivalent } from '../../src/lib/domain/exchange-format/equivalence';
import { fictionalDocument, foundingDocument } from '../../src/lib/domain/exchange-format/test-documents';
import { anonymous, systemActor } from '../../src/lib/domain/policy';
import { getDocumentationPage } from '../../src/lib/server/services/documentation';
import { DEMO_ORGANIZATION, loadDemoDataIfEmpty } from '../../src/lib/server/services/demo-data';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { findMeetingHandle } from '../../src/lib/server/repositories/meeting-lookup';
import { testDatabases } from '../helpers/databases';

for (const database of testDatabases()) {
	describe(`${database.name}: demo data`, () => {
		afterAll(() => database.close());

		// This file's database starts empty: the tests run in order on it.
		it('loads the founding and the fictional meeting, published, into an empty database', async () => {
			const db = await database.open();
			expect(await loadDemoDataIfEmpty(db)).toBe(2);
			const organization = await db
				.selectFrom('organizations')
				.select(['id', 'name'])
				.where('slug', '=', DEMO_ORGANIZATION.slug)
				.executeTakeFirstOrThrow();
			expect(organization.name).toBe('LWL-Kulturabteilung');
			for (const [series, number] of [
				['austausch-kulturbueros-engagement', 2],
				['beispiel-reihe-fiktiv', 1]
			] as const) {
				const handle = await findMeetingHandle(db, series, number);
				expect(handle).toMatchObject({ organizationId: organization.id, isPublished: true });
			}
			expect(
				areEquivalent(
					await exportMeeting(db, systemActor, 'austausch-kulturbueros-engagement', 2),
					foundingDocument()
				)
			).toBe(true);
			expect(
				areEquivalent(await exportMeeting(db, systemActor, 'beispiel-reihe-fiktiv', 1), fictionalDocument())
			).toBe(true);
			// Each demo meeting comes with its documentation published, readable by anyone.
			const page = await getDocumentationPage(db, anonymous, {
				seriesId: 'austausch-kulturbueros-engagement',
				number: 2
			});
			expect(page.title).toMatch(/^Dokumentation des zweiten Austauschtreffens/);
			expect(page.isPreview).toBe(false);
		});

		it('loads nothing into a database that holds series', async () => {
			const db = await database.open();
			expect(await loadDemoDataIfEmpty(db)).toBe(0);
			const series = await db.selectFrom('series').select('slug').orderBy('slug').execute();
			expect(series.map((row) => row.slug)).toEqual([
				'austausch-kulturbueros-engagement',
				'beispiel-reihe-fiktiv'
			]);
		});

		it('says in its titles that the second example is fictional', () => {
			const doc = fictionalDocument();
			expect(doc.series.title).toMatch(/^Fiktives Beispiel/);
			expect(JSON.stringify(doc.meeting.people)).toMatch(/example\.org/);
		});
	});
}
