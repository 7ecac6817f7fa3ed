import { afterAll, describe, expect, it } from 'vitest';
import { buildDocumentationModel } from '../../src/lib/domain/documentation/model';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import { buildOpenApiDocument } from '../../src/lib/server/http/openapi';
import { exportMeeting, importMeeting } from '../../src/lib/server/services/exchange';
import { getPublicEntry, searchDirectory } from '../../src/lib/server/services/networks';
import { type EntryInput } from '../../src/lib/server/services/networks-entries';
import {
	createEntry,
	getEntryForManagement,
	linkMeeting,
	listForManagement,
	mergeEntries,
	setEntryStatus,
	updateEntry
} from '../../src/lib/server/services/networks-review';
import { SUGGESTION_LIMIT, suggestEntry } from '../../src/lib/server/services/networks-suggestions';
import { exportDirectoryFile, importDirectoryFile } from '../../src/lib/server/services/networks-transfer';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { foundingDocument } from '../helpers/founding-document';
import { rejection } from '../helpers/test-doubles';

/** A word no other test uses (digits keep it out of the stemmer), to keep each test's rows apart. */
const marker = () => `zq${Math.random().toString(36).slice(2, 10)}0`;

function entry(overrides: Partial<EntryInput> = {}): EntryInput {
	return {
		name: 'Freiwilligenagentur Rheine',
		kind: 'volunteer-agency',
		place: 'Rheine',
		contactNameConsent: false,
		...overrides
	};
}

for (const database of testDatabases()) {
	describe(`${database.name}: network directory`, () => {
		afterAll(() => database.close());

		async function setup() {
			const db = await database.open();
			const make = factories(db);
			const organizer = await make.organizer();
			return { db, make, organizer: organizer.actor, userId: organizer.userId };
		}

		const names = (view: { entries: { name: string }[] }) => view.entries.map((e) => e.name);

		it('finds German stems and umlaut spellings, and ranks a match in the name first', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			await createEntry(
				db,
				organizer,
				entry({ name: `Freiwilligenagentur Rheine ${tag}`, topics: 'Ehrenamt' })
			);
			await createEntry(
				db,
				organizer,
				entry({
					name: `Kulturbüro Münster ${tag}`,
					kind: 'culture-network',
					place: 'Münster',
					description: 'Arbeitet mit der Freiwilligenagentur zusammen.'
				})
			);
			await createEntry(
				db,
				organizer,
				entry({ name: `Kulturrat Lemgo ${tag}`, kind: 'culture-council', place: 'Lemgo' })
			);

			const plural = await searchDirectory(db, { q: `Freiwilligenagenturen ${tag}` });
			expect(names(plural)).toEqual([`Freiwilligenagentur Rheine ${tag}`, `Kulturbüro Münster ${tag}`]);

			for (const spelling of ['Kulturbueros', 'Kulturbüros', 'muenster', 'MÜNSTER'])
				expect(names(await searchDirectory(db, { q: `${spelling} ${tag}` }))).toEqual([
					`Kulturbüro Münster ${tag}`
				]);

			// Filters: district (Kreis Steinfurt, 05566), kind, topic; and the map's numbers.
			const steinfurt = await searchDirectory(db, { q: `Freiwilligenagenturen ${tag}`, district: '05566' });
			expect(names(steinfurt)).toEqual([`Freiwilligenagentur Rheine ${tag}`]);
			expect(steinfurt.districts.find((d) => d.ags === '05566')?.count).toBe(1);
			expect(steinfurt.districts.find((d) => d.ags === '05515')?.count).toBe(1);
			expect(steinfurt.districts).toHaveLength(27);
			expect(names(await searchDirectory(db, { q: tag, kind: 'culture-council' }))).toEqual([
				`Kulturrat Lemgo ${tag}`
			]);
			expect(names(await searchDirectory(db, { q: tag, topic: 'Ehrenamt' }))).toEqual([
				`Freiwilligenagentur Rheine ${tag}`
			]);
			expect(names(await searchDirectory(db, { q: tag, sort: 'name' }))).toEqual([
				`Freiwilligenagentur Rheine ${tag}`,
				`Kulturbüro Münster ${tag}`,
				`Kulturrat Lemgo ${tag}`
			]);
			const paged = await searchDirectory(db, { q: tag, sort: 'name', page: 2 }, { pageSize: 2 });
			expect(names(paged)).toEqual([`Kulturrat Lemgo ${tag}`]);
			expect(paged.pageCount).toBe(2);
			expect(paged.total).toBe(3);
		});

		it('takes suggestions from anyone, shows them only once published, and keeps the history', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			const outcome = await suggestEntry(
				db,
				anonymous,
				{
					...entry({ name: `Ehrenamtsbörse Greven ${tag}`, kind: 'volunteer-exchange', place: 'Greven' }),
					suggesterEmail: 'frage@example.org'
				},
				{ clientAddress: `10.0.0.${Math.floor(Math.random() * 250)}` }
			);
			expect(outcome.stored).toBe(true);
			expect((await searchDirectory(db, { q: tag })).total).toBe(0);

			const review = await listForManagement(db, organizer, { status: 'suggested', q: tag });
			expect(names(review)).toEqual([`Ehrenamtsbörse Greven ${tag}`]);
			const id = review.entries[0]!.id;
			await expect(getPublicEntry(db, id)).rejects.toMatchObject({ kind: 'not-found' });

			expect((await getEntryForManagement(db, organizer, id)).suggesterEmail).toBe('frage@example.org');
			await updateEntry(db, organizer, id, {
				...entry({ name: `Ehrenamtsbörse Greven ${tag}`, kind: 'volunteer-exchange', place: 'Greven' }),
				website: 'https://example.org/boerse'
			});
			await setEntryStatus(db, organizer, id, { status: 'published' });
			expect(names(await searchDirectory(db, { q: `ehrenamtsboerse ${tag}` }))).toEqual([
				`Ehrenamtsbörse Greven ${tag}`
			]);
			const page = await getPublicEntry(db, id);
			expect(page.entry.website).toBe('https://example.org/boerse');
			expect(JSON.stringify(page)).not.toContain('frage@example.org');

			const managed = await getEntryForManagement(db, organizer, id);
			// The decision deletes the suggester's address (it served questions during the review only).
			expect(managed.suggesterEmail).toBeNull();
			expect(managed.changes.map((c) => c.action)).toEqual(['suggested', 'edited', 'published']);
			expect(managed.changes[0]!.actorLabel).toBe('public');
			expect(managed.changes[1]!.details).toEqual({ website: [null, 'https://example.org/boerse'] });
			expect(managed.changes[2]!.by).not.toBeNull();

			await setEntryStatus(db, organizer, id, { status: 'rejected' });
			expect((await searchDirectory(db, { q: tag })).total).toBe(0);
		});

		it('refuses bad input by field, honeypots, and anyone but organizers and admins', async () => {
			const { db, make } = await setup();
			const problems = await rejection(
				suggestEntry(db, anonymous, entry({ place: 'Köln', website: 'javascript:alert(1)', name: '' }))
			);
			expect(problems.problems.map((p) => p.path).sort()).toEqual(['/name', '/place', '/website']);
			const place = await rejection(suggestEntry(db, anonymous, entry({ place: 'Köln' })));
			expect(place.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/place', 'networks.error.unknownPlace']
			]);

			const tag = marker();
			const bot = await suggestEntry(db, anonymous, { ...entry({ name: `Bot ${tag}` }), companyFax: 'spam' });
			expect(bot.stored).toBe(false);

			const stranger = await make.user();
			const { actorForUser } = await import('../../src/lib/server/services/auth');
			const strangerActor: Actor = await actorForUser(db, stranger.id);
			expect((await rejection(listForManagement(db, strangerActor, {}))).kind).toBe('forbidden');
			expect((await rejection(listForManagement(db, anonymous, {}))).kind).toBe('unauthenticated');
			expect((await rejection(createEntry(db, strangerActor, entry()))).kind).toBe('forbidden');
		});

		it('limits suggestions per client address', async () => {
			const { db } = await setup();
			const address = `192.0.2.${Math.floor(Math.random() * 250)}-${marker()}`;
			for (let i = 0; i < SUGGESTION_LIMIT; i++)
				await suggestEntry(db, anonymous, entry({ name: `Limit ${marker()}` }), { clientAddress: address });
			expect((await rejection(suggestEntry(db, anonymous, entry(), { clientAddress: address }))).kind).toBe(
				'rate-limited'
			);
		});

		it('names a contact person only with consent', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			const without = await createEntry(
				db,
				organizer,
				entry({ name: `Ohne ${tag}`, contactName: 'Erika Geheim', contactEmail: 'info@example.org' })
			);
			const withConsent = await createEntry(
				db,
				organizer,
				entry({ name: `Mit ${tag}`, contactName: 'Max Offen', contactNameConsent: true })
			);
			const list = await searchDirectory(db, { q: tag, sort: 'name' });
			expect(list.entries.map((e) => e.contact)).toEqual([
				{ name: 'Max Offen' },
				{ email: 'info@example.org' }
			]);
			expect(JSON.stringify(await getPublicEntry(db, without))).not.toContain('Erika Geheim');
			expect((await getPublicEntry(db, withConsent)).entry.contact?.name).toBe('Max Offen');
		});

		it('merges a duplicate: meetings and empty fields move over, the duplicate is gone', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			const keep = await createEntry(db, organizer, entry({ name: `Kulturnetz ${tag}`, topics: 'Kultur' }));
			const duplicate = await createEntry(
				db,
				organizer,
				entry({
					name: `Kulturnetz ${tag} (alt)`,
					topics: 'Ehrenamt',
					founded: 2001,
					website: 'https://example.org/alt'
				})
			);
			await mergeEntries(db, organizer, keep, { duplicate });
			const view = await getEntryForManagement(db, organizer, keep);
			expect(view.entry.topics).toEqual(['Kultur', 'Ehrenamt']);
			expect(view.entry.founded).toBe(2001);
			expect(view.changes.at(-1)!.action).toBe('merged');
			expect((await searchDirectory(db, { q: tag })).total).toBe(1);
			expect(
				(await rejection(mergeEntries(db, organizer, keep, { duplicate: keep }))).problems[0]!.path
			).toBe('/duplicate');
		});

		it("builds the founding meeting's network collection from the directory entries linked to it", async () => {
			const { db, organizer, make } = await setup();
			const founding = foundingDocument();
			const seriesId = `reihe-${make.unique()}`;
			await importMeeting(db, organizer, { ...founding, series: { ...founding.series, id: seriesId } });
			const tag = marker();
			const id = await createEntry(
				db,
				organizer,
				entry({
					name: `Freiwilligenagentur Rheine ${tag}`,
					description: 'Vermittelt Engagement.',
					contactName: 'Geheim'
				})
			);
			const { meetingId } = await import('../../src/lib/server/repositories/networks-meetings').then(
				async (repo) => ({
					meetingId: (await repo.findMeetingId(db, seriesId, founding.meeting.number))!
				})
			);
			await linkMeeting(db, organizer, id, { meetingId });
			const suggested = await createEntry(
				db,
				organizer,
				entry({ name: `Nur vorgeschlagen ${tag}` }),
				'suggested'
			);
			await linkMeeting(db, organizer, suggested, { meetingId });

			const document = await exportMeeting(db, organizer, seriesId, founding.meeting.number);
			expect(document.networks?.map((n) => n.name)).toEqual([`Freiwilligenagentur Rheine ${tag}`]);
			const model = buildDocumentationModel(document, 'de');
			const section = model.sections.find((s) => s.kind === 'networks');
			expect(section).toMatchObject({ heading: 'Sammlung: Netzwerke in Westfalen-Lippe' });
			expect(section?.kind === 'networks' && section.networks.map((n) => [n.name, n.description])).toEqual([
				[`Freiwilligenagentur Rheine ${tag}`, 'Vermittelt Engagement.']
			]);

			// Editing the entry in the directory changes the collection.
			await updateEntry(
				db,
				organizer,
				id,
				entry({ name: `Freiwilligenagentur Rheine ${tag}`, description: 'Neu.' })
			);
			const again = await exportMeeting(db, organizer, seriesId, founding.meeting.number);
			expect(again.networks?.[0]?.description).toBe('Neu.');
			// The public entry page names the meeting once it is published.
			expect((await getPublicEntry(db, id)).meetings).toEqual([]);

			// The link may name the agenda item where the network was presented.
			const item = await db
				.selectFrom('agenda_items')
				.select(['id', 'title'])
				.where('meeting_id', '=', meetingId)
				.orderBy('position')
				.executeTakeFirstOrThrow();
			await linkMeeting(db, organizer, id, { meetingId, agendaItemId: item.id });
			const managed = await getEntryForManagement(db, organizer, id);
			expect(managed.meetings.map((m) => [m.seriesSlug, m.agendaItem])).toEqual([[seriesId, item.title]]);
			expect(managed.changes.map((c) => c.action)).toEqual(['created', 'linked', 'edited', 'linked']);
			const other = await rejection(
				linkMeeting(db, organizer, id, { meetingId, agendaItemId: 'no-such-item' })
			);
			expect(other.problems[0]!.path).toBe('/agendaItemId');
		});

		it("feeds an imported meeting's networks into the directory as published, searchable entries", async () => {
			const { db, organizer, make } = await setup();
			const { default: fictional } = await import('../../spec/examples/beispiel-fiktiv.json', {
				with: { type: 'json' }
			});
			const seriesId = `reihe-${make.unique()}`;
			await importMeeting(
				db,
				organizer,
				{ ...fictional, series: { ...fictional.series, id: seriesId } },
				{ publish: true }
			);
			const found = await searchDirectory(db, { q: 'Freiwilligenagenturen Herford fiktiv' });
			const herford = found.entries.find((e) => e.name === 'Freiwilligenagentur Herford (fiktiv)');
			expect(herford).toBeDefined();
			expect(herford!.districtAgs).toBe('05758');
			const page = await getPublicEntry(db, herford!.id);
			expect(page.meetings.map((m) => m.seriesSlug)).toContain(seriesId);
		});
		it('imports CSV, reports every problem by row and column, and writes nothing on error', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			const header = 'name;kind;ags;website;topics;contact_name;contact_name_consent;founded';
			const bad = [
				header,
				`Kulturrat Olpe ${tag};Kulturrat;05966024;https://example.org;Kultur;;;2010`,
				`Zweiter ${tag};Freiwilligenagentur;05966024;javascript:alert(1);;;;1700`,
				`Dritter ${tag};unbekannt;99999999;;;;;`
			].join('\r\n');
			const error = await rejection(
				importDirectoryFile(db, organizer, { bytes: Buffer.from(`\uFEFF${bad}`, 'utf8'), name: 'netze.csv' })
			);
			expect(error.problems.map((p) => [p.path, p.message.key])).toEqual([
				['/rows/3/website', 'validation.invalidUrl'],
				['/rows/3/founded', 'validation.tooSmall'],
				['/rows/4/kind', 'validation.invalidChoice'],
				['/rows/4/ags', 'networks.error.unknownPlace']
			]);
			expect((await searchDirectory(db, { q: tag })).total).toBe(0);

			const good = [
				header,
				`Kulturrat Olpe ${tag};Kulturrat;05966024;https://example.org;Kultur, Heimat;Anna Zustimmung;ja;2010`,
				`Ehrenamtsbörse Unna ${tag};volunteer-exchange;Unna;;Ehrenamt;Bernd Geheim;;`
			].join('\r\n');
			const outcome = await importDirectoryFile(db, organizer, {
				bytes: Buffer.from(`\uFEFF${good}`, 'utf8'),
				name: 'netze.csv'
			});
			expect(outcome).toEqual({ created: 2, updated: 0 });
			const found = await searchDirectory(db, { q: tag, sort: 'name' });
			expect(found.entries.map((e) => [e.name, e.district, e.topics])).toEqual([
				[`Ehrenamtsbörse Unna ${tag}`, 'Kreis Unna', ['Ehrenamt']],
				[`Kulturrat Olpe ${tag}`, 'Kreis Olpe', ['Kultur', 'Heimat']]
			]);
			const history = await getEntryForManagement(db, organizer, found.entries[0]!.id);
			expect(history.changes.map((c) => c.action)).toEqual(['imported']);
		});

		it('exports CSV, XLSX and JSON without unconsented contact names, and reads its own export back', async () => {
			const { db, organizer } = await setup();
			const tag = marker();
			await createEntry(
				db,
				organizer,
				entry({
					name: `Export Mit ${tag}`,
					contactName: 'Clara Offen',
					contactNameConsent: true,
					contactPhone: '+49 251 0'
				})
			);
			await createEntry(db, organizer, entry({ name: `Export Ohne ${tag}`, contactName: 'Dora Geheim' }));
			const csv = await exportDirectoryFile(db, { q: tag }, 'csv', 'https://nws.test');
			const text = (csv.body as Buffer).toString('utf8');
			expect(text.startsWith('\uFEFFid;slug;name;kind')).toBe(true);
			expect(text).toContain('Clara Offen');
			expect(text).toContain("'+49 251 0");
			expect(text).not.toContain('Dora Geheim');
			expect(text).toContain('https://nws.test/netzwerke/');
			const json = await exportDirectoryFile(db, { q: tag }, 'json', 'https://nws.test');
			expect(json.body as string).not.toContain('Dora Geheim');
			expect(JSON.parse(json.body as string)).toMatchObject({ licence: { name: 'CC BY 4.0' }, count: 2 });
			const xlsx = await exportDirectoryFile(db, { q: tag }, 'xlsx', 'https://nws.test');
			const ExcelJS = (await import('exceljs')).default;
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
			const cellsText = JSON.stringify(workbook.worksheets[0]!.getSheetValues());
			expect(cellsText).toContain('Clara Offen');
			expect(cellsText).not.toContain('Dora Geheim');

			// Round trip: the rows name existing entries (by id), so they are updated, not doubled.
			for (const [file, name] of [
				[csv.body as Buffer, 'netze.csv'],
				[xlsx.body as Buffer, 'netze.xlsx'],
				[Buffer.from(json.body as string), 'netze.json']
			] as const)
				expect(await importDirectoryFile(db, organizer, { bytes: new Uint8Array(file), name })).toEqual({
					created: 0,
					updated: 2
				});
			expect((await searchDirectory(db, { q: tag })).total).toBe(2);
		});

		it('lists the open-data operations in the OpenAPI document', () => {
			const document = buildOpenApiDocument('http://localhost') as {
				paths: Record<string, Record<string, { operationId: string }>>;
			};
			expect(document.paths['/networks']?.get?.operationId).toBe('listNetworks');
			expect(document.paths['/networks/{entry}']?.get?.operationId).toBe('getNetwork');
			expect(document.paths['/networks/export.{format}']?.get?.operationId).toBe('exportNetworks');
		});
	});
}

describe('sqlite: the directory migration', () => {
	it('turns networks imported before it into published, searchable entries', async () => {
		const { Migrator } = await import('kysely');
		const { openDatabase } = await import('../../src/lib/server/db/connect');
		const { migrations } = await import('../../src/lib/server/db/migrations/index');
		const { migrateToLatest } = await import('../../src/lib/server/db/migrate');
		const handle = await openDatabase('sqlite::memory:');
		try {
			const db = handle.db;
			const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
			await migrator.migrateTo('2026-11-27T0700-vote-tally-index');
			const at = new Date().toISOString();
			await db
				.insertInto('organizations')
				.values({ id: 'org', slug: 'org', name: 'Org', email: null, website: null, created_at: at })
				.execute();
			// Only the columns that existed before the directory.
			await (db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>)
				.insertInto('networks')
				.values({
					id: 'n1',
					organization_id: 'org',
					network_key: 'alt',
					name: 'Freiwilligenagentur Bocholt',
					kind: 'volunteer-agency',
					ags: '05554008',
					partners: '[]',
					created_at: at,
					updated_at: at
				})
				.execute();
			await migrateToLatest(db);
			const found = await searchDirectory(db, { q: 'Freiwilligenagenturen Bocholt' });
			expect(found.entries.map((e) => [e.name, e.slug, e.districtAgs])).toEqual([
				['Freiwilligenagentur Bocholt', 'freiwilligenagentur-bocholt', '05554']
			]);
		} finally {
			await handle.close();
		}
	});
});
