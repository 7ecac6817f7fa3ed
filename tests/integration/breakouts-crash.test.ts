import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { appDatabaseTargets } from './app-databases';
import { breakoutRoundWithMembers, type BoardMember } from './breakout-fixtures';
import { copyBuild, startApp, type AppProcess } from './live-app';

/**
 * Every card the server acknowledged survives kill -9: the board commits before it answers. The
 * built app runs on a SQLite file and on the PostgreSQL server; room members add cards over the
 * API as fast as they can, the process is killed hard while they do, and after a restart on the
 * same data every acknowledged card is stored once, with its text.
 */
const targets = appDatabaseTargets('the breakout kill -9 test', 'nws_breakout_crash');
const MEMBERS = 12;

let build: { dir: string; remove: () => void } | undefined;
beforeAll(() => {
	build = copyBuild();
}, 600_000);
afterAll(() => build?.remove());

for (const target of targets) {
	describe(`${target.name}: breakout cards survive kill -9 and a restart`, () => {
		let app: AppProcess | undefined;
		let dataDir: string;
		let database: { url: string; drop: () => Promise<void> };
		let setup: Awaited<ReturnType<typeof breakoutRoundWithMembers>>;

		beforeAll(async () => {
			dataDir = mkdtempSync(join(tmpdir(), 'nws-breakout-crash-'));
			database = await target.create(dataDir);
			const handle = await openDatabase(database.url);
			try {
				await migrateToLatest(handle.db);
				setup = await breakoutRoundWithMembers(handle.db, { people: MEMBERS, rooms: 3 });
			} finally {
				await handle.close();
			}
		}, 120_000);

		afterAll(async () => {
			await app?.stop();
			await database?.drop();
			rmSync(dataDir, { recursive: true, force: true });
		});

		/**
		 * One member's loop: adds cards until the server stops answering; returns the texts and
		 * ids it got a 2xx for, and how many it sent.
		 */
		async function addCardsUntilDown(baseUrl: string, member: BoardMember, index: number, acked: () => void) {
			const acknowledged = new Map<string, string>();
			let sent = 0;
			for (;;) {
				const text = `Karte ${index}-${sent}`;
				sent += 1;
				try {
					const response = await fetch(`${baseUrl}${setup.cardsPath(member.roomId)}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${member.token}` },
						body: JSON.stringify({ text })
					});
					const body = (await response.json()) as { id: string };
					if (!response.ok) throw new Error(`card refused: ${response.status} ${JSON.stringify(body)}`);
					acknowledged.set(text, body.id);
					acked();
				} catch (error) {
					// The killed server answers no more: the loop ends there. Any other failure is the test's.
					if (error instanceof TypeError) return { acknowledged, sent };
					throw error;
				}
			}
		}

		it('keeps every acknowledged card, once, with its text', async () => {
			app = await startApp(build!.dir, { DATABASE_URL: database.url, DATA_DIR: dataDir });
			let ackedSoFar = 0;
			let killed: Promise<void> | undefined;
			const current = app;
			const clients = setup.members.map((member, index) =>
				addCardsUntilDown(current.baseUrl, member, index, () => {
					ackedSoFar += 1;
					// Killed hard in the middle of the stream, with every client's next card in flight.
					if (ackedSoFar === 150) killed = current.stop('SIGKILL');
				})
			);
			const results = await Promise.all(clients);
			await killed;
			const acknowledged = new Map(results.flatMap((result) => [...result.acknowledged]));
			const sent = results.reduce((sum, result) => sum + result.sent, 0);
			expect(acknowledged.size).toBeGreaterThanOrEqual(150);

			app = await startApp(
				build!.dir,
				{ DATABASE_URL: database.url, DATA_DIR: dataDir },
				Number(new URL(current.baseUrl).port)
			);
			const handle = await openDatabase(database.url);
			try {
				const stored = await handle.db
					.selectFrom('board_cards')
					.select(['id', 'text'])
					.where('room_id', 'in', setup.roomIds)
					.execute();
				const byText = new Map<string, string[]>();
				for (const card of stored) byText.set(card.text, [...(byText.get(card.text) ?? []), card.id]);
				// None twice: every text was sent once, so a text stored twice is a card written twice.
				expect([...byText.values()].filter((ids) => ids.length > 1)).toEqual([]);
				for (const [text, id] of acknowledged) expect(byText.get(text), text).toEqual([id]);
				// Unacknowledged cards (in flight at the kill) may or may not have committed.
				expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);
				expect(stored.length).toBeLessThanOrEqual(sent);
			} finally {
				await handle.close();
			}
			// The restarted app serves the board with the acknowledged cards, and takes new ones.
			const member = setup.members[0]!;
			const headers = { 'content-type': 'application/json', authorization: `Bearer ${member.token}` };
			const board = (await (
				await fetch(`${app.baseUrl}${setup.cardsPath(member.roomId)}`, { headers })
			).json()) as { cards: { text: string }[] };
			const texts = new Set(board.cards.map((card) => card.text));
			expect([...results[0]!.acknowledged.keys()].every((text) => texts.has(text))).toBe(true);
			const after = await fetch(`${app.baseUrl}${setup.cardsPath(member.roomId)}`, {
				method: 'POST',
				headers,
				body: JSON.stringify({ text: 'Nach dem Neustart' })
			});
			expect(after.status).toBe(201);
		});
	});
}
