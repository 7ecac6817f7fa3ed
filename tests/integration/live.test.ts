import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { anonymous, type Actor } from '../../src/lib/domain/policy';
import type { LiveEvent } from '../../src/lib/server/live/bus';
import { exportMeeting } from '../../src/lib/server/services/exchange';
import { castVote } from '../../src/lib/server/services/live-votes';
import { exportLiveResults } from '../../src/lib/server/services/live-results-export';
import { findSessionCode, getLiveView, joinLive } from '../../src/lib/server/services/live-participants';
import { getCockpit, moderateLive } from '../../src/lib/server/services/live-moderation';
import { publishMeeting } from '../../src/lib/server/services/meetings';
import { publishSeries } from '../../src/lib/server/services/series';
import type { PollResults } from '../../src/lib/domain/live/views';
import { eventsAfter, lastEventSeq } from '../../src/lib/server/repositories/live-events';
import { liveEventStream } from '../../src/lib/server/live/sse';
import { testDatabases } from '../helpers/databases';
import { runningLiveMeeting, viewerOf } from './live-fixtures';
import { readFrames } from './live-stream-frames';

/** The AppError a promise rejects with: its kind and its first message key. */
async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (isAppError(error)) return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
		throw error;
	}
	return 'no error';
}

const waitFor = async (check: () => boolean) => {
	for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

for (const database of testDatabases()) {
	describe(`${database.name}: live meeting`, () => {
		afterAll(() => database.close());

		const running = async () => runningLiveMeeting(await database.open());

		it('starts a session with a six-digit code that the entry form finds', async () => {
			const { db, code, bus } = await running();
			expect(code).toMatch(/^\d{6}$/);
			expect(await findSessionCode(db, { code: `${code.slice(0, 3)} ${code.slice(3)}` })).toBe(code);
			expect(await failure(findSessionCode(db, { code: '12' }))).toBe('validation: live.invalidCode');
			await bus.close();
		});

		it('lets a guest join with a name, recognizes them by cookie, and refuses strangers', async () => {
			const { db, code, bus } = await running();
			expect(await failure(joinLive(db, viewerOf(anonymous), code, { displayName: '' }))).toBe(
				'validation: validation.required'
			);
			expect(await failure(joinLive(db, viewerOf(anonymous), code, { displayName: 'x'.repeat(61) }))).toBe(
				'validation: validation.tooLong'
			);
			const guest = viewerOf(anonymous);
			const joined = await joinLive(db, guest, code, { displayName: 'Petra' });
			expect(joined.cookie?.name).toMatch(/^nws_live_/);
			guest.jar.set(joined.cookie!.name, joined.cookie!.value);
			const view = await getLiveView(db, guest, code);
			expect(view.participant).toEqual({ id: joined.participantId, displayName: 'Petra' });
			expect(view.state?.openPolls[0]?.questions.map((question) => question.kind)).toEqual([
				'single',
				'multiple',
				'scale',
				'text'
			]);
			// Reconnecting with the cookie is the same participant; without it, the join form.
			expect((await joinLive(db, guest, code, { displayName: 'Petra' })).participantId).toBe(
				joined.participantId
			);
			expect((await getLiveView(db, viewerOf(anonymous), code)).participant).toBeUndefined();
			expect(await failure(getLiveView(db, viewerOf(anonymous), '000000'))).not.toBe('no error');
			await bus.close();
		});

		it('names the series (for the wish link) only once the viewer joined', async () => {
			const { db, code, bus, meeting } = await running();
			const guest = viewerOf(anonymous);
			const before = await getLiveView(db, guest, code);
			expect(before.participant).toBeUndefined();
			expect(before.state).toBeNull();
			expect(before.seriesSlug).toBeNull();
			const joined = await joinLive(db, guest, code, { displayName: 'Petra' });
			guest.jar.set(joined.cookie!.name, joined.cookie!.value);
			expect((await getLiveView(db, guest, code)).seriesSlug).toBe(meeting.seriesSlug);
			await bus.close();
		});

		it('limits guest joins per client address', async () => {
			const { db, code, bus } = await running();
			// Each database's run has its own address: the limiter is per process.
			const address = `client-of-${database.name}`;
			const join = (clientAddress: string) =>
				joinLive(db, viewerOf(anonymous), code, { displayName: 'Gast' }, { clientAddress });
			for (let index = 0; index < 100; index += 1) await join(address);
			expect(await failure(join(address))).toBe('rate-limited: live.join.tooMany');
			expect((await join('203.0.113.9')).participantId).toBeTruthy();
			await bus.close();
		});

		it('takes a vote of each kind, lets it change, and tallies it', async () => {
			const { db, code, ids, bus, guest, moderate, organizer, meeting } = await running();
			const anna = await guest('Anna');
			const ben = await guest('Ben');
			await castVote(db, bus, anna, code, { questionId: ids.single, answer: ['verwaltung'] });
			await castVote(db, bus, anna, code, { questionId: ids.single, answer: ['verein'] }); // changed
			await castVote(db, bus, ben, code, { questionId: ids.single, answer: ['verein'] });
			await castVote(db, bus, anna, code, { questionId: ids.multiple, answer: ['netzwerke', 'ehrenamt'] });
			await castVote(db, bus, anna, code, { questionId: ids.scale, answer: ['4'] });
			await castVote(db, bus, anna, code, { questionId: ids.text, answer: ['Mehr Austausch vor Ort'] });
			expect((await getLiveView(db, anna, code)).myAnswers[ids.single]).toEqual(['verein']);

			await moderate({ action: 'showResults', pollId: ids.pollId });
			const results = (await getLiveView(db, ben, code)).state!.results!;
			const byId = (id: string) => results.questions.find((question) => question.id === id)!;
			expect(byId(ids.single).respondents).toBe(2);
			expect(byId(ids.single).rows.map((row) => [row.key, row.count, row.percent])).toEqual([
				['verwaltung', 0, 0],
				['verein', 2, 100],
				['andere', 0, 0]
			]);
			expect(
				byId(ids.multiple)
					.rows.filter((row) => row.count)
					.map((row) => row.key)
			).toEqual(['netzwerke', 'ehrenamt']);
			expect(byId(ids.scale).rows.find((row) => row.key === '4')?.count).toBe(1);
			expect(byId(ids.text).texts).toEqual(['Mehr Austausch vor Ort']);

			// The moderator hides a free-text answer: gone from the results and the export.
			const cockpit = await getCockpit(db, organizer.actor, meeting.seriesSlug, meeting.number);
			await moderate({ action: 'hideAnswer', answerId: cockpit.textAnswers[0]!.id, hidden: true });
			expect(
				(await getLiveView(db, ben, code)).state!.results!.questions.find((q) => q.id === ids.text)!.texts
			).toEqual([]);
			await bus.close();
		});

		it('rejects unknown options, too many choices, out-of-scale values and closed polls', async () => {
			const { db, code, ids, bus, guest, moderate } = await running();
			const carla = await guest('Carla');
			expect(await failure(castVote(db, bus, carla, code, { questionId: ids.single, answer: ['x'] }))).toBe(
				'validation: live.vote.unknownOption'
			);
			expect(
				await failure(
					castVote(db, bus, carla, code, {
						questionId: ids.multiple,
						answer: ['netzwerke', 'foerderung', 'ehrenamt']
					})
				)
			).toBe('validation: live.vote.tooManyChoices');
			expect(await failure(castVote(db, bus, carla, code, { questionId: ids.scale, answer: ['9'] }))).toBe(
				'validation: live.vote.outOfScale'
			);
			expect(
				await failure(
					castVote(db, bus, viewerOf(anonymous), code, { questionId: ids.single, answer: ['verein'] })
				)
			).toBe('forbidden: live.notParticipant');
			await moderate({ action: 'closePoll', pollId: ids.pollId });
			expect(
				await failure(castVote(db, bus, carla, code, { questionId: ids.single, answer: ['verein'] }))
			).toBe('validation: live.vote.pollClosed');
			const stored = await db
				.selectFrom('poll_votes')
				.select('id')
				.where('question_id', '=', ids.single)
				.execute();
			expect(stored).toHaveLength(0);
			await bus.close();
		});

		it('rate-limits a participant to 10 answers in 10 seconds', async () => {
			const { db, code, ids, bus, guest } = await running();
			const dora = await guest('Dora');
			for (let i = 0; i < 10; i += 1)
				await castVote(db, bus, dora, code, {
					questionId: ids.single,
					answer: [i % 2 ? 'verein' : 'andere']
				});
			expect(
				await failure(castVote(db, bus, dora, code, { questionId: ids.single, answer: ['verein'] }))
			).toBe('rate-limited: live.vote.tooFast');
			await bus.close();
		});

		it('keeps one answer per participant: reconnecting does not vote twice', async () => {
			const { db, code, ids, bus, guest } = await running();
			const emil = await guest('Emil');
			await castVote(db, bus, emil, code, { questionId: ids.single, answer: ['verein'] });
			await joinLive(db, emil, code, { displayName: 'Emil' }); // joins again with his cookie
			await castVote(db, bus, emil, code, { questionId: ids.single, answer: ['verein'] });
			const rows = await db
				.selectFrom('poll_votes')
				.select('answer')
				.where('question_id', '=', ids.single)
				.execute();
			expect(rows).toEqual([{ answer: 'verein' }]);
			await bus.close();
		});

		it('publishes state changes and coalesced tallies as numbered events', async () => {
			const { db, code, ids, bus, guest, moderate, meeting } = await running();
			const cockpitMeeting = (
				await db
					.selectFrom('live_sessions')
					.select('meeting_id')
					.where('join_code', '=', code)
					.executeTakeFirstOrThrow()
			).meeting_id;
			const seen: LiveEvent[] = [];
			const stop = bus.subscribe(cockpitMeeting, (event) => seen.push(event));
			await moderate({ action: 'next' });
			await moderate({ action: 'message', message: 'Gleich geht es weiter.' });
			await moderate({ action: 'countdown', minutes: 5 });
			const voters = await Promise.all(['F', 'G', 'H', 'I', 'J'].map((name) => guest(name)));
			for (const voter of voters)
				await castVote(db, bus, voter, code, { questionId: ids.single, answer: ['andere'] });
			await waitFor(() =>
				seen.some(
					(event) =>
						event.type === 'tally' &&
						(JSON.parse(event.json) as PollResults).questions[0]!.rows.find((row) => row.key === 'andere')!
							.count === 5
				)
			);
			stop();
			expect(seen.filter((event) => event.type === 'tally').length).toBeGreaterThan(0);
			// Coalesced: however many votes schedule a tally within an interval, one is built.
			const buildsBefore = bus.tallyBuilds;
			for (let i = 0; i < 5; i += 1) bus.scheduleTally(cockpitMeeting, ids.pollId);
			await waitFor(() => bus.tallyBuilds > buildsBefore);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(bus.tallyBuilds - buildsBefore).toBe(1);
			const states = seen.filter((event) => event.type === 'state').map((event) => JSON.parse(event.json));
			expect(states.at(-1)).toMatchObject({
				message: 'Gleich geht es weiter.',
				now: { title: expect.any(String) }
			});
			expect(states.at(-1).countdownEndsAt).not.toBeNull();
			// Ids increase by one per meeting, and the stored events replay them.
			const seqs = seen.map((event) => event.seq);
			expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
			const stored = await eventsAfter(db, cockpitMeeting, seqs[0]! - 1, seqs.length);
			expect(stored.map((event) => event.seq)).toEqual(seqs);
			expect(meeting.number).toBeGreaterThan(0);
			await bus.close();
		});

		it('moves through the agenda and offers the poll of a poll item', async () => {
			const { db, bus, moderate, organizer, meeting } = await running();
			await moderate({ action: 'next' });
			await moderate({ action: 'next' });
			await moderate({ action: 'next' });
			let cockpit = await getCockpit(db, organizer.actor, meeting.seriesSlug, meeting.number);
			const current = cockpit.agenda.find((item) => item.isCurrent)!;
			expect(current.kind).toBe('poll');
			expect(current.pollTitle).toBe('Kurze Umfrage');
			await moderate({ action: 'previous' });
			cockpit = await getCockpit(db, organizer.actor, meeting.seriesSlug, meeting.number);
			expect(cockpit.agenda.findIndex((item) => item.isCurrent)).toBe(1);
			expect(cockpit.agenda.findIndex((item) => item.isNext)).toBe(2);
			await bus.close();
		});

		it('lets only organizers of the meeting moderate; a draft stays hidden from strangers', async () => {
			const { db, bus, make, meeting, organizer } = await running();
			const stranger = await make.organizer();
			const next = (actor: Actor) =>
				failure(moderateLive(db, bus, actor, meeting.seriesSlug, meeting.number, { action: 'next' }));
			const cockpit = (actor: Actor) => failure(getCockpit(db, actor, meeting.seriesSlug, meeting.number));
			// The imported meeting is a draft (requireMeeting): a stranger learns nothing about it,
			// anonymous signs in first.
			expect(await next(stranger.actor)).toBe('not-found: meeting.notFound');
			expect(await cockpit(stranger.actor)).toBe('not-found: meeting.notFound');
			expect(await next(anonymous)).toBe('unauthenticated: error.unauthenticated');
			expect(await cockpit(anonymous)).toBe('unauthenticated: error.unauthenticated');
			// Published, a stranger sees it but may not moderate it.
			await publishSeries(db, organizer.actor, meeting.seriesSlug);
			await publishMeeting(db, organizer.actor, meeting.seriesSlug, meeting.number);
			expect(await next(stranger.actor)).toBe('forbidden: error.forbidden');
			expect(await cockpit(stranger.actor)).toBe('forbidden: error.forbidden');
			expect(await next(anonymous)).toBe('unauthenticated: error.unauthenticated');
			expect(await next(organizer.actor)).toBe('no error');
			await bus.close();
		});

		it('puts live votes into the exchange export and the results export', async () => {
			const { db, code, ids, bus, guest, organizer, meeting } = await running();
			for (const [index, name] of ['K', 'L', 'M'].entries()) {
				const voter = await guest(name);
				await castVote(db, bus, voter, code, {
					questionId: ids.single,
					answer: [index ? 'verein' : 'andere']
				});
				await castVote(db, bus, voter, code, { questionId: ids.text, answer: [`Idee ${name}`] });
			}
			const doc = await exportMeeting(db, organizer.actor, meeting.seriesSlug, meeting.number);
			const [single, , , text] = doc.meeting.polls![0]!.questions;
			expect(single!.results).toEqual({ respondents: 3, counts: { verein: 2, andere: 1 } });
			// Votes of the same millisecond have no order between them: the texts, in any order.
			expect(text!.results?.respondents).toBe(3);
			expect([...(text!.results?.texts ?? [])].sort()).toEqual(['Idee K', 'Idee L', 'Idee M']);
			const table = await exportLiveResults(db, organizer.actor, meeting.seriesSlug, meeting.number, 'de');
			expect(table.rows).toContainEqual(['Kurze Umfrage', 'Welche Rolle haben Sie?', 'Verein', 2, 67, 3]);
			expect(table.rows).toContainEqual(['Kurze Umfrage', 'Was wünschen Sie sich?', 'Idee L', '', '', 3]);
			await bus.close();
		});

		it('streams a snapshot, replays missed events after Last-Event-ID, and hides unshown tallies from participants', async () => {
			const { db, code, ids, bus, guest, moderate } = await running();
			const meetingId = (
				await db
					.selectFrom('live_sessions')
					.select('meeting_id')
					.where('join_code', '=', code)
					.executeTakeFirstOrThrow()
			).meeting_id;
			const snapshot = async () => (await getLiveView(db, await guest('S'), code)).state!;
			const stream = (lastEventId: number | undefined, isModerator = false) =>
				liveEventStream({ db, bus, meetingId, isModerator, lastEventId, snapshot });

			const before = await lastEventSeq(db, meetingId);
			await moderate({ action: 'next' });
			await moderate({ action: 'message', message: 'Hallo' });
			const fresh = await readFrames(stream(undefined), 1);
			expect(fresh[0]).toMatchObject({ id: before + 2, event: 'snapshot' });
			expect(JSON.parse(fresh[0]!.data)).toMatchObject({ message: 'Hallo' });

			const replayed = await readFrames(stream(before), 2);
			expect(replayed.map((frame) => [frame.id, frame.event])).toEqual([
				[before + 1, 'state'],
				[before + 2, 'state']
			]);
			// An id from the future (another database, a reset) gets a snapshot.
			expect((await readFrames(stream(before + 1000), 1))[0]!.event).toBe('snapshot');

			// Tallies of a poll whose results are not shown reach moderators only.
			const participantFrames = readFrames(stream(before + 2), 2);
			const moderatorFrames = readFrames(stream(before + 2, true), 1);
			const voter = await guest('T');
			await castVote(db, bus, voter, code, { questionId: ids.single, answer: ['verein'] });
			expect((await moderatorFrames)[0]!.event).toBe('tally');
			await moderate({ action: 'showResults', pollId: ids.pollId });
			await castVote(db, bus, voter, code, { questionId: ids.single, answer: ['andere'] });
			expect((await participantFrames).map((frame) => frame.event)).toEqual(['state', 'tally']);
			await bus.close();
		});
	});
}
