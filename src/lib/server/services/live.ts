import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	AppError,
	forbidden,
	notFound,
	problem,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { formatJoinCode, generateJoinCode, normalizeJoinCode } from '../../domain/live/join-code';
import {
	combineResults,
	emptyLive,
	resultRows,
	wordCloud,
	type CloudWord,
	type ResultRow
} from '../../domain/live/tally';
import { validateVote } from '../../domain/live/votes';
import { formatMeetingTitle } from '../../domain/meeting-display';
import {
	canManageOrganizationContent,
	canModerateMeeting,
	isSignedIn,
	type Actor
} from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { ExportTable } from '../exports/table-files';
import { translate, type Locale } from '../../i18n/translate';
import type { LiveBus } from '../live/bus';
import { liveEventStream } from '../live/sse';
import { StreamSlots, type StreamLimits } from '../live/stream-slots';
import { voteWriterFor } from '../live/vote-writer';
import { RateLimiter } from '../rate-limit';
import * as live from '../repositories/live';
import { findMeetingHandle } from '../repositories/meeting-lookup';

/**
 * The live meeting: sessions with join codes, participants, moderation and votes.
 *
 * Who may do what:
 * - moderators are the organizers of the meeting's organization (and admins) and the accounts
 *   granted the meeting's moderator role (domain/policy `canModerateMeeting`);
 * - participants are guests who joined by code with a display name (when the session allows
 *   guests) and signed-in users. A guest is recognized by an httpOnly cookie holding a random
 *   token whose hash is stored; reconnecting (reloading, a new stream) keeps the participant and
 *   so their one answer per question. Joining again without the cookie makes a new participant.
 */

/** The cookies a route can read (SvelteKit's `cookies` fits). */
export interface CookieReader {
	get(name: string): string | undefined;
}

export interface Viewer {
	actor: Actor;
	cookies: CookieReader;
}

export function guestCookieName(meetingId: string): string {
	return `nws_live_${meetingId}`;
}

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

// ---- the public state ------------------------------------------------------------------------

export interface AgendaView {
	id: string;
	title: string;
	kind: string;
	start: string;
	end: string;
	pollId: string | null;
}

export interface QuestionView {
	id: string;
	text: string;
	kind: 'single' | 'multiple' | 'scale' | 'text';
	options: { key: string; label: string }[];
	scaleMin: number | null;
	scaleMax: number | null;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	maxChoices: number | null;
}

export interface PollView {
	id: string;
	title: string;
	state: 'draft' | 'open' | 'closed';
	questions: QuestionView[];
}

export interface QuestionResults {
	id: string;
	text: string;
	kind: QuestionView['kind'];
	respondents: number;
	rows: ResultRow[];
	texts: string[];
	cloud: CloudWord[];
}

/** A poll's results; also the payload of `tally` events. */
export interface PollResults {
	pollId: string;
	title: string;
	questions: QuestionResults[];
}

/** What everyone in the session sees; also the payload of `state` and `snapshot` events. */
export interface LiveState {
	title: string;
	code: string;
	isActive: boolean;
	videoUrl: string | null;
	now: AgendaView | null;
	next: AgendaView | null;
	message: string | null;
	countdownEndsAt: string | null;
	openPolls: PollView[];
	resultsVisiblePollId: string | null;
	results: PollResults | null;
}

function meetingTitle(session: live.LiveSessionRecord): string {
	return session.topicTitle ?? formatMeetingTitle(session.number, session.meetingNoun);
}

function toQuestionView(question: live.QuestionRecord): QuestionView {
	return {
		id: question.id,
		text: question.text,
		kind: question.kind,
		options: question.options,
		scaleMin: question.scaleMin,
		scaleMax: question.scaleMax,
		scaleMinLabel: question.scaleMinLabel,
		scaleMaxLabel: question.scaleMaxLabel,
		maxChoices: question.maxChoices
	};
}

function toPollView(poll: live.PollRecord): PollView {
	return { id: poll.id, title: poll.title, state: poll.state, questions: poll.questions.map(toQuestionView) };
}

/** Imported aggregates plus live votes, per question of a poll. */
async function resultsOf(db: Kysely<Database>, poll: live.PollRecord): Promise<PollResults> {
	const imported = await live.importedAggregates(db, poll.questions);
	const liveVotes = await live.liveAggregates(db, poll.questions);
	return {
		pollId: poll.id,
		title: poll.title,
		questions: poll.questions.map((question) => {
			const aggregate = combineResults(imported.get(question.id), liveVotes.get(question.id) ?? emptyLive);
			const texts = aggregate?.texts ?? [];
			return {
				id: question.id,
				text: question.text,
				kind: question.kind,
				respondents: aggregate?.respondents ?? 0,
				rows: resultRows(question, aggregate),
				texts,
				cloud: question.kind === 'text' ? wordCloud(texts) : []
			};
		})
	};
}

function agendaView(item: live.AgendaEntry): AgendaView {
	return {
		id: item.id,
		title: item.title,
		kind: item.kind,
		start: item.start,
		end: item.end,
		pollId: item.pollId
	};
}

function nowAndNext(agenda: live.AgendaEntry[], currentId: string | null) {
	const index = currentId === null ? -1 : agenda.findIndex((item) => item.id === currentId);
	const now = index >= 0 ? agenda[index]! : undefined;
	const next = agenda[index + 1];
	return { now: now ? agendaView(now) : null, next: next ? agendaView(next) : null };
}

async function buildState(db: Kysely<Database>, session: live.LiveSessionRecord): Promise<LiveState> {
	const agenda = await live.listAgenda(db, session.meetingId);
	const polls = await live.listPolls(db, session.meetingId);
	const visible = polls.find((poll) => poll.id === session.resultsVisiblePollId);
	return {
		title: meetingTitle(session),
		code: formatJoinCode(session.joinCode),
		isActive: session.isActive,
		videoUrl: session.videoUrl,
		...nowAndNext(agenda, session.currentAgendaItemId),
		message: session.message,
		countdownEndsAt: session.countdownEndsAt,
		openPolls: polls.filter((poll) => poll.state === 'open').map(toPollView),
		resultsVisiblePollId: visible?.id ?? null,
		results: visible ? await resultsOf(db, visible) : null
	};
}

/** The tally of one poll, as `tally` events carry it. */
async function tallyOf(db: Kysely<Database>, meetingId: string, pollId: string): Promise<PollResults | null> {
	const poll = (await live.listPolls(db, meetingId)).find((candidate) => candidate.id === pollId);
	return poll ? resultsOf(db, poll) : null;
}

async function publishState(db: Kysely<Database>, bus: LiveBus, meetingId: string): Promise<void> {
	const session = await live.findSessionByMeeting(db, meetingId);
	if (session) await bus.publish(meetingId, 'state', await buildState(db, session));
}

// ---- sessions and participants -------------------------------------------------------------

/** What routes tell the service about the request: the client address, for the rate limits. */
export interface LiveRequest {
	clientAddress?: string;
}

/**
 * Six digits are a million codes: without a limit, a script finds the running sessions by
 * trying them. Lookups of codes without a running session count per client address, 30 in
 * 10 minutes (a town hall's shared address mistypes far fewer); beyond that the address gets 429
 * for every code it has not joined yet, so a hit can no longer be told from a miss. Participants
 * and moderators of a session are never refused theirs.
 */
const codeLookupLimiter = new RateLimiter(30, 10 * 60_000);

function tooManyLookups(address: string, field?: string): AppError {
	const message = {
		key: 'live.code.tooMany',
		params: { minutes: Math.max(1, Math.ceil(codeLookupLimiter.retryAfterSeconds(address) / 60)) }
	} as const;
	return new AppError('rate-limited', message, field ? [{ path: field, message }] : []);
}

/** Refuses an address that used up its failed lookups. */
function refuseIfBlocked(address: string | undefined, field?: string): void {
	if (address !== undefined && codeLookupLimiter.isBlocked(address)) throw tooManyLookups(address, field);
}

/** Counts a lookup that found no running session: the error to throw (429 once over the limit). */
function failedLookup(address: string | undefined, error: AppError, field?: string): AppError {
	if (address !== undefined && !codeLookupLimiter.hit(address)) return tooManyLookups(address, field);
	return error;
}

/** The active session behind a join code as typed, or not-found (counted for the address). */
async function activeSession(
	db: Kysely<Database>,
	code: string,
	address: string | undefined
): Promise<live.LiveSessionRecord> {
	const digits = normalizeJoinCode(code);
	const session = digits ? await live.findSessionByCode(db, digits) : undefined;
	if (!session || !session.isActive) throw failedLookup(address, notFound('live.sessionNotFound'));
	return session;
}

export const FindSession = z.object({ code: z.string().trim().max(20) });

/** The join code entered on /live, checked: its digits, for the address /live/{code}. */
export async function findSessionCode(
	db: Kysely<Database>,
	input: unknown,
	request: LiveRequest = {}
): Promise<string> {
	const { code } = parseOrThrow(FindSession, input);
	refuseIfBlocked(request.clientAddress, 'code');
	const digits = normalizeJoinCode(code);
	if (!digits) throw validationFailed([problem('code', 'live.invalidCode')]);
	const session = await live.findSessionByCode(db, digits);
	if (!session || !session.isActive)
		throw failedLookup(
			request.clientAddress,
			validationFailed([problem('code', 'live.sessionNotFound')]),
			'code'
		);
	return digits;
}

async function findParticipant(
	db: Kysely<Database>,
	session: live.LiveSessionRecord,
	viewer: Viewer
): Promise<live.ParticipantRecord | undefined> {
	const token = viewer.cookies.get(guestCookieName(session.meetingId));
	if (token) {
		const guest = await live.findParticipantByToken(db, session.meetingId, hashToken(token));
		if (guest) return guest;
	}
	if (isSignedIn(viewer.actor)) return live.findParticipantByUser(db, session.meetingId, viewer.actor.userId);
	return undefined;
}

export const JoinLive = z.object({ displayName: z.string().trim().min(1).max(60) });
export type JoinLive = z.infer<typeof JoinLive>;

export interface Joined {
	participantId: string;
	/** For a guest: the cookie to set (httpOnly), holding the token whose hash is stored. */
	cookie?: { name: string; value: string };
}

/**
 * Guest joins per client address: 100 a minute. A town hall's shared address stays far below it;
 * a script making guests by the thousand does not.
 */
const guestJoinLimiter = new RateLimiter(100, 60_000);

/**
 * Joins the session behind a code. A signed-in user is one participant per meeting (joining
 * again finds them); a guest gets a new participant and a cookie that recognizes them from then
 * on. Routes pass the client address, which rate-limits guest joins.
 */
export async function joinLive(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	input: unknown,
	options: LiveRequest = {}
): Promise<Joined> {
	const session = await activeSession(db, code, options.clientAddress);
	const existing = await findParticipant(db, session, viewer);
	if (existing) return { participantId: existing.id };
	refuseIfBlocked(options.clientAddress);
	const now = new Date().toISOString();
	if (isSignedIn(viewer.actor)) {
		const participant = await live.insertParticipant(db, {
			meetingId: session.meetingId,
			displayName: viewer.actor.displayName,
			userId: viewer.actor.userId,
			tokenHash: null,
			now
		});
		return { participantId: participant.id };
	}
	if (!session.allowsGuests) throw unauthenticated();
	const address = options.clientAddress;
	if (address !== undefined && !guestJoinLimiter.hit(address))
		throw new AppError('rate-limited', {
			key: 'live.join.tooMany',
			params: { seconds: guestJoinLimiter.retryAfterSeconds(address) }
		});
	const { displayName } = parseOrThrow(JoinLive, input);
	const token = randomBytes(32).toString('base64url');
	const tokenHash = hashToken(token);
	const participant = await live.insertParticipant(db, {
		meetingId: session.meetingId,
		displayName,
		userId: null,
		tokenHash,
		now
	});
	// People join and then answer: their first vote need not look them up again.
	lookupsFor(db).guests.remember(`${session.meetingId}:${tokenHash}`, participant);
	return {
		participantId: participant.id,
		cookie: { name: guestCookieName(session.meetingId), value: token }
	};
}

export interface LiveView {
	meetingId: string;
	/** The meeting's title: all that someone who has not joined learns besides the join form. */
	title: string;
	code: string;
	digits: string;
	allowsGuests: boolean;
	isModerator: boolean;
	/** Undefined: the viewer has not joined yet (the page shows the join form). */
	participant: { id: string; displayName: string } | undefined;
	/** Null until the viewer joined (or when they moderate): agenda, polls, video link, results. */
	state: LiveState | null;
	/** The participant's own current answers per question id. */
	myAnswers: Record<string, string[]>;
}

/**
 * What /live/{code} shows. A signed-in user joins on the first visit; a guest sees the meeting's
 * title and the join form until they joined, nothing of the session itself. Moderators see the
 * state without being participants.
 */
export async function getLiveView(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<LiveView> {
	const session = await activeSession(db, code, request.clientAddress);
	const isModerator = canModerateMeeting(viewer.actor, session);
	let participant = await findParticipant(db, session, viewer);
	if (!participant && !isModerator) refuseIfBlocked(request.clientAddress);
	if (!participant && isSignedIn(viewer.actor)) {
		await joinLive(db, viewer, code, {}, request);
		participant = await findParticipant(db, session, viewer);
	}
	const state = participant || isModerator ? await buildState(db, session) : null;
	const questionIds = (state?.openPolls ?? []).flatMap((poll) =>
		poll.questions.map((question) => question.id)
	);
	const answers = participant ? await live.participantAnswers(db, participant.id, questionIds) : new Map();
	return {
		meetingId: session.meetingId,
		title: meetingTitle(session),
		code: formatJoinCode(session.joinCode),
		digits: session.joinCode,
		allowsGuests: session.allowsGuests,
		isModerator,
		participant: participant ? { id: participant.id, displayName: participant.displayName } : undefined,
		state,
		myAnswers: Object.fromEntries(answers)
	};
}

/** Who may follow a session's event stream: participants and moderators. */
export async function authorizeStream(
	db: Kysely<Database>,
	viewer: Viewer,
	code: string,
	request: LiveRequest = {}
): Promise<{
	meetingId: string;
	isModerator: boolean;
	/** Whose stream it is, for the per-listener cap: the participant, else the moderating account. */
	listener: string;
	snapshot: () => Promise<LiveState>;
}> {
	const session = await activeSession(db, code, request.clientAddress);
	const moderator = canModerateMeeting(viewer.actor, session);
	const participant = await findParticipant(db, session, viewer);
	if (!moderator && !participant) {
		refuseIfBlocked(request.clientAddress);
		throw forbidden('live.notParticipant');
	}
	return {
		meetingId: session.meetingId,
		isModerator: moderator,
		listener: participant
			? `participant:${participant.id}`
			: `account:${isSignedIn(viewer.actor) ? viewer.actor.userId : viewer.actor.kind}`,
		snapshot: async () => buildState(db, (await live.findSessionByMeeting(db, session.meetingId)) ?? session)
	};
}

/** The open event streams of this process (live/stream-slots.ts). */
const streamSlots = new StreamSlots();

/** Open event streams of one participant (their tabs and devices): a few are normal. */
export const STREAMS_PER_LISTENER = 5;

export interface StreamRequest extends LiveRequest {
	/** The stream's Last-Event-ID, for the replay. */
	lastEventId?: number;
	signal?: AbortSignal;
	/** Open streams in all of this process (LIVE_STREAM_LIMIT); per listener STREAMS_PER_LISTENER. */
	totalStreams: number;
	/** Overrides for tests. */
	limits?: Partial<StreamLimits>;
}

/**
 * A participant's or moderator's event stream of the session (live/sse.ts), refused with 429
 * when the listener already has STREAMS_PER_LISTENER open or the process has `totalStreams`.
 * The slot is given back when the stream ends (closed, cancelled or aborted).
 */
export async function openLiveStream(
	db: Kysely<Database>,
	bus: LiveBus,
	viewer: Viewer,
	code: string,
	request: StreamRequest
): Promise<ReadableStream<Uint8Array>> {
	const access = await authorizeStream(db, viewer, code, request);
	const limits: StreamLimits = {
		perListener: request.limits?.perListener ?? STREAMS_PER_LISTENER,
		total: request.limits?.total ?? request.totalStreams
	};
	const slot = streamSlots.acquire(access.listener, limits);
	if (!slot.ok)
		throw new AppError(
			'rate-limited',
			slot.reason === 'listener'
				? { key: 'live.stream.tooManyOfYours', params: { max: limits.perListener } }
				: { key: 'live.stream.full' }
		);
	request.signal?.addEventListener('abort', slot.release);
	return liveEventStream({
		db,
		bus,
		meetingId: access.meetingId,
		isModerator: access.isModerator,
		lastEventId: request.lastEventId,
		snapshot: access.snapshot,
		signal: request.signal,
		onClose: slot.release
	});
}

// ---- votes ---------------------------------------------------------------------------------

/** A small map whose entries expire, for the lookups on the vote path. */
class ExpiringMap<V> {
	private readonly entries = new Map<string, { value: V; expiresAt: number }>();
	constructor(
		private readonly ttlMs: number,
		private readonly maxSize = 50_000
	) {}
	async get(key: string, load: () => Promise<V>): Promise<V> {
		const now = Date.now();
		const hit = this.entries.get(key);
		if (hit && hit.expiresAt > now) return hit.value;
		const value = await load();
		this.remember(key, value, now);
		return value;
	}
	remember(key: string, value: V, now = Date.now()): void {
		if (this.entries.size >= this.maxSize) this.entries.clear();
		this.entries.set(key, { value, expiresAt: now + this.ttlMs });
	}
}

/**
 * Votes come by the thousand a minute; what each one looks up before its transaction changes
 * seldom, so it is kept briefly per database: the session behind a code (1 s: a stopped session
 * refuses votes within a second), a guest by token hash (participants never change), and a
 * question's options (the poll's state is read only under its row lock, when the vote is written).
 */
const voteLookups = new WeakMap<
	Kysely<Database>,
	{
		sessions: ExpiringMap<live.LiveSessionRecord | undefined>;
		guests: ExpiringMap<live.ParticipantRecord | undefined>;
		questions: ExpiringMap<Awaited<ReturnType<typeof live.findQuestionForVote>>>;
	}
>();

function lookupsFor(db: Kysely<Database>) {
	let lookups = voteLookups.get(db);
	if (!lookups) {
		lookups = {
			sessions: new ExpiringMap(1000),
			guests: new ExpiringMap(60_000),
			questions: new ExpiringMap(5000)
		};
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
		? await lookups.sessions.get(digits, () => live.findSessionByCode(db, digits))
		: undefined;
	if (!session || !session.isActive)
		throw failedLookup(request.clientAddress, notFound('live.sessionNotFound'));
	const token = viewer.cookies.get(guestCookieName(session.meetingId));
	const tokenHash = token ? hashToken(token) : undefined;
	const participant =
		(tokenHash &&
			(await lookups.guests.get(`${session.meetingId}:${tokenHash}`, () =>
				live.findParticipantByToken(db, session.meetingId, tokenHash)
			))) ||
		(isSignedIn(viewer.actor)
			? await live.findParticipantByUser(db, session.meetingId, viewer.actor.userId)
			: undefined);
	if (!participant) {
		refuseIfBlocked(request.clientAddress);
		throw forbidden('live.notParticipant');
	}
	const { questionId, answer } = parseOrThrow(CastVote, input);
	if (!voteLimiter.hit(participant.id))
		throw new AppError('rate-limited', {
			key: 'live.vote.tooFast',
			params: { seconds: voteLimiter.retryAfterSeconds(participant.id) }
		});
	const question = await lookups.questions.get(questionId, () => live.findQuestionForVote(db, questionId));
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
	bus.scheduleTally(session.meetingId, question.pollId, () =>
		tallyOf(db, session.meetingId, question.pollId)
	);
	return { questionId };
}

// ---- moderation ----------------------------------------------------------------------------

async function moderatedMeeting(db: Kysely<Database>, actor: Actor, seriesSlug: string, number: number) {
	const handle = await findMeetingHandle(db, seriesSlug, number);
	if (!handle) throw notFound();
	if (!isSignedIn(actor) && actor.kind !== 'system') throw unauthenticated();
	if (!canModerateMeeting(actor, handle)) throw forbidden();
	return handle;
}

export const StartLive = z.object({ allowsGuests: z.boolean().default(true) });

/** Starts (or restarts) the meeting's live session; a new session gets a fresh, unique join code. */
export async function startLiveSession(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	seriesSlug: string,
	number: number,
	input: unknown
): Promise<{ code: string }> {
	const handle = await moderatedMeeting(db, actor, seriesSlug, number);
	const { allowsGuests } = parseOrThrow(StartLive, input);
	const now = new Date().toISOString();
	const existing = await live.findSessionByMeeting(db, handle.meetingId);
	if (existing) {
		await live.updateSession(db, handle.meetingId, { isActive: true, allowsGuests }, now);
	} else {
		for (let attempt = 0; ; attempt += 1) {
			const joinCode = generateJoinCode(randomInt);
			try {
				await live.insertSession(db, { meetingId: handle.meetingId, joinCode, allowsGuests, now });
				break;
			} catch (error) {
				// A code in use (one in a million per running session): draw again.
				if (!isUniqueViolation(error) || attempt >= 20) throw error;
			}
		}
	}
	await publishState(db, bus, handle.meetingId);
	const session = await live.findSessionByMeeting(db, handle.meetingId);
	return { code: session!.joinCode };
}

export const ModerateLive = z.discriminatedUnion('action', [
	z.object({ action: z.literal('stop') }),
	z.object({ action: z.literal('next') }),
	z.object({ action: z.literal('previous') }),
	z.object({ action: z.literal('goto'), itemId: z.string().min(1) }),
	z.object({ action: z.literal('openPoll'), pollId: z.string().min(1) }),
	z.object({ action: z.literal('closePoll'), pollId: z.string().min(1) }),
	z.object({ action: z.literal('showResults'), pollId: z.string().min(1) }),
	z.object({ action: z.literal('hideResults') }),
	z.object({ action: z.literal('message'), message: z.string().trim().max(500) }),
	z.object({ action: z.literal('countdown'), minutes: z.coerce.number().int().min(1).max(180) }),
	z.object({ action: z.literal('clearCountdown') }),
	z.object({ action: z.literal('hideAnswer'), answerId: z.string().min(1), hidden: z.boolean() })
]);
export type ModerateLive = z.infer<typeof ModerateLive>;

/** One moderator action on the running session; everyone's view follows through a `state` event. */
export async function moderateLive(
	db: Kysely<Database>,
	bus: LiveBus,
	actor: Actor,
	seriesSlug: string,
	number: number,
	input: unknown,
	clock: () => Date = () => new Date()
): Promise<void> {
	const handle = await moderatedMeeting(db, actor, seriesSlug, number);
	const command = parseOrThrow(ModerateLive, input);
	const session = await live.findSessionByMeeting(db, handle.meetingId);
	if (!session) throw notFound('live.notActive');
	const meetingId = handle.meetingId;
	const now = clock();
	const stamp = now.toISOString();
	const pollOf = async (pollId: string) => {
		const poll = await live.findPoll(db, meetingId, pollId);
		if (!poll) throw validationFailed([problem('pollId', 'live.pollNotFound')]);
		return poll;
	};
	switch (command.action) {
		case 'stop':
			await live.updateSession(db, meetingId, { isActive: false }, stamp);
			break;
		case 'next':
		case 'previous':
		case 'goto': {
			const agenda = await live.listAgenda(db, meetingId);
			const index = agenda.findIndex((item) => item.id === session.currentAgendaItemId);
			let target: live.AgendaEntry | undefined;
			if (command.action === 'goto') {
				target = agenda.find((item) => item.id === command.itemId);
				if (!target) throw validationFailed([problem('itemId', 'live.itemNotFound')]);
			} else if (command.action === 'next') target = agenda[Math.min(index + 1, agenda.length - 1)];
			else target = index > 0 ? agenda[index - 1] : agenda[0];
			await live.updateSession(db, meetingId, { currentAgendaItemId: target?.id ?? null }, stamp);
			break;
		}
		case 'openPoll':
		case 'closePoll': {
			const poll = await pollOf(command.pollId);
			await db.transaction().execute(async (trx) => {
				await live.setPollState(trx, poll.id, command.action === 'openPoll' ? 'open' : 'closed');
				await live.updateSession(trx, meetingId, {}, stamp);
			});
			break;
		}
		case 'showResults':
			await live.updateSession(
				db,
				meetingId,
				{ resultsVisiblePollId: (await pollOf(command.pollId)).id },
				stamp
			);
			break;
		case 'hideResults':
			await live.updateSession(db, meetingId, { resultsVisiblePollId: null }, stamp);
			break;
		case 'message':
			await live.updateSession(db, meetingId, { message: command.message || null }, stamp);
			break;
		case 'countdown':
			await live.updateSession(
				db,
				meetingId,
				{ countdownEndsAt: new Date(now.getTime() + command.minutes * 60_000).toISOString() },
				stamp
			);
			break;
		case 'clearCountdown':
			await live.updateSession(db, meetingId, { countdownEndsAt: null }, stamp);
			break;
		case 'hideAnswer': {
			const found = await live.setTextAnswerHidden(db, meetingId, command.answerId, command.hidden);
			if (!found) throw validationFailed([problem('answerId', 'live.answerNotFound')]);
			bus.scheduleTally(meetingId, found.pollId, () => tallyOf(db, meetingId, found.pollId));
			break;
		}
		default: {
			const exhaustive: never = command;
			throw new Error(`unknown action ${String(exhaustive)}`);
		}
	}
	await publishState(db, bus, meetingId);
}

export interface Cockpit {
	meetingId: string;
	seriesSlug: string;
	number: number;
	title: string;
	/** Organizers manage the meeting itself; a moderator only runs its live session. */
	canManageMeeting: boolean;
	session: { code: string; digits: string; isActive: boolean; allowsGuests: boolean } | null;
	participants: number;
	agenda: (AgendaView & { isCurrent: boolean; isNext: boolean; pollTitle: string | null })[];
	polls: (PollView & { results: PollResults; isResultsVisible: boolean })[];
	textAnswers: live.TextAnswerRecord[];
	state: LiveState | null;
}

/** Everything the moderator cockpit shows, tallies of every poll included. */
export async function getCockpit(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number
): Promise<Cockpit> {
	const handle = await moderatedMeeting(db, actor, seriesSlug, number);
	const session = await live.findSessionByMeeting(db, handle.meetingId);
	const agenda = await live.listAgenda(db, handle.meetingId);
	const polls = await live.listPolls(db, handle.meetingId);
	const { now, next } = nowAndNext(agenda, session?.currentAgendaItemId ?? null);
	const textQuestionIds = polls.flatMap((poll) =>
		poll.questions.filter((q) => q.kind === 'text').map((q) => q.id)
	);
	return {
		meetingId: handle.meetingId,
		seriesSlug: handle.seriesSlug,
		number: handle.number,
		title: session ? meetingTitle(session) : `${handle.seriesSlug}/${handle.number}`,
		canManageMeeting: canManageOrganizationContent(actor, handle.organizationId),
		session: session
			? {
					code: formatJoinCode(session.joinCode),
					digits: session.joinCode,
					isActive: session.isActive,
					allowsGuests: session.allowsGuests
				}
			: null,
		participants: session ? await live.countParticipants(db, handle.meetingId) : 0,
		agenda: agenda.map((item) => ({
			...agendaView(item),
			isCurrent: item.id === now?.id,
			isNext: item.id === next?.id,
			pollTitle: polls.find((poll) => poll.id === item.pollId)?.title ?? null
		})),
		polls: await Promise.all(
			polls.map(async (poll) => ({
				...toPollView(poll),
				results: await resultsOf(db, poll),
				isResultsVisible: session?.resultsVisiblePollId === poll.id
			}))
		),
		textAnswers: await live.listTextAnswers(db, textQuestionIds),
		state: session ? await buildState(db, session) : null
	};
}

/** The results of every poll of the meeting as a table, for CSV and XLSX. */
export async function exportLiveResults(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number,
	locale: Locale
): Promise<ExportTable> {
	const handle = await moderatedMeeting(db, actor, seriesSlug, number);
	const polls = await live.listPolls(db, handle.meetingId);
	const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
	const rows: (string | number)[][] = [];
	for (const poll of polls) {
		const results = await resultsOf(db, poll);
		for (const question of results.questions) {
			for (const row of question.rows)
				rows.push([poll.title, question.text, row.label, row.count, row.percent, question.respondents]);
			for (const text of question.texts)
				rows.push([poll.title, question.text, text, '', '', question.respondents]);
		}
	}
	return {
		sheetName: t('live.export.sheet'),
		columns: [
			{ header: t('live.export.poll'), width: 30 },
			{ header: t('live.export.question'), width: 50 },
			{ header: t('live.export.answer'), width: 40 },
			{ header: t('live.export.count'), width: 10 },
			{ header: t('live.export.percent'), width: 12 },
			{ header: t('live.export.respondents'), width: 14 }
		],
		rows
	};
}
