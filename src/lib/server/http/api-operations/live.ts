import { z } from 'zod';
import { CastVote } from '../../services/live-votes';
import { JoinLive } from '../../services/live-participants';
import { ModerateLive, StartLive } from '../../services/live-moderation';
import type { ApiOperation } from './types';
import { LiveRoundResponse } from './breakouts-live';

// The response shapes of the live services (services/live-*.ts), for the OpenAPI document; the
// integration test parses real responses with them, so they stay true.

const AgendaViewResponse = z.object({
	id: z.string(),
	title: z.string(),
	kind: z.string(),
	start: z.string(),
	end: z.string(),
	pollId: z.string().nullable()
});

const QuestionKind = z.enum(['single', 'multiple', 'scale', 'text']);

const PollViewResponse = z.object({
	id: z.string(),
	title: z.string(),
	state: z.enum(['draft', 'open', 'closed']),
	questions: z.array(
		z.object({
			id: z.string(),
			text: z.string(),
			kind: QuestionKind,
			options: z.array(z.object({ key: z.string(), label: z.string() })),
			scaleMin: z.number().int().nullable(),
			scaleMax: z.number().int().nullable(),
			scaleMinLabel: z.string().nullable(),
			scaleMaxLabel: z.string().nullable(),
			maxChoices: z.number().int().nullable()
		})
	)
});

export const QuestionResultsResponse = z.object({
	id: z.string(),
	text: z.string(),
	kind: QuestionKind,
	respondents: z.number().int(),
	rows: z.array(
		z.object({
			key: z.string(),
			label: z.string(),
			count: z.number().int(),
			/** Whole percent of respondents (multiple choice can add up to more than 100). */
			percent: z.number()
		})
	),
	/** Free-text answers (hidden ones left out). */
	texts: z.array(z.string()),
	/** The most frequent words of free-text answers; weight 1 (rare) to 5. */
	cloud: z.array(z.object({ word: z.string(), count: z.number().int(), weight: z.number().int() }))
});

const PollResultsResponse = z.object({
	pollId: z.string(),
	title: z.string(),
	questions: z.array(QuestionResultsResponse)
});

/** What everyone in the session sees (also the payload of the stream's `state` events). */
export const LiveStateResponse = z.object({
	title: z.string(),
	code: z.string(),
	isActive: z.boolean(),
	videoUrl: z.string().nullable(),
	now: AgendaViewResponse.nullable(),
	next: AgendaViewResponse.nullable(),
	message: z.string().nullable(),
	countdownEndsAt: z.string().nullable(),
	openPolls: z.array(PollViewResponse),
	resultsVisiblePollId: z.string().nullable(),
	results: PollResultsResponse.nullable(),
	/** The running (or just closed) breakout round (domain/breakouts/live-views.ts LiveRoundView). */
	breakout: LiveRoundResponse.nullable()
});

export const LiveViewResponse = z.object({
	/** The meeting's title: all that is shown before joining, besides the join code. */
	title: z.string(),
	/** The join code as shown ("482 913") and its digits. */
	code: z.string(),
	digits: z.string(),
	allowsGuests: z.boolean(),
	isModerator: z.boolean(),
	/** Whether the viewer has joined; a guest joins with POST /live/{code}/participants. */
	joined: z.boolean(),
	participant: z.object({ id: z.string(), displayName: z.string() }).nullable(),
	/** Null until the viewer joined (or moderates the meeting): nothing of the session leaks before. */
	state: LiveStateResponse.nullable(),
	/** The viewer's own current answers (option keys, scale values or texts) per question id. */
	myAnswers: z.record(z.string(), z.array(z.string()))
});

export const CockpitResponse = z.object({
	meetingId: z.string(),
	seriesSlug: z.string(),
	number: z.number().int(),
	title: z.string(),
	session: z
		.object({ code: z.string(), digits: z.string(), isActive: z.boolean(), allowsGuests: z.boolean() })
		.nullable(),
	participants: z.number().int(),
	agenda: z.array(
		AgendaViewResponse.extend({
			isCurrent: z.boolean(),
			isNext: z.boolean(),
			pollTitle: z.string().nullable()
		})
	),
	polls: z.array(PollViewResponse.extend({ results: PollResultsResponse, isResultsVisible: z.boolean() })),
	/** Every free-text answer, hidden ones too (isHidden), with its id for `hideAnswer`. */
	textAnswers: z.array(
		z.object({
			id: z.string(),
			questionId: z.string(),
			text: z.string(),
			isHidden: z.boolean(),
			source: z.enum(['live', 'imported'])
		})
	),
	state: LiveStateResponse.nullable()
});

export const LiveResultsResponse = z.object({
	polls: z.array(
		z.object({
			pollId: z.string(),
			title: z.string(),
			state: z.enum(['draft', 'open', 'closed']),
			isResultsVisible: z.boolean(),
			/** Imported aggregates plus live votes, per question. */
			questions: z.array(QuestionResultsResponse)
		})
	)
});

const meetingBase = '/meetings/{series}/{number}/live';

/** The live meeting's endpoints under /api/v1, for the OpenAPI document. */
export const liveOperations: ApiOperation[] = [
	{
		id: 'getLiveView',
		method: 'get',
		path: '/live/{code}',
		summary:
			"A running live session as its participant sees it: what is current, the open polls, the shown results and the viewer's own answers. The viewer is the guest of the live cookie (set by joining), or the signed-in user (session or API token), who joins on the first call. Before joining only the meeting's title (state is null). Unknown codes count per client address: after 30 in 10 minutes, 429 for every code not joined yet",
		tag: 'live',
		isPublic: true,
		response: LiveViewResponse
	},
	{
		id: 'joinLive',
		method: 'post',
		path: '/live/{code}/participants',
		summary:
			'Join a running live session. A guest gives a display name and gets an httpOnly cookie that recognizes them from then on (the request must come from this site); a signed-in user joins under their account name. Joining again with the cookie keeps the participant',
		tag: 'live',
		isPublic: true,
		request: JoinLive,
		response: z.object({ participantId: z.string() }),
		successDescription: 'Joined (or already a participant)'
	},
	{
		id: 'castLiveVote',
		method: 'post',
		path: '/live/{code}/votes',
		summary:
			"A participant's answer to one question of an open poll; it replaces their earlier answer. Answered only once it is stored. Options by key, a scale value as a number in text, a free text as one string. The request must come from this site; rate-limited",
		tag: 'live',
		isPublic: true,
		request: CastVote,
		response: z.object({ questionId: z.string() }),
		successDescription: 'The vote is stored'
	},
	{
		id: 'getLiveCockpit',
		method: 'get',
		path: meetingBase,
		summary:
			"The moderator's view of a meeting's live session: the session and its code, participants, agenda, every poll with its results, the free-text answers (organizers, admins and the meeting's moderators)",
		tag: 'live',
		response: CockpitResponse
	},
	{
		id: 'startLive',
		method: 'post',
		path: `${meetingBase}/start`,
		summary:
			'Start the live session (or restart a stopped one, keeping its code); a new session gets a fresh six-digit join code. The body may be empty',
		tag: 'live',
		request: StartLive,
		response: z.object({ code: z.string() }),
		successDescription: 'The session runs; its join code (digits)'
	},
	{
		id: 'moderateLive',
		method: 'post',
		path: `${meetingBase}/actions`,
		summary:
			"One moderator command on the running session (stop, move through the agenda, open or close a poll, show or hide results, a message, a countdown, hide a free-text answer); everyone's view follows through the event stream",
		tag: 'live',
		request: ModerateLive,
		successStatus: 204,
		successDescription: 'Done'
	},
	{
		id: 'getLiveResults',
		method: 'get',
		path: `${meetingBase}/results`,
		summary:
			"The results of every poll of the meeting, imported and live votes together (the cockpit's tallies)",
		tag: 'live',
		response: LiveResultsResponse
	}
];
