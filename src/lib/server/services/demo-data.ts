import type { Kysely } from 'kysely';
// Static JSON imports: vite bundles them into the server build, tsx and vitest read them as modules.
import founding from '../../../../spec/examples/austauschtreffen-2024-11-20.json' with { type: 'json' };
import fictional from '../../../../spec/examples/beispiel-fiktiv.json' with { type: 'json' };
import { systemActor } from '../../domain/policy';
import type { Database } from '../db/schema';
import { randomUUID } from 'node:crypto';
import * as organizations from '../repositories/organizations';
import { countSeries } from '../repositories/series';
import { createDocumentationVersion, publishDocumentation } from './documentation';
import { importMeeting } from './exchange';

export const DEMO_ORGANIZATION = { slug: 'lwl-kulturabteilung', name: 'LWL-Kulturabteilung' };

/**
 * Loads the demo data into an empty database: the organization LWL-Kulturabteilung with the
 * founding meeting (2024-11-20) and a clearly fictional example meeting that shows what the
 * founding meeting's data lacks (poll results, breakout boards, findings, networks), all
 * published, each with a published documentation, so that a visitor sees the whole cycle at once.
 * Returns how many meetings it loaded; 0 when the database already holds series.
 */
export async function loadDemoDataIfEmpty(db: Kysely<Database>): Promise<number> {
	if ((await countSeries(db)) > 0) return 0;
	if (!(await organizations.findOrganizationBySlug(db, DEMO_ORGANIZATION.slug)))
		await organizations.insertOrganization(db, {
			id: randomUUID(),
			...DEMO_ORGANIZATION,
			createdAt: new Date().toISOString()
		});
	let loaded = 0;
	for (const document of [founding, fictional]) {
		const imported = await importMeeting(db, systemActor, document, {
			publish: true,
			organization: DEMO_ORGANIZATION.slug
		});
		const address = { seriesId: imported.seriesId, number: imported.number };
		const version = await createDocumentationVersion(db, systemActor, address, {});
		await publishDocumentation(db, systemActor, address, { versionId: version.id });
		loaded += 1;
	}
	return loaded;
}
