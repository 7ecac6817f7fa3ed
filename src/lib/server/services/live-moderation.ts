import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { notFound, problem, validationFailed } from '../../domain/errors';
import { formatJoinCode, generateJoinCode } from '../../domain/live/join-code';
import type { AgendaView, LiveState, PollResults, PollView } from '../../domain/live/views';
import { canManageOrganizationContent, type Actor } from '../../domain/policy';
import { parseOrThrow } from '../../domain/zod-problems';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/unique-violation';
import type { LiveBus } from '../live/bus';
import { pollResults, toPollView } from '../live/tallies';
import { listAgendaItems, type AgendaItemRecord } from '../repositories/agenda';
import * as sessions from '../repositories/live-sessions';
import * as votes from '../repositories/live-votes';
import { listPollsWithQuestions } from '../repositories/polls';
import { requireMeeting } from './meeting-access';
import { agendaView, buildState, meetingTitle, nowAndNext, publishState } from './live-state';
import { cockpitBreakouts, type CockpitBreakouts } from './breakouts-live';

/**
 * Running a live session: start and stop, the moderator's actions and the cockpit. Moderators
 * are the organizers of the meeting's organization (and admins) and the accounts granted the
 * meeting's moderator role (domain/policy `canModerateMeeting`).
 */

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
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'moderate');
	const { allowsGuests } = parseOrThrow(StartLive, input);
	const now = new Date().toISOString();
	const existing = await sessions.findSessionByMeeting(db, handle.meetingId);
	if (existing) {
		await sessions.updateSession(db, handle.meetingId, { isActive: true, allowsGuests }, now);
	} else {
		for (let attempt = 0; ; attempt += 1) {
			const joinCode = generateJoinCode(randomInt);
			try {
				await sessions.insertSession(db, { meetingId: handle.meetingId, joinCode, allowsGuests, now });
				break;
			} catch (error) {
				// A code in use (one in a million per running session): draw again.
				if (!isUniqueViolation(error) || attempt >= 20) throw error;
			}
		}
	}
	await publishState(bus, handle.meetingId);
	const session = await sessions.findSessionByMeeting(db, handle.meetingId);
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
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'moderate');
	const command = parseOrThrow(ModerateLive, input);
	const session = await sessions.findSessionByMeeting(db, handle.meetingId);
	if (!session) throw notFound('live.notActive');
	const meetingId = handle.meetingId;
	const now = clock();
	const stamp = now.toISOString();
	const pollOf = async (pollId: string) => {
		const poll = await votes.findPoll(db, meetingId, pollId);
		if (!poll) throw validationFailed([problem('pollId', 'live.pollNotFound')]);
		return poll;
	};
	switch (command.action) {
		case 'stop':
			await sessions.updateSession(db, meetingId, { isActive: false }, stamp);
			break;
		case 'next':
		case 'previous':
		case 'goto': {
			const agenda = await listAgendaItems(db, meetingId);
			const index = agenda.findIndex((item) => item.id === session.currentAgendaItemId);
			let target: AgendaItemRecord | undefined;
			if (command.action === 'goto') {
				target = agenda.find((item) => item.id === command.itemId);
				if (!target) throw validationFailed([problem('itemId', 'live.itemNotFound')]);
			} else if (command.action === 'next') target = agenda[Math.min(index + 1, agenda.length - 1)];
			else target = index > 0 ? agenda[index - 1] : agenda[0];
			await sessions.updateSession(db, meetingId, { currentAgendaItemId: target?.id ?? null }, stamp);
			break;
		}
		case 'openPoll':
		case 'closePoll': {
			const poll = await pollOf(command.pollId);
			await db.transaction().execute(async (trx) => {
				await votes.setPollState(trx, poll.id, command.action === 'openPoll' ? 'open' : 'closed');
				await sessions.updateSession(trx, meetingId, {}, stamp);
			});
			break;
		}
		case 'showResults':
			await sessions.updateSession(
				db,
				meetingId,
				{ resultsVisiblePollId: (await pollOf(command.pollId)).id },
				stamp
			);
			break;
		case 'hideResults':
			await sessions.updateSession(db, meetingId, { resultsVisiblePollId: null }, stamp);
			break;
		case 'message':
			await sessions.updateSession(db, meetingId, { message: command.message || null }, stamp);
			break;
		case 'countdown':
			await sessions.updateSession(
				db,
				meetingId,
				{ countdownEndsAt: new Date(now.getTime() + command.minutes * 60_000).toISOString() },
				stamp
			);
			break;
		case 'clearCountdown':
			await sessions.updateSession(db, meetingId, { countdownEndsAt: null }, stamp);
			break;
		case 'hideAnswer': {
			const found = await votes.setTextAnswerHidden(db, meetingId, command.answerId, command.hidden);
			if (!found) throw validationFailed([problem('answerId', 'live.answerNotFound')]);
			bus.scheduleTally(meetingId, found.pollId);
			break;
		}
		default: {
			const exhaustive: never = command;
			throw new Error(`unknown action ${String(exhaustive)}`);
		}
	}
	await publishState(bus, meetingId);
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
	textAnswers: votes.TextAnswerRecord[];
	state: LiveState | null;
	/** Breakout items of the agenda with their rounds, and the running round's rooms ("Runde starten"). */
	breakouts: CockpitBreakouts;
}

/** Everything the moderator cockpit shows, tallies of every poll included. */
export async function getCockpit(
	db: Kysely<Database>,
	actor: Actor,
	seriesSlug: string,
	number: number
): Promise<Cockpit> {
	const handle = await requireMeeting(db, actor, { seriesId: seriesSlug, number }, 'moderate');
	const session = await sessions.findSessionByMeeting(db, handle.meetingId);
	const agenda = await listAgendaItems(db, handle.meetingId);
	const polls = await listPollsWithQuestions(db, handle.meetingId);
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
		participants: session ? await sessions.countParticipants(db, handle.meetingId) : 0,
		agenda: agenda.map((item) => ({
			...agendaView(item),
			isCurrent: item.id === now?.id,
			isNext: item.id === next?.id,
			pollTitle: polls.find((poll) => poll.id === item.pollId)?.title ?? null
		})),
		polls: await Promise.all(
			polls.map(async (poll) => ({
				...toPollView(poll),
				results: await pollResults(db, poll),
				isResultsVisible: session?.resultsVisiblePollId === poll.id
			}))
		),
		textAnswers: await votes.listTextAnswers(db, textQuestionIds),
		state: session ? await buildState(db, session) : null,
		breakouts: await cockpitBreakouts(db, handle.meetingId)
	};
}
