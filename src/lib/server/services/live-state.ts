import type { Kysely } from 'kysely';
import { formatJoinCode } from '../../domain/live/join-code';
import type { AgendaView, LiveState } from '../../domain/live/views';
import { formatMeetingTitle } from '../../domain/meeting-display';
import type { Database } from '../db/schema';
import type { LiveBus } from '../live/bus';
import { pollResults, toPollView } from '../live/tallies';
import { listAgendaItems, type AgendaItemRecord } from '../repositories/agenda';
import * as sessions from '../repositories/live-sessions';
import { listPollsWithQuestions } from '../repositories/polls';
import { liveRoundOf } from './breakouts-live-view';

/**
 * The live session's public state (domain/live/views.ts `LiveState`): built for a page or a
 * snapshot, and published as a `state` event after every change a moderator makes.
 */

export function meetingTitle(session: sessions.LiveSessionRecord): string {
	return session.topicTitle ?? formatMeetingTitle(session.number, session.meetingNoun);
}

export function agendaView(item: AgendaItemRecord): AgendaView {
	return {
		id: item.id,
		title: item.title,
		kind: item.kind,
		start: item.start,
		end: item.end,
		pollId: item.pollId
	};
}

export function nowAndNext(agenda: AgendaItemRecord[], currentId: string | null) {
	const index = currentId === null ? -1 : agenda.findIndex((item) => item.id === currentId);
	const now = index >= 0 ? agenda[index]! : undefined;
	const next = agenda[index + 1];
	return { now: now ? agendaView(now) : null, next: next ? agendaView(next) : null };
}

export async function buildState(
	db: Kysely<Database>,
	session: sessions.LiveSessionRecord
): Promise<LiveState> {
	const agenda = await listAgendaItems(db, session.meetingId);
	const polls = await listPollsWithQuestions(db, session.meetingId);
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
		results: visible ? await pollResults(db, visible) : null,
		breakout: await liveRoundOf(db, session.meetingId)
	};
}

/**
 * Publishes the session's current state to everyone following it, read inside the event's
 * transaction (LiveBus.publishBuilt): of two moderators' actions at once, the later event shows
 * both.
 */
export async function publishState(bus: LiveBus, meetingId: string): Promise<void> {
	await bus.publishBuilt(meetingId, 'state', async (trx) => {
		const session = await sessions.findSessionByMeeting(trx, meetingId);
		return session ? buildState(trx, session) : undefined;
	});
}
