import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
	AppError,
	notFound,
	problem,
	rateLimited,
	unauthenticated,
	validationFailed
} from '../../domain/errors';
import { formatJoinCode, normalizeJoinCode } from '../../domain/live/join-code';
import type { LiveState } from '../../domain/live/views';
import { canModerateMeeting, isSignedIn, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { ExpiringMap } from '../live/expiring-map';
import { RateLimiter } from '../rate-limit';
import * as sessions from '../repositories/live-sessions';
import * as votes from '../repositories/live-votes';
import { buildState, meetingTitle } from './live-state';
import { placeArrival } from './breakouts-arrivals';
import type { LiveBus } from '../live/bus';

/**
 * Live participants: joining a session by code, the guest cookie, the rate limits on code
 * lookups and guest joins, the page a participant sees and who may follow the event stream.
 *
 * Participants are guests who joined by code with a display name (when the session allows
 * guests) and signed-in users. A guest is recognized by an httpOnly cookie holding a random
 * token whose hash is stored; reconnecting (reloading, a new stream) keeps the participant and
 * so their one answer per question. Joining again without the cookie makes a new participant.
 * Moderators (domain/policy `canModerateMeeting`) see the state without being participants.
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

/**
 * Guests by meeting and token hash, kept a minute per database: votes come by the thousand a
 * minute and participants never change, so the vote path need not look each one up again.
 */
const knownGuests = new WeakMap<Kysely<Database>, ExpiringMap<sessions.ParticipantRecord | undefined>>();

function guestsOf(db: Kysely<Database>): ExpiringMap<sessions.ParticipantRecord | undefined> {
	let guests = knownGuests.get(db);
	if (!guests) {
		guests = new ExpiringMap(60_000);
		knownGuests.set(db, guests);
	}
	return guests;
}

/** What routes tell the service about the request: the client address, for the rate limits. */
export interface LiveRequest {
	clientAddress?: string;
}

/** Joining also tells the session that someone arrived (a running breakout round places them). */
export interface JoinRequest extends LiveRequest {
	bus?: LiveBus;
}

/**
 * Six digits are a million codes: without a limit, a script finds the running sessions by
 * trying them. Lookups of codes without a running session count per client address, 30 in
 * 10 minutes (a town hall's shared address mistypes far fewer); beyond that the address gets 429
 * for every code it has not joined yet, so a hit can no longer be told from a miss. Participants
 * and moderators of a session are never refused theirs.
 */
const codeLookupLimiter = new RateLimiter(30, 10 * 60_000);

/** The form's code field carries the message too, so the page names the field. */
function tooManyLookups(address: string, field?: string): AppError {
	const key = 'live.code.tooMany';
	const params = { minutes: Math.max(1, Math.ceil(codeLookupLimiter.retryAfterSeconds(address) / 60)) };
	return rateLimited(key, params, field ? [{ path: field, message: { key, params } }] : []);
}

/** Refuses an address that used up its failed lookups. */
export function refuseIfBlocked(address: string | undefined, field?: string): void {
	if (address !== undefined && codeLookupLimiter.isBlocked(address)) throw tooManyLookups(address, field);
}

/** Counts a lookup that found no running session: the error to throw (429 once over the limit). */
export function failedLookup(address: string | undefined, error: AppError, field?: string): AppError {
	if (address !== undefined && !codeLookupLimiter.hit(address)) return tooManyLookups(address, field);
	return error;
}

/** The active session behind a join code as typed, or not-found (counted for the address). */
export async function activeSession(
	db: Kysely<Database>,
	code: string,
	address: string | undefined
): Promise<sessions.LiveSessionRecord> {
	const digits = normalizeJoinCode(code);
	const session = digits ? await sessions.findSessionByCode(db, digits) : undefined;
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
	const session = await sessions.findSessionByCode(db, digits);
	if (!session || !session.isActive)
		throw failedLookup(
			request.clientAddress,
			validationFailed([problem('code', 'live.sessionNotFound')]),
			'code'
		);
	return digits;
}

/**
 * The participant behind the viewer's guest cookie, else their account; `cachedGuests`: the
 * guest may come from the minute-long cache (the vote path).
 */
export async function findParticipant(
	db: Kysely<Database>,
	session: sessions.LiveSessionRecord,
	viewer: Viewer,
	options: { cachedGuests?: boolean } = {}
): Promise<sessions.ParticipantRecord | undefined> {
	const token = viewer.cookies.get(guestCookieName(session.meetingId));
	if (token) {
		const tokenHash = hashToken(token);
		const load = () => sessions.findParticipantByToken(db, session.meetingId, tokenHash);
		const guest = options.cachedGuests
			? await guestsOf(db).get(`${session.meetingId}:${tokenHash}`, load)
			: await load();
		if (guest) return guest;
	}
	if (isSignedIn(viewer.actor))
		return sessions.findParticipantByUser(db, session.meetingId, viewer.actor.userId);
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
	options: JoinRequest = {}
): Promise<Joined> {
	const session = await activeSession(db, code, options.clientAddress);
	const existing = await findParticipant(db, session, viewer);
	if (existing) return { participantId: existing.id };
	refuseIfBlocked(options.clientAddress);
	const now = new Date().toISOString();
	if (isSignedIn(viewer.actor)) {
		const participant = await sessions.insertParticipant(db, {
			meetingId: session.meetingId,
			displayName: viewer.actor.displayName,
			userId: viewer.actor.userId,
			tokenHash: null,
			now
		});
		await placeArrival(db, session.meetingId, participant, options.bus);
		return { participantId: participant.id };
	}
	if (!session.allowsGuests) throw unauthenticated();
	const address = options.clientAddress;
	if (address !== undefined && !guestJoinLimiter.hit(address))
		throw rateLimited('live.join.tooMany', { seconds: guestJoinLimiter.retryAfterSeconds(address) });
	const { displayName } = parseOrThrow(JoinLive, input);
	const token = randomBytes(32).toString('base64url');
	const tokenHash = hashToken(token);
	const participant = await sessions.insertParticipant(db, {
		meetingId: session.meetingId,
		displayName,
		userId: null,
		tokenHash,
		now
	});
	// People join and then answer: their first vote need not look them up again.
	guestsOf(db).remember(`${session.meetingId}:${tokenHash}`, participant);
	await placeArrival(db, session.meetingId, participant, options.bus);
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
	/** The meeting's series (for the link to its wishes); null until the viewer joined or moderates. */
	seriesSlug: string | null;
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
	const answers = participant ? await votes.participantAnswers(db, participant.id, questionIds) : new Map();
	return {
		meetingId: session.meetingId,
		title: meetingTitle(session),
		code: formatJoinCode(session.joinCode),
		digits: session.joinCode,
		allowsGuests: session.allowsGuests,
		isModerator,
		participant: participant ? { id: participant.id, displayName: participant.displayName } : undefined,
		state,
		myAnswers: Object.fromEntries(answers),
		seriesSlug: participant || isModerator ? session.seriesSlug : null
	};
}
