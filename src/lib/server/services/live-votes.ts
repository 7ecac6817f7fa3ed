import type { Kysely } from 'kysely';
import { z } from 'zod';
import { forbidden, notFound, problem, rateLimited, validationFailed } from '../../domain/errors';
import { normalizeJoinCode } from '../../domain/live/join-code';
import { validateVote } from '../../domain/live/votes';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { LiveBus } from '../live/bus';
import { ExpiringMap } from '../live/expiring-map';
import { voteWriterFor } from '../live/vote-writer';
import { RateLimiter } from '../rate-limit';
import * as sessions from '../repositories/live-sessions';
import * as votes from '../repositories/live-votes';
import {
	failedLookup,
	findParticipant,
	refuseIfBlocked,
	type LiveRequest,
	type Viewer
} from './live-participants';

/**
 * A participant's vote, the one hot path of the live meeting. It reads in a straight line:
 * route (api/v1/live/[code]/votes, or the page's `?/vote` action) → `castVote` here (validate,
 * authorize: a participant of the running session) → live/vote-writer.ts (group commit) →
 * live/bus.ts (the tally publisher: coalesced, built by live/tallies.ts) → live/sse.ts (to each
 * listener the domain/live/visibility.ts rule admits).
 */

/**
 * Votes come by the thousand a minute; what each one looks up before its transaction changes
 * seldom, so it is kept briefly per database: the session behind a code (1 s: a stopped session
 * refuses votes within a second), a guest by token hash (live-participants.ts, a minute:
 * participants never change), and a question's options (the poll's state is read only under its
 * row lock, when the vote is written).
 */
const voteLookups = new WeakMap<
	Kysely<Database>,
	{
		sessions: ExpiringMap<sessions.LiveSessionRecord | undefined>;
		questions: ExpiringMap<Awaited<ReturnType<typeof votes.findQuestionForVote>>>;
	}
>();

function lookupsFor(db: Kysely<Database>) {
	let lookups = voteLookups.get(db);
	if (!lookups) {
		lookups = { sessions: new ExpiringMap(1000), questions: new ExpiringMap(5000) };
		voteLookups.set(db, lookups);
	}
	return lookups;
}

/** 10 answers per participant per 10 seconds: plenty for a person, a wall for a script. */
const voteLimiter = new RateLimiter(10, 10_000);

export const CastVote = z.object({
	questionId: z.string().min(1).max(100),
	answer: z.array(z.string().max(2000)).max(100)
});
export type CastVote = z.infer<typeof CastVote>;

/**
 * Stores a participant's answer to one question of an open poll, replacing an earlier one;
 * returns once it is committed (so an acknowledgement is never lost), in a transaction shared
 * with the votes arriving at the same time (live/vote-writer.ts). The tally is published
 * coalesced, not once per vote.
 */
export async function castVote(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	input: unknown,
	request: LiveRequest = {}
): Promise<{ questionId: string }> {
	const lookups = lookupsFor(db);
	const digits = normalizeJoinCode(code);
	const session = digits
		? await lookups.sessions.get(digits, () => sessions.findSessionByCode(db, digits))
		: undefined;
	if (!session || !session.isActive)
		throw failedLookup(request.clientAddress, notFound('live.sessionNotFound'));
	const participant = await findParticipant(db, session, viewer, { cachedGuests: true });
	if (!participant) {
		refuseIfBlocked(request.clientAddress);
		throw forbidden('live.notParticipant');
	}
	const { questionId, answer } = parseOrThrow(CastVote, input);
	if (!voteLimiter.hit(participant.id))
		throw rateLimited('live.vote.tooFast', { seconds: voteLimiter.retryAfterSeconds(participant.id) });
	const question = await lookups.questions.get(questionId, () => votes.findQuestionForVote(db, questionId));
	if (!question || question.meetingId !== session.meetingId)
		throw validationFailed([problem('answer', 'live.vote.questionNotFound')]);
	const checked = validateVote(question, answer);
	if (!checked.ok) throw validationFailed(checked.problems);
	let outcome;
	try {
		// Committed (together with the votes arriving meanwhile) before this returns.
		outcome = await voteWriterFor(db).write({
			pollId: question.pollId,
			questionId,
			participantId: participant.id,
			rows: checked.rows,
			now: new Date().toISOString()
		});
	} catch (error) {
		// The same participant twice at once on two instances: the other request's answer stands.
		if (isUniqueViolation(error)) throw validationFailed([problem('answer', 'live.vote.failed')]);
		throw error;
	}
	// Decided under the poll's lock, not from the cached question: a poll just reopened takes votes.
	if (outcome === 'pollClosed')
		throw validationFailed([problem('answer', 'live.vote.pollClosed')], { key: 'live.vote.pollClosed' });
	// The publisher builds and sends the poll's tally, coalesced with the other votes.
	bus.scheduleTally(session.meetingId, question.pollId);
	return { questionId };
}
