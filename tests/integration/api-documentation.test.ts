import { afterAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../src/lib/domain/policy';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import {
	createDocumentationVersion,
	hasPublishedDocumentation,
	publishDocumentation,
	unpublishDocumentation
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { match as isDocumentationFormat } from '../../src/params/docformat';
import { contentDisposition, downloadResponse } from '../../src/routes/files/downloads';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { foundingDocument } from '../helpers/founding-document';

describe('documentation downloads: routing and headers', () => {
	it('matches exactly the five formats in documentation.{format}', () => {
		for (const format of ['pdf', 'docx', 'html', 'md', 'zip'])
			expect(isDocumentationFormat(format)).toBe(true);
		for (const other of ['PDF', 'json', 'htm', '', 'pdf.exe', 'zip/'])
			expect(isDocumentationFormat(other)).toBe(false);
	});

	it('names the file as an attachment, with an encoded name when it is not plain ASCII', () => {
		expect(contentDisposition('reihe-2-dokumentation.pdf')).toBe(
			'attachment; filename="reihe-2-dokumentation.pdf"'
		);
		expect(contentDisposition('Präsentation "neu".pdf')).toBe(
			`attachment; filename="Pr_sentation _neu_.pdf"; filename*=UTF-8''Pr%C3%A4sentation%20%22neu%22.pdf`
		);
	});

	it('answers a download that is never sniffed, cached or run', async () => {
		const response = downloadResponse(
			{
				bytes: new TextEncoder().encode('<script>alert(1)</script>'),
				mediaType: 'image/png',
				fileName: 'x.png'
			},
			{ contentSecurityPolicy: "default-src 'none'" }
		);
		expect(response.status).toBe(200);
		expect(Object.fromEntries(response.headers)).toMatchObject({
			'content-type': 'image/png',
			'content-length': '25',
			'content-disposition': 'attachment; filename="x.png"',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'",
			'cache-control': 'private, no-store'
		});
		expect(await response.text()).toBe('<script>alert(1)</script>');
	});

	it('lists every documentation operation in the OpenAPI document', () => {
		const document = buildOpenApiDocument('http://localhost') as {
			paths: Record<string, Record<string, { tags: string[]; parameters?: { name: string }[] }>>;
		};
		for (const format of ['pdf', 'docx', 'html', 'md', 'zip']) {
			const operation = document.paths[`/meetings/{series}/{number}/documentation.${format}`]?.get;
			expect(operation?.tags).toEqual(['documentation']);
			expect(operation?.parameters?.map((parameter) => parameter.name)).toEqual(['series', 'number']);
		}
		expect(Object.keys(document.paths['/meetings/{series}/{number}/documentation/versions'] ?? {})).toEqual([
			'get',
			'post'
		]);
		expect(document.paths['/meetings/{series}/{number}/documentation/publish']).toHaveProperty('post');
		expect(document.paths['/meetings/{series}/{number}/documentation/unpublish']).toHaveProperty('post');
		expect(Object.keys(document.paths['/meetings/{series}/{number}/documentation/texts'] ?? {})).toEqual([
			'get',
			'put'
		]);
	});
});

for (const database of testDatabases()) {
	describe(`${database.name}: link to the published documentation`, () => {
		afterAll(() => database.close());

		it('is offered once a version is published and the meeting is public, and not after withdrawing', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.organizer();
			const document = foundingDocument();
			const address = { seriesId: `reihe-${make.unique()}`, number: document.meeting.number };
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: address.seriesId } },
				{
					publish: true
				}
			);
			expect(await hasPublishedDocumentation(db, anonymous, address)).toBe(false);
			const version = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: version.id });
			expect(await hasPublishedDocumentation(db, anonymous, address)).toBe(true);
			expect(await hasPublishedDocumentation(db, actor, address)).toBe(true);
			await unpublishDocumentation(db, actor, address);
			expect(await hasPublishedDocumentation(db, anonymous, address)).toBe(false);
			expect(await hasPublishedDocumentation(db, anonymous, { seriesId: 'no-such-series', number: 1 })).toBe(
				false
			);
		});

		it('is not offered for a draft meeting, even with a published version', async () => {
			const db = await database.open();
			const make = factories(db);
			const { actor } = await make.organizer();
			const document = foundingDocument();
			const address = { seriesId: `reihe-${make.unique()}`, number: document.meeting.number };
			await importMeeting(
				db,
				actor,
				{ ...document, series: { ...document.series, id: address.seriesId } },
				{
					publish: false
				}
			);
			const version = await createDocumentationVersion(db, actor, address, {});
			await publishDocumentation(db, actor, address, { versionId: version.id });
			expect(await hasPublishedDocumentation(db, anonymous, address)).toBe(false);
			expect(await hasPublishedDocumentation(db, actor, address)).toBe(false);
		});
	});
}
