import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { Database } from '../../src/lib/server/db/schema';
import { LiveBus } from '../../src/lib/server/live/bus';
import {
	createCluster,
	deleteCluster,
	exportCards,
	getSynthesis,
	setCardCluster,
	writeFindings,
	writeSynthesis
} from '../../src/lib/server/services/breakouts';
import { endRound, startRound } from '../../src/lib/server/services/breakouts-live';
import { getProjectorView } from '../../src/lib/server/services/breakouts-projector';
import {
	createDocumentationVersion,
	publishDocumentation,
	renderDocumentation
} from '../../src/lib/server/services/documentation';
import { importMeeting } from '../../src/lib/server/services/exchange';
import { startLiveSession } from '../../src/lib/server/services/live-moderation';
import { testDatabases } from '../helpers/databases';
import { factories } from '../helpers/factories';
import { expectLinesInOrder, normalizeWhitespace } from '../helpers/founding-document';
import {
	CONSENTED,
	FIRST_ROUND as FIRST,
	foundingMeetingWithRooms,
	SECOND_ROUND as SECOND,
	UNCONSENTED,
	UNCONSENTED_ORGANIZATION
} from '../helpers/founding-rounds';
import { textOfFile } from '../helpers/public-outputs';
import { rejection } from '../helpers/test-doubles';
import { hasTool } from '../helpers/tools';

const dataDir = mkdtempSync(join(tmpdir(), 'nws-breakout-documentation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const hasPoppler = hasTool('pdftotext', 'PDF breakout documentation');

const SYNTHESIS_FIRST = [
	'Viele Netzwerke entstehen informell über Stammtische.',
	'Verbindlichkeit fehlt oft, wenn niemand einlädt.'
];
const SYNTHESIS_SECOND = ['Ehrenamt braucht verlässliche Ansprechpersonen in der Verwaltung.'];
const FINDINGS = ['Regelmäßige Treffen tragen die Vernetzung.', 'Die Kommunen wünschen sich eine Übersicht.'];

for (const database of testDatabases()) {
	describe(`${database.name}: breakout rounds in the documentation and on the projector`, () => {
		afterAll(() => database.close());

		async function meetingWithSynthesis(db: Kysely<Database>, actor: Actor, bus?: LiveBus) {
			const seriesId = `runden-${factories(db).unique()}`;
			const doc = foundingMeetingWithRooms(seriesId);
			await importMeeting(db, actor, doc, { publish: true });
			const address = { seriesId, number: doc.meeting.number };
			// The plenary: two similar cards of the first round grouped, both rounds put in context.
			const { id: clusterId } = await createCluster(db, actor, address, {
				round: 'runde-1',
				label: 'Stammtische'
			});
			const before = await getSynthesis(db, actor, address, 'runde-1');
			for (const card of before.cards.filter((entry) => entry.text.toLowerCase().includes('stammtisch')))
				await setCardCluster(db, actor, address, { cardId: card.id, clusterId });
			await writeSynthesis(
				db,
				actor,
				address,
				{ round: 'runde-1', synthesis: SYNTHESIS_FIRST.join('\n\n') },
				bus
			);
			await writeSynthesis(db, actor, address, { round: 'runde-2', synthesis: SYNTHESIS_SECOND }, bus);
			await writeFindings(db, actor, address, { findings: FINDINGS.join('\n\n') }, bus);
			return { address, clusterId };
		}

		it(
			'renders each round’s synthesis under its title and the findings in HTML, PDF and DOCX, naming no room member',
			{ timeout: 240_000 },
			async () => {
				const db = await database.open();
				const { actor } = await factories(db).organizer();
				const { address, clusterId } = await meetingWithSynthesis(db, actor);

				const view = await getSynthesis(db, actor, address, 'runde-1');
				expect(view.clusters.map((cluster) => cluster.label)).toEqual(['Stammtische']);
				expect(view.cards.filter((card) => card.clusterId === clusterId).map((card) => card.text)).toEqual([
					'Kulturstammtisch im Rathaus',
					'Stammtisch der Heimatvereine'
				]);
				expect(view.round.synthesis).toEqual(SYNTHESIS_FIRST);
				expect(view.findings).toEqual(FINDINGS);

				const version = await createDocumentationVersion(db, actor, address, {});
				await publishDocumentation(db, actor, address, { versionId: version.id });

				// Organizers (current data) and the public (the published version) get the same texts.
				for (const reader of [actor, anonymous]) {
					const texts = new Map<string, string>();
					for (const format of ['html', 'pdf', 'docx'] as const) {
						const rendered = await renderDocumentation(db, reader, address, { format }, { dataDir });
						texts.set(
							format,
							format === 'docx'
								? strFromU8(unzipSync(new Uint8Array(rendered.bytes))['word/document.xml']!).replace(
										/<[^>]+>/g,
										' '
									)
								: textOfFile(rendered.fileName, new Uint8Array(rendered.bytes), hasPoppler)
						);
					}
					const html = texts.get('html')!;
					for (const [format, text] of texts) {
						if (format === 'pdf' && !hasPoppler) continue;
						const label = `${format} for ${reader === anonymous ? 'the public' : 'organizers'}`;
						// Each round's synthesis after its own title and before the next round's.
						expectLinesInOrder(text, [FIRST, 'Kulturstammtisch im Rathaus', ...SYNTHESIS_FIRST, SECOND]);
						expectLinesInOrder(text, [SECOND, 'Fehlende Zeit im Ehrenamt', ...SYNTHESIS_SECOND]);
						expectLinesInOrder(text, ['Zusammenführung der wichtigsten Erkenntnisse', ...FINDINGS]);
						if (reader === anonymous)
							expect(normalizeWhitespace(text), `${label} names ${UNCONSENTED}`).not.toContain(UNCONSENTED);
						// Room membership is never part of the documentation.
						expect(text, label).not.toContain(UNCONSENTED_ORGANIZATION);
					}
					// The consented person is in the participant list, but not beside a room.
					if (reader === anonymous) expect(html).toContain(CONSENTED);
					const roomPart = html.slice(html.indexOf(FIRST), html.indexOf('Zusammenführung der wichtigsten'));
					expect(roomPart).not.toContain(CONSENTED);
				}
			}
		);

		it('downloads the round’s cards with their clusters as CSV, for organizers only, and deletes a cluster', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const { address, clusterId } = await meetingWithSynthesis(db, actor);
			const headers = { room: 'Raum', column: 'Spalte', text: 'Karte', votes: 'Punkte', cluster: 'Gruppe' };
			const file = await exportCards(db, actor, address, 'runde-1', headers);
			expect(file.fileName).toBe('breakout-runde-1-karten.csv');
			expect(
				file.body
					.toString('utf8')
					.replace(/^\uFEFF/, '')
					.split('\r\n')
			).toEqual([
				'Raum;Spalte;Karte;Punkte;Gruppe',
				'Raum 1;Netzwerke;Kulturstammtisch im Rathaus;3;Stammtische',
				'Raum 1;Netzwerke;Stammtisch der Heimatvereine;1;Stammtische',
				'Raum 2;Ideen;Newsletter der Kreise;0;',
				''
			]);
			const { actor: stranger } = await factories(db).organizer();
			expect((await rejection(exportCards(db, stranger, address, 'runde-1', headers))).kind).toBe(
				'forbidden'
			);

			// Deleting the cluster takes its cards out of it; assigning to it afterwards is refused.
			await deleteCluster(db, actor, address, { round: 'runde-1', clusterId });
			const after = await getSynthesis(db, actor, address, 'runde-1');
			expect(after.clusters).toEqual([]);
			expect(after.cards.every((card) => card.clusterId === null)).toBe(true);
			const stale = await rejection(
				setCardCluster(db, actor, address, { cardId: after.cards[0]!.id, clusterId })
			);
			expect(stale.kind).toBe('validation');
			expect(stale.problems.map((entry) => entry.path)).toEqual(['clusterId']);
		});

		it('shows the closed round’s synthesis and the findings on the projector, and publishes a state when they are saved', async () => {
			const db = await database.open();
			const { actor } = await factories(db).organizer();
			const bus = new LiveBus(db);
			try {
				const seriesId = `projektor-${factories(db).unique()}`;
				const doc = foundingMeetingWithRooms(seriesId);
				await importMeeting(db, actor, doc, { publish: true });
				const address = { seriesId, number: doc.meeting.number };
				const { code } = await startLiveSession(db, bus, actor, seriesId, doc.meeting.number, {});
				const viewer = { actor, cookies: { get: () => undefined } };
				const meetingId = (await getProjectorView(db, viewer, code)).view.meetingId;
				const states: string[] = [];
				const stop = bus.subscribe(meetingId, (event) => {
					if (event.type === 'state') states.push(event.json);
				});

				await startRound(db, bus, actor, address, 'runde-1');
				const running = await getProjectorView(db, viewer, code);
				expect(running.view.state?.breakout).toMatchObject({ title: FIRST, status: 'running' });
				expect(running.breakouts).toEqual({ closedRound: null, findings: [] });

				await endRound(db, bus, actor, address, 'runde-1');
				const countBefore = states.length;
				await writeSynthesis(db, actor, address, { round: 'runde-1', synthesis: SYNTHESIS_FIRST }, bus);
				await writeFindings(db, actor, address, { findings: FINDINGS }, bus);
				expect(states.length - countBefore).toBe(2);
				stop();

				const after = await getProjectorView(db, viewer, code);
				expect(after.breakouts).toEqual({
					closedRound: { key: 'runde-1', title: FIRST, synthesis: SYNTHESIS_FIRST },
					findings: FINDINGS
				});
				// Someone who is not in the session sees nothing of it.
				const outsider = await getProjectorView(
					db,
					{ actor: anonymous, cookies: { get: () => undefined } },
					code
				);
				expect(outsider.breakouts).toBeNull();
			} finally {
				await bus.close();
			}
		});
	});
}
