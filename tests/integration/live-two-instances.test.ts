import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { LiveBus } from '../../src/lib/server/live/bus';
import { moderateLive, startLiveSession } from '../../src/lib/server/services/live-moderation';
import { factories } from '../helpers/factories';
import { copyBuild, LiveGuest, startApp, type AppProcess } from './live-app';
import { importLiveMeeting, pollIds } from './live-fixtures';

const serverUrl = process.env.TEST_POSTGRES_URL ?? '';
if (!serverUrl) {
	const message =
		'TEST_POSTGRES_URL is not set: the two-instance live test (two app processes on one PostgreSQL server) is SKIPPED.';
	if (process.env.CI === 'true' || process.env.POSTGRES_REQUIRED === '1') throw new Error(message);
	console.warn(`\n⚠⚠⚠ ${message}\n`);
}

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
	let databaseName: string;
	const apps: AppProcess[] = [];
	let setup: { code: string; ids: Awaited<ReturnType<typeof pollIds>> };

	beforeAll(async () => {
		build = copyBuild();
		dataDir = mkdtempSync(join(tmpdir(), 'nws-live-two-'));
		databaseName = `nws_live_two_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`create database ${databaseName}`);
		await admin.end();
		const url = new URL(serverUrl);
		url.pathname = `/${databaseName}`;
		databaseUrl = url.toString();

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
		await handle.close();
		setup = { code, ids };
	}, 600_000);

	afterAll(async () => {
		for (const app of apps) await app.stop();
		build?.remove();
		rmSync(dataDir, { recursive: true, force: true });
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`drop database if exists ${databaseName} with (force)`);
		await admin.end();
	});

	it('shows a vote cast on instance A in the tally that a listener on instance B receives', async () => {
		const env = { DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
		const [a, b] = await Promise.all([startApp(build.dir, env), startApp(build.dir, env)]);
		apps.push(a!, b!);
		const listener = new LiveGuest(b!.baseUrl, setup.code);
		await listener.join('Zuhörerin');
		const stream = await fetch(`${b!.baseUrl}/live/${setup.code}/events`, {
			headers: { cookie: listener.cookieHeader, accept: 'text/event-stream' }
		});
		expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
		// The voter joins and votes on A only.
		const voter = new LiveGuest(a!.baseUrl, setup.code);
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
});
