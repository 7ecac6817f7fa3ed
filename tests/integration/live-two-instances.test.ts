import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardCardEvent } from '../../src/lib/domain/breakouts/live-views';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { LiveBus } from '../../src/lib/server/live/bus';
import { moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { factories } from '../helpers/factories';
import { createServerDatabase, postgresServerFor } from './app-databases';
import { breakoutRoundWithMembers } from './breakout-fixtures';
import { copyBuild, LiveGuest, startApp, type AppProcess } from './live-app';
import { importLiveMeeting, pollIds } from './live-fixtures';

const serverUrl = postgresServerFor(
	'the two-instance live test (two app processes on one PostgreSQL server)'
);

/** Reads a server-sent event stream until an event passes the check; its data, or undefined at the end. */
async function waitForEvent(
	response: Response,
	check: (type: string, data: string) => boolean
): Promise<string | undefined> {
	const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
	let text = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return undefined;
		text += value;
		let end: number;
		while ((end = text.indexOf('\n\n')) >= 0) {
			const block = text.slice(0, end);
			text = text.slice(end + 2);
			const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
			const data = /^data: (.*)$/m.exec(block)?.[1];
			if (data !== undefined && check(type, data)) {
				await reader.cancel();
				return data;
			}
		}
	}
}

describe.skipIf(!serverUrl)('live events reach another instance (PostgreSQL LISTEN/NOTIFY)', () => {
	let build: { dir: string; remove: () => void };
	let dataDir: string;
	let databaseUrl: string;
	let dropDatabase = async () => {};
	const apps: AppProcess[] = [];
	let setup: { code: string; ids: Awaited<ReturnType<typeof pollIds>> };
	let breakout: Awaited<ReturnType<typeof breakoutRoundWithMembers>>;

	beforeAll(async () => {
		build = copyBuild();
		dataDir = mkdtempSync(join(tmpdir(), 'nws-live-two-'));
		const created = await createServerDatabase(serverUrl, 'nws_live_two');
		databaseUrl = created.url;
		dropDatabase = created.drop;

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
		const moderate = (input: unknown) =>
			moderateLive(handle.db, bus, organizer.actor, meeting.seriesSlug, meeting.number, input);
		await moderate({ action: 'openPoll', pollId: ids.pollId });
		await moderate({ action: 'showResults', pollId: ids.pollId });
		await bus.close();
		// A second meeting with a breakout round of one room: its two members follow the stream.
		breakout = await breakoutRoundWithMembers(handle.db, { people: 2, rooms: 1 });
		await handle.close();
		setup = { code, ids };
	}, 600_000);

	afterAll(async () => {
		for (const app of apps) await app.stop();
		build?.remove();
		rmSync(dataDir, { recursive: true, force: true });
		await dropDatabase();
	});

	/** The two instances, started once for both tests. */
	async function instances(): Promise<[AppProcess, AppProcess]> {
		if (apps.length === 0) {
			const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
			apps.push(...(await Promise.all([startApp(build.dir, env), startApp(build.dir, env)])));
		}
		return [apps[0]!, apps[1]!];
	}

	it('shows a vote cast on instance A in the tally that a listener on instance B receives', async () => {
		const [a, b] = await instances();
		const listener = new LiveGuest(b.baseUrl, setup.code);
		await listener.join('Zuhörerin');
		const stream = await fetch(`${b.baseUrl}/live/${setup.code}/events`, {
			headers: { cookie: listener.cookieHeader, accept: 'text/event-stream' }
		});
		expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
		// The voter joins and votes on A only.
		const voter = new LiveGuest(a.baseUrl, setup.code);
		await voter.join('Wählerin');
		const seen = waitForEvent(stream, (type, data) => {
			if (type !== 'tally') return false;
			const tally = JSON.parse(data) as {
				questions: { id: string; rows: { key: string; count: number }[] }[];
			};
			return (
				tally.questions
					.find((question) => question.id === setup.ids.single)
					?.rows.find((row) => row.key === 'verein')?.count === 1
			);
		});
		expect(await voter.vote(setup.ids.single, ['verein'])).toBe(true);
		expect(await seen).toBeDefined();
	});

	it('sends a card added on instance A to a room member following the stream on instance B', async () => {
		const [a, b] = await instances();
		const [author, reader] = breakout.members;
		const stream = await fetch(`${b.baseUrl}/live/${breakout.code}/events`, {
			headers: { authorization: `Bearer ${reader!.token}`, accept: 'text/event-stream' }
		});
		expect(stream.status).toBe(200);
		const text = 'Stammtisch der Kulturbüros, monatlich';
		const seen = waitForEvent(
			stream,
			(type, data) => type === 'card' && (JSON.parse(data) as BoardCardEvent).card?.text === text
		);
		const added = await fetch(`${a.baseUrl}${breakout.cardsPath(author!.roomId)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${author!.token}` },
			body: JSON.stringify({ text })
		});
		expect(added.status).toBe(201);
		const { id } = (await added.json()) as { id: string };
		const event = JSON.parse((await seen)!) as BoardCardEvent;
		expect(event).toMatchObject({
			action: 'added',
			cardId: id,
			roomId: author!.roomId,
			roundKey: breakout.roundKey
		});
	});
});
