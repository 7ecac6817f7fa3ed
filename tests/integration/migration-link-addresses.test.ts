import { afterAll, describe, expect, it } from 'vitest';
import { up as dropUnsafeLinkAddresses } from '../../src/lib/server/db/migrations/2026-12-04T0500-link-addresses';
import {
	publishDocumentation,
	createDocumentationVersion,
	getDocumentationPage
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { anonymous } from '../../src/lib/domain/policy';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { richMeeting } from '../helpers/rich-meeting';

// Addresses stored before only http:, https: and mailto: were accepted: the migration drops the
// others from rows and from documentation snapshots, so both still load and render no such link.
for (const database of testDatabases()) {
	describe(`${database.name}: migration of stored link addresses`, () => {
		afterAll(() => database.close());

		it('drops javascript:, data: and ftp: addresses from rows and snapshots and keeps the rest', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.organizer();
			const document = richMeeting();
			const seriesId = `reihe-${make.unique()}`;
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: seriesId } },
				{ publish: true }
			);
			const address = { seriesId, number: document.meeting.number };
			const version = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: version.id });

			// What an older version of the app let through, written straight into the rows.
			const meeting = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['meetings.id as meetingId', 'series.id as seriesRowId'])
				.where('series.slug', '=', seriesId)
				.executeTakeFirstOrThrow();
			await db
				.updateTable('meetings')
				.set({ venue_url: 'javascript:alert(1)' })
				.where('id', '=', meeting.meetingId)
				.execute();
			await db
				.updateTable('series')
				.set({ organizer_website: 'https://kultur.example.org' })
				.where('id', '=', meeting.seriesRowId)
				.execute();
			const stored = await db
				.selectFrom('documentation_versions')
				.select('snapshot')
				.where('id', '=', version.id)
				.executeTakeFirstOrThrow();
			const snapshot = JSON.parse(stored.snapshot) as {
				series: { organizer: { website?: string } };
				meeting: { venue?: { url?: string } };
				networks?: Array<{ website?: string }>;
			};
			snapshot.series.organizer.website = 'data:text/html,<script>alert(1)</script>';
			snapshot.meeting.venue = { ...snapshot.meeting.venue, url: 'ftp://files.example.org' };
			const keptNetworkWebsite = 'https://kulturnetz.example.org';
			const network = snapshot.networks?.[0];
			if (!network) throw new Error('the rich meeting has networks');
			network.website = keptNetworkWebsite;
			await db
				.updateTable('documentation_versions')
				.set({ snapshot: JSON.stringify(snapshot) })
				.where('id', '=', version.id)
				.execute();
			await expect(getDocumentationPage(db, anonymous, address)).rejects.toThrow();

			await dropUnsafeLinkAddresses(db);

			const rows = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['meetings.venue_url', 'series.organizer_website'])
				.where('meetings.id', '=', meeting.meetingId)
				.executeTakeFirstOrThrow();
			expect(rows).toEqual({ venue_url: null, organizer_website: 'https://kultur.example.org' });
			const repaired = JSON.parse(
				(
					await db
						.selectFrom('documentation_versions')
						.select('snapshot')
						.where('id', '=', version.id)
						.executeTakeFirstOrThrow()
				).snapshot
			) as typeof snapshot;
			expect(repaired.series.organizer.website).toBeUndefined();
			expect(repaired.meeting.venue?.url).toBeUndefined();
			expect(repaired.networks?.[0]?.website).toBe(keptNetworkWebsite);
			// The published version loads again.
			await expect(getDocumentationPage(db, anonymous, address)).resolves.toBeDefined();
		});
	});
}
