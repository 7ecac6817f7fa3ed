import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { areEquivalent, normalizeDocument } from '../../src/lib/domain/exchange-format/equivalence';
import {
	badDocuments,
	fictionalDocument,
	formatJsonSchema,
	foundingDocument,
	optionalKeyPaths,
	usedKeyPaths,
	type Doc
} from '../../src/lib/domain/exchange-format/test-documents';
import { anonymous, systemActor } from '../../src/lib/domain/policy';
import { actorForUser } from '../../src/lib/server/services/auth';
import { exportMeeting, importMeeting, parseDocumentText } from '../../src/lib/server/services/exchange';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { countImportedRows, IMPORT_TABLES } from '../helpers/import-tables';

/** A copy of a document under a fresh series id, so that tests never share rows. */
function withSeries(doc: Doc, prefix = 'test'): Doc {
	doc.series.id = `${prefix}-${randomUUID().slice(0, 8)}`;
	return doc;
}

async function caught(work: Promise<unknown>) {
	try {
		await work;
	} catch (error) {
		if (isAppError(error)) return error;
		throw error;
	}
	throw new Error('expected an AppError');
}

/** Makes every insert into one table fail: to prove that a late failure rolls back everything. */
function failingInsertsInto(table: string): KyselyPlugin {
	return {
		transformQuery(args) {
			const node = args.node as { kind: string; into?: { table: { identifier: { name: string } } } };
			if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table)
				throw new Error(`test: inserts into ${table} fail`);
			return args.node;
		},
		transformResult: (args) => Promise.resolve(args.result)
	};
}

for (const database of testDatabases()) {
	describe(`${database.name}: exchange import and export`, () => {
		afterAll(() => database.close());

		it('round-trips the founding meeting', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const doc = withSeries(foundingDocument());
			const result = await importMeeting(db, organizer.actor, doc);
			expect(result).toMatchObject({
				address: `${doc.series.id}/2`,
				isSeriesCreated: true,
				isReplaced: false
			});
			const exported = await exportMeeting(db, organizer.actor, doc.series.id, 2);
			expect(normalizeDocument(exported)).toEqual(normalizeDocument(doc));
		});

		it('round-trips a document that sets every optional key, and writes every table', async () => {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			const doc = withSeries(fictionalDocument());
			const used = usedKeyPaths(doc);
			expect(optionalKeyPaths(formatJsonSchema()).filter((path) => !used.has(path))).toEqual([]);
			const before = await countImportedRows(db);
			await importMeeting(db, organizer.actor, doc);
			const after = await countImportedRows(db);
			for (const table of IMPORT_TABLES.filter((name) => name !== 'organizations'))
				expect(after[table], table).toBeGreaterThan(before[table]!);
			const exported = await exportMeeting(db, organizer.actor, doc.series.id, 1);
			expect(normalizeDocument(exported)).toEqual(normalizeDocument(doc));
			expect(areEquivalent(exported, doc)).toBe(true);
		});

		it('stores references and results relationally', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const doc = withSeries(fictionalDocument());
			await importMeeting(db, organizer.actor, doc);
			const meeting = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select('meetings.id')
				.where('series.slug', '=', doc.series.id)
				.executeTakeFirstOrThrow();
			const pollItem = await db
				.selectFrom('agenda_items')
				.innerJoin('polls', 'polls.id', 'agenda_items.poll_id')
				.select(['polls.poll_key'])
				.where('agenda_items.meeting_id', '=', meeting.id)
				.where('agenda_items.position', '=', 1)
				.executeTakeFirstOrThrow();
			expect(pollItem.poll_key).toBe('einstieg');
			const counts = await db
				.selectFrom('poll_result_counts')
				.innerJoin('poll_questions', 'poll_questions.id', 'poll_result_counts.question_id')
				.innerJoin('polls', 'polls.id', 'poll_questions.poll_id')
				.select([
					'poll_result_counts.answer_key',
					'poll_result_counts.count',
					'poll_questions.imported_respondents'
				])
				.where('polls.meeting_id', '=', meeting.id)
				.where('poll_questions.question_key', '=', 'nutzen')
				.orderBy('poll_result_counts.answer_key')
				.execute();
			expect(counts).toEqual([
				{ answer_key: '3', count: 1, imported_respondents: 9 },
				{ answer_key: '4', count: 3, imported_respondents: 9 },
				{ answer_key: '5', count: 5, imported_respondents: 9 }
			]);
			const attachment = await db
				.selectFrom('attachments')
				.innerJoin('agenda_items', 'agenda_items.id', 'attachments.agenda_item_id')
				.select(['agenda_items.title', 'attachments.file_path'])
				.where('attachments.meeting_id', '=', meeting.id)
				.executeTakeFirstOrThrow();
			expect(attachment).toEqual({
				title: 'Input: Engagierte finden (fiktiv)',
				file_path: 'attachments/engagierte-finden.pdf'
			});
		});

		it('exports what was edited after the import', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const doc = withSeries(foundingDocument());
			await importMeeting(db, organizer.actor, doc);
			const meeting = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['meetings.id', 'series.id as seriesId'])
				.where('series.slug', '=', doc.series.id)
				.executeTakeFirstOrThrow();
			await db
				.updateTable('series')
				.set({ title: 'Neuer Titel' })
				.where('id', '=', meeting.seriesId)
				.execute();
			await db
				.updateTable('agenda_items')
				.set({ title: 'Geänderter Punkt', end_time: '14:04' })
				.where('meeting_id', '=', meeting.id)
				.where('position', '=', 0)
				.execute();
			const exported = await exportMeeting(db, organizer.actor, doc.series.id, 2);
			expect(exported.series.title).toBe('Neuer Titel');
			expect(exported.meeting.agenda[0]).toEqual({
				start: '14:00',
				end: '14:04',
				kind: 'arrival',
				title: 'Geänderter Punkt'
			});
			expect(areEquivalent(exported, doc)).toBe(false);
		});

		for (const bad of badDocuments) {
			it(`refuses ${bad.name} at ${bad.path} and writes nothing`, async () => {
				const db = await database.open();
				const organizer = await factories(db).organizer();
				const before = await countImportedRows(db);
				// A fresh series id keeps tests apart, unless the series itself is what is wrong.
				const doc = bad.make();
				if (doc.series && bad.path !== '/series/id') withSeries(doc);
				const error = await caught(importMeeting(db, organizer.actor, doc));
				expect(error.kind).toBe('validation');
				expect(error.problems.map((p) => p.path)).toContain(bad.path);
				expect(await countImportedRows(db)).toEqual(before);
			});
		}

		it('refuses invalid JSON with the parser detail', () => {
			let error: unknown;
			try {
				parseDocumentText('{"format": ');
			} catch (thrown) {
				error = thrown;
			}
			expect(isAppError(error) && error.problems[0]).toMatchObject({
				path: '',
				message: { key: 'validation.invalidJson', params: { detail: expect.stringMatching(/JSON/) } }
			});
		});

		it('rolls back everything when a late write fails', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const before = await countImportedRows(db);
			const failing = db.withPlugin(failingInsertsInto('attachments'));
			await expect(importMeeting(failing, organizer.actor, withSeries(fictionalDocument()))).rejects.toThrow(
				/inserts into attachments fail/
			);
			expect(await countImportedRows(db)).toEqual(before);
		});

		it('refuses an existing meeting number unless replace, which swaps all its rows', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const doc = withSeries(fictionalDocument());
			await importMeeting(db, organizer.actor, doc);
			const afterFirst = await countImportedRows(db);

			const again = structuredClone(doc);
			again.meeting.agenda[0].title = 'Neue Begrüßung';
			const error = await caught(importMeeting(db, organizer.actor, again));
			expect(error.kind).toBe('conflict');
			expect(error.summary).toEqual({
				key: 'exchange.meetingExists',
				params: { address: `${doc.series.id}/1` }
			});
			expect(await countImportedRows(db)).toEqual(afterFirst);

			const replaced = await importMeeting(db, organizer.actor, again, { replace: true });
			expect(replaced.isReplaced).toBe(true);
			expect(await countImportedRows(db)).toEqual(afterFirst);
			const exported = await exportMeeting(db, organizer.actor, doc.series.id, 1);
			expect(exported.meeting.agenda[0]!.title).toBe('Neue Begrüßung');
			expect(areEquivalent(exported, again)).toBe(true);
		});

		it('publishes the meeting and its series when asked', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const doc = withSeries(foundingDocument());
			await importMeeting(db, organizer.actor, doc, { publish: true });
			const row = await db
				.selectFrom('meetings')
				.innerJoin('series', 'series.id', 'meetings.series_id')
				.select(['meetings.published_at as meeting', 'series.published_at as series'])
				.where('series.slug', '=', doc.series.id)
				.executeTakeFirstOrThrow();
			expect(row.meeting).not.toBeNull();
			expect(row.series).not.toBeNull();
		});

		it('lets organizers import into their own organization only', async () => {
			const db = await database.open();
			const make = factories(db);
			const owner = await make.organizer();
			const other = await make.organizer();
			const doc = withSeries(foundingDocument());
			await importMeeting(db, owner.actor, doc);
			const series = await db
				.selectFrom('series')
				.select('organization_id')
				.where('slug', '=', doc.series.id)
				.executeTakeFirstOrThrow();
			expect(series.organization_id).toBe(owner.organizationId);

			const before = await countImportedRows(db);
			const next = structuredClone(doc);
			next.meeting.number = 3;
			const refused = await caught(importMeeting(db, other.actor, next));
			expect(refused.kind).toBe('forbidden');
			expect(refused.summary.key).toBe('exchange.seriesOfOtherOrganization');
			expect(await countImportedRows(db)).toEqual(before);

			const otherOrganization = await db
				.selectFrom('organizations')
				.select('slug')
				.where('id', '=', owner.organizationId)
				.executeTakeFirstOrThrow();
			const intoForeign = await caught(
				importMeeting(db, other.actor, withSeries(foundingDocument()), {
					organization: otherOrganization.slug
				})
			);
			expect(intoForeign.kind).toBe('forbidden');
			expect(await caught(importMeeting(db, anonymous, withSeries(foundingDocument())))).toMatchObject({
				kind: 'unauthenticated'
			});
			const outsider = await factories(db).user();
			const outsiderActor = await actorForUser(db, outsider.id);
			expect(await caught(importMeeting(db, outsiderActor, withSeries(foundingDocument())))).toMatchObject({
				kind: 'forbidden'
			});
			expect(await countImportedRows(db)).toEqual(before);
		});

		it('needs a known organization for a new series when the importer has none or several', async () => {
			const db = await database.open();
			// An admin on the web names the organization (only the command line takes the document's).
			const admin = (await factories(db).admin()).actor;
			const missing = await caught(importMeeting(db, admin, withSeries(foundingDocument())));
			expect(missing.problems).toEqual([
				expect.objectContaining({
					path: 'organization',
					message: expect.objectContaining({ key: 'exchange.organizationRequired' })
				})
			]);
			const unknown = await caught(
				importMeeting(db, systemActor, withSeries(foundingDocument()), { organization: 'gibt-es-nicht' })
			);
			expect(unknown.problems[0]?.message.key).toBe('exchange.unknownOrganization');
			const organization = await factories(db).organization();
			const result = await importMeeting(db, systemActor, withSeries(foundingDocument()), {
				organization: organization.slug
			});
			expect(result.isSeriesCreated).toBe(true);
		});

		it('upserts networks by key within the series organization', async () => {
			const db = await database.open();
			const organizer = await factories(db).organizer();
			const first = withSeries(fictionalDocument());
			await importMeeting(db, organizer.actor, first);
			const second = structuredClone(first);
			second.meeting.number = 2;
			second.networks = [{ ...first.networks[0], name: 'Kulturnetz Soest (umbenannt)' }];
			await importMeeting(db, organizer.actor, second);
			const networks = await db
				.selectFrom('networks')
				.select(['network_key', 'name'])
				.where('organization_id', '=', organizer.organizationId)
				.orderBy('network_key')
				.execute();
			expect(networks.map((n) => n.network_key)).toEqual([
				'engagement-lemgo-fiktiv',
				'freiwilligenagentur-herford-fiktiv',
				'kulturnetz-soest-fiktiv'
			]);
			expect(networks[2]!.name).toBe('Kulturnetz Soest (umbenannt)');
			const exportedFirst = await exportMeeting(db, organizer.actor, first.series.id, 1);
			expect(exportedFirst.networks?.map((n) => n.name)).toEqual([
				'Kulturnetz Soest (umbenannt)',
				'Engagementnetzwerk Lemgo (fiktiv)',
				'Freiwilligenagentur Herford (fiktiv)'
			]);
			const exportedSecond = await exportMeeting(db, organizer.actor, first.series.id, 2);
			expect(exportedSecond.networks).toHaveLength(1);
		});

		it('exports to the organizers only', async () => {
			const db = await database.open();
			const make = factories(db);
			const owner = await make.organizer();
			const other = await make.organizer();
			const doc = withSeries(foundingDocument());
			await importMeeting(db, owner.actor, doc);
			expect((await caught(exportMeeting(db, other.actor, doc.series.id, 2))).kind).toBe('not-found');
			expect((await caught(exportMeeting(db, anonymous, doc.series.id, 2))).kind).toBe('unauthenticated');
			await importMeeting(db, owner.actor, doc, { replace: true, publish: true });
			expect((await caught(exportMeeting(db, other.actor, doc.series.id, 2))).kind).toBe('forbidden');
			expect((await caught(exportMeeting(db, anonymous, doc.series.id, 2))).kind).toBe('unauthenticated');
			expect((await caught(exportMeeting(db, owner.actor, doc.series.id, 9))).kind).toBe('not-found');
			const admin = await make.admin();
			expect((await exportMeeting(db, admin.actor, doc.series.id, 2)).meeting.number).toBe(2);
		});
	});
}
