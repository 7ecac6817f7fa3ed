import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/lib/domain/errors';
import { anonymous } from '../../src/lib/domain/policy';
import { STREAMS_PER_LISTENER, openLiveStream } from '../../src/lib/server/services/live-streams';
import { castVote } from '../../src/lib/server/services/live-votes';
import {
	findSessionCode,
	getLiveView,
	joinLive,
	type Viewer
} from '../../src/lib/server/services/live-participants';
import { getCockpit } from '../../src/lib/server/services/live-moderation';
import { testDatabases } from '../helpers/databases';
import { runningLiveMeeting, viewerOf } from './live-fixtures';
import { readFramesUntil } from './live-stream-frames';

/**
 * Issue 9 (privacy and security hardening) for the live meeting, at the service level: what
 * someone who has not joined learns, how guessing join codes is limited, how many event streams
 * one listener and one instance keep open, and that nobody is named without consent.
 */

async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (isAppError(error)) return `${error.kind}: ${(error.problems[0]?.message ?? error.summary).key}`;
		throw error;
	}
	return 'no error';
}

const VIDEO_URL = 'https://video.example/entwurf-geheim';
const SECRET_PERSON = 'Paula Privat';
const CONSENTING_PERSON = 'Clara Zustimmung';

for (const database of testDatabases()) {
	describe(`${database.name}: live access before and after joining`, () => {
		afterAll(() => database.close());

		/** The live meeting with a video link, and two people who registered and came: one without consent. */
		const running = async () =>
			runningLiveMeeting(await database.open(), (doc) => {
				doc.meeting.venue = { ...doc.meeting.venue, url: VIDEO_URL };
				doc.meeting.people = [
					...(doc.meeting.people ?? []),
					{ id: 'paula-privat', name: SECRET_PERSON, registered: true, attended: true },
					{
						id: 'clara-zustimmung',
						name: CONSENTING_PERSON,
						registered: true,
						attended: true,
						consent: { participantList: true }
					}
				];
			});

		it('shows someone who has not joined the meeting’s title and nothing of the session', async () => {
			const { db, code, bus, organizer, guest } = await running();
			const stranger = await getLiveView(db, viewerOf(anonymous), code);
			expect(stranger.participant).toBeUndefined();
			expect(stranger.state).toBeNull();
			expect(stranger.myAnswers).toEqual({});
			expect(stranger.title.length).toBeGreaterThan(0);
			const shown = JSON.stringify(stranger);
			for (const secret of [VIDEO_URL, 'Kurze Umfrage', 'Welche Rolle haben Sie?'])
				expect(shown, secret).not.toContain(secret);

			// Joined, the same person sees the session; the moderator sees it without joining.
			const anna = await guest('Anna');
			const joined = await getLiveView(db, anna, code);
			expect(joined.state?.videoUrl).toBe(VIDEO_URL);
			expect(joined.state?.openPolls.map((poll) => poll.title)).toEqual(['Kurze Umfrage']);
			expect(joined.state?.title).toBe(stranger.title);
			const moderator = await getLiveView(db, viewerOf(organizer.actor), code);
			expect(moderator.isModerator).toBe(true);
			expect(moderator.state?.openPolls).toHaveLength(1);
			await bus.close();
		});

		it('gives no event stream to someone who has not joined', async () => {
			const { db, code, bus } = await running();
			expect(await failure(openLiveStream(db, bus, viewerOf(anonymous), code, { totalStreams: 100 }))).toBe(
				'forbidden: live.notParticipant'
			);
			await bus.close();
		});

		it('limits lookups of codes without a running session per client address', async () => {
			const { db, code, ids, bus, guest } = await running();
			const address = `guesser-of-${database.name}`;
			const taken = new Set(
				(await db.selectFrom('live_sessions').select('join_code').execute()).map((row) => row.join_code)
			);
			const unknownCodes: string[] = [];
			for (let n = 100_000; unknownCodes.length < 30; n += 7919)
				if (!taken.has(String(n))) unknownCodes.push(String(n));

			// A joined guest behind the same address (a town hall) keeps their session throughout.
			const dora = await guest('Dora');
			for (const [index, unknown] of unknownCodes.entries()) {
				// Each entry point counts: the page, the entry form, joining, votes.
				const attempt =
					index % 4 === 0
						? getLiveView(db, viewerOf(anonymous), unknown, { clientAddress: address })
						: index % 4 === 1
							? findSessionCode(db, { code: unknown }, { clientAddress: address })
							: index % 4 === 2
								? joinLive(db, viewerOf(anonymous), unknown, { displayName: 'X' }, { clientAddress: address })
								: castVote(
										db,
										bus,
										viewerOf(anonymous),
										unknown,
										{ questionId: ids.single, answer: ['verein'] },
										{ clientAddress: address }
									);
				expect(await failure(attempt), unknown).toMatch(/^(not-found|validation): live.sessionNotFound$/);
			}
			// Now every lookup of a code this address has not joined is refused, hit or miss alike.
			const tooMany = 'rate-limited: live.code.tooMany';
			const stranger = () => viewerOf(anonymous);
			expect(await failure(getLiveView(db, stranger(), '999999', { clientAddress: address }))).toBe(tooMany);
			expect(await failure(getLiveView(db, stranger(), code, { clientAddress: address }))).toBe(tooMany);
			expect(await failure(findSessionCode(db, { code }, { clientAddress: address }))).toBe(tooMany);
			expect(
				await failure(joinLive(db, stranger(), code, { displayName: 'Mallory' }, { clientAddress: address }))
			).toBe(tooMany);
			expect(
				await failure(
					castVote(
						db,
						bus,
						stranger(),
						code,
						{ questionId: ids.single, answer: ['verein'] },
						{ clientAddress: address }
					)
				)
			).toBe(tooMany);
			expect(
				await failure(
					openLiveStream(db, bus, stranger(), code, { clientAddress: address, totalStreams: 100 })
				)
			).toBe(tooMany);

			// Dora, joined, still sees and votes; another address is not affected.
			expect((await getLiveView(db, dora, code, { clientAddress: address })).state).not.toBeNull();
			await castVote(
				db,
				bus,
				dora,
				code,
				{ questionId: ids.single, answer: ['verein'] },
				{ clientAddress: address }
			);
			expect(await findSessionCode(db, { code }, { clientAddress: `other-${address}` })).toBe(code);
			// A mistyped code (not six digits) is a form error, not a guess.
			expect(await failure(findSessionCode(db, { code: '12' }, { clientAddress: `typo-${address}` }))).toBe(
				'validation: live.invalidCode'
			);
			await bus.close();
		});

		it('caps the event streams per participant and in all, and gives a slot back when a stream ends', async () => {
			const { db, code, bus, guest } = await running();
			const open = (viewer: Viewer, totalStreams: number) =>
				openLiveStream(db, bus, viewer, code, { totalStreams });
			const [anna, ben, carl] = [await guest('Anna'), await guest('Ben'), await guest('Carl')];
			const total = STREAMS_PER_LISTENER + 1;
			const streams: ReadableStream<Uint8Array>[] = [];
			for (let index = 0; index < STREAMS_PER_LISTENER; index += 1) streams.push(await open(anna, total));
			expect(await failure(open(anna, total))).toBe('rate-limited: live.stream.tooManyOfYours');
			streams.push(await open(ben, total));
			expect(await failure(open(carl, total))).toBe('rate-limited: live.stream.full');

			// A stream that ends (the tab is closed) frees its slot, for its listener and in all.
			await streams.shift()!.cancel();
			streams.push(await open(carl, total));
			streams.push(await open(anna, total + 1)); // Anna's fifth again
			for (const stream of streams) await stream.cancel().catch(() => {});
			streams.length = 0;
			const again = await open(anna, total);
			const reader = again.getReader();
			const frames = await readFramesUntil(reader, (seen) => seen.length >= 1);
			expect(frames[0]?.event).toBe('snapshot');
			await reader.cancel();
			await bus.close();
		});

		it('names nobody without consent in any live view: participant, projector, stream, cockpit', async () => {
			const { db, code, ids, bus, guest, moderate, organizer, meeting } = await running();
			const anna = await guest('Anna Teilnehmerin');
			const ben = await guest('Ben Gast');
			await castVote(db, bus, ben, code, { questionId: ids.single, answer: ['verein'] });
			await moderate({ action: 'showResults', pollId: ids.pollId });
			await moderate({ action: 'next' });

			const views = [
				await getLiveView(db, anna, code),
				await getLiveView(db, viewerOf(organizer.actor), code), // also what the projector shows
				await getLiveView(db, viewerOf(anonymous), code)
			];
			const stream = await openLiveStream(db, bus, anna, code, { totalStreams: 100 });
			const reader = stream.getReader();
			const frames = await readFramesUntil(reader, (seen) => seen.length >= 1);
			await reader.cancel();
			const cockpit = await getCockpit(db, organizer.actor, meeting.seriesSlug, meeting.number);
			const everything = JSON.stringify({ views, frames, cockpit });
			// The registered people are never listed live, with or without consent; another
			// participant's name is never shown to anyone (only one's own).
			for (const name of [SECRET_PERSON, CONSENTING_PERSON, 'Ben Gast'])
				expect(everything, name).not.toContain(name);
			expect(views[0]!.participant?.displayName).toBe('Anna Teilnehmerin');
			expect(JSON.stringify([views[1], views[2], frames])).not.toContain('Anna Teilnehmerin');
			await bus.close();
		});
	});
}
