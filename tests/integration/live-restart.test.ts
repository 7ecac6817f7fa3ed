import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { LiveBus } from '../../src/lib/server/live/bus';
import { getCockpit, moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { factories } from '../helpers/factories';
import { copyBuild, LiveGuest, startApp, type AppProcess } from './live-app';
import { importLiveMeeting, pollIds } from './live-fixtures';

/**
 * Every vote the server acknowledged survives kill -9: the app commits before it answers. The
 * built app runs on a SQLite file, guests vote over HTTP, the process is killed hard in the
 * middle of more votes, and after a restart every acknowledged vote is there.
 */
describe('live votes survive kill -9 and a restart (SQLite file)', () => {
	let build: { dir: string; remove: () => void };
	let dataDir: string;
	let databaseUrl: string;
	let app: AppProcess | undefined;
	let setup: Awaited<ReturnType<typeof prepare>>;

	async function prepare() {
		const handle = await openDatabase(databaseUrl);
		await migrateToLatest(handle.db);
		const organizer = await factories(handle.db).organizer();
		const meeting = await importLiveMeeting(handle.db, organizer.actor);
		const bus = new LiveBus(handle.db);
		const { code } = await startLiveSession(
			handle.db,
			bus,
			organizer.actor,
			meeting.seriesSlug,
			meeting.number,
			{}
		);
		const ids = await pollIds(handle.db, meeting.seriesSlug);
		await moderateLive(handle.db, bus, organizer.actor, meeting.seriesSlug, meeting.number, {
			action: 'openPoll',
			pollId: ids.pollId
		});
		await bus.close();
		await handle.close();
		return { code, ids, meeting, organizer };
	}

	beforeAll(async () => {
		build = copyBuild();
		dataDir = mkdtempSync(join(tmpdir(), 'nws-live-restart-'));
		databaseUrl = `sqlite:${join(dataDir, 'live.sqlite')}`;
		setup = await prepare();
	}, 600_000);

	afterAll(async () => {
		await app?.stop();
		build?.remove();
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('keeps every acknowledged vote and tallies them right', async () => {
		const { code, ids } = setup;
		app = await startApp(build.dir, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
		const options = ['verwaltung', 'verein', 'andere'];
		const guests = await Promise.all(
			Array.from({ length: 40 }, async (_, index) => {
				const guest = new LiveGuest(app!.baseUrl, code);
				await guest.join(`Gast ${index}`);
				return guest;
			})
		);
		// What each guest's acknowledged answer is; a changed vote replaces the first one.
		const acknowledged = new Map<LiveGuest, string>();
		await Promise.all(
			guests.slice(0, 30).map(async (guest, index) => {
				const first = options[index % 3]!;
				if (await guest.vote(ids.single, [first])) acknowledged.set(guest, first);
				if (index % 5 === 0) {
					const changed = options[(index + 1) % 3]!;
					if (await guest.vote(ids.single, [changed])) acknowledged.set(guest, changed);
				}
			})
		);
		expect(acknowledged.size).toBe(30);
		// More votes in flight while the process is killed hard: those acknowledged must survive.
		const inFlight = guests.slice(30).map(async (guest, index) => {
			const answer = options[index % 3]!;
			const isAcknowledged = await guest.vote(ids.single, [answer]).catch(() => false);
			if (isAcknowledged) acknowledged.set(guest, answer);
		});
		await new Promise((resolve) => setTimeout(resolve, 5));
		await app.stop('SIGKILL');
		await Promise.all(inFlight);

		// Same port, so the guests' clients reach the restarted app.
		app = await startApp(
			build.dir,
			{ DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
			Number(new URL(app.baseUrl).port)
		);
		const expected: Record<string, number> = {};
		for (const answer of acknowledged.values()) expected[answer] = (expected[answer] ?? 0) + 1;

		const handle = await openDatabase(databaseUrl);
		try {
			const cockpit = await getCockpit(
				handle.db,
				setup.organizer.actor,
				setup.meeting.seriesSlug,
				setup.meeting.number
			);
			const single = cockpit.polls[0]!.results.questions.find((question) => question.id === ids.single)!;
			const counts = Object.fromEntries(
				single.rows.filter((row) => row.count).map((row) => [row.key, row.count])
			);
			expect(single.respondents).toBeGreaterThanOrEqual(acknowledged.size);
			// Unacknowledged votes may or may not have committed; acknowledged ones all did.
			for (const [answer, count] of Object.entries(expected))
				expect(counts[answer] ?? 0).toBeGreaterThanOrEqual(count);
			const committed = Object.values(counts).reduce((sum, count) => sum + count, 0);
			expect(committed).toBe(single.respondents);
			expect(committed).toBeLessThanOrEqual(guests.length);
		} finally {
			await handle.close();
		}
		// The restarted app still knows the guests (cookies) and their session.
		expect(await guests[0]!.vote(ids.single, ['andere'])).toBe(true);
	});
});
