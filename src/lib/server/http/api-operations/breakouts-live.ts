import { z } from 'zod';
import { BroadcastToRooms, ExtendRound } from '../../services/breakouts-live';
import type { ApiOperation } from './types';

/** Running a breakout round live (organizers and the meeting's moderators). */

const round = '/meetings/{series}/{number}/breakouts/{round}';

/** A card on a board (domain/breakouts/live-views.ts BoardCardView). */
export const CardResponse = z.object({
	id: z.string(),
	roomId: z.string(),
	text: z.string(),
	column: z.string().nullable(),
	votes: z.number().int(),
	version: z.number().int(),
	isMine: z.boolean(),
	hasMyVote: z.boolean(),
	canEdit: z.boolean(),
	canDelete: z.boolean(),
	clusterId: z.string().nullable()
});

/** A running or closed round as the live state shows it (LiveRoundView). */
export const LiveRoundResponse = z.object({
	key: z.string(),
	title: z.string(),
	description: z.string().nullable(),
	questions: z.array(z.string()),
	columns: z.array(z.string()),
	dotsPerPerson: z.number().int(),
	status: z.enum(['running', 'closed']),
	startedAt: z.string().nullable(),
	endsAt: z.string().nullable(),
	endingSoon: z.boolean(),
	broadcast: z.object({ text: z.string(), at: z.string() }).nullable(),
	assignmentRevision: z.number().int()
});

const OverviewResponse = z.object({
	meeting: z.object({ seriesSlug: z.string(), number: z.number().int(), title: z.string() }),
	round: LiveRoundResponse.extend({ status: z.enum(['draft', 'running', 'closed']) }),
	rooms: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			topic: z.string().nullable(),
			namedMembers: z.array(z.string()),
			unnamedMembers: z.number().int(),
			cards: z.array(CardResponse)
		})
	),
	unplaced: z.number().int()
});

const Started = z.object({ key: z.string(), endsAt: z.string() });

export const breakoutLiveOperations: ApiOperation[] = [
	{
		id: 'startBreakoutRound',
		method: 'post',
		path: `${round}/start`,
		summary:
			"Start the round now: people and the live session's guests are placed, the clock runs for its agenda item's duration (409 while another round runs)",
		tag: 'breakouts',
		response: Started
	},
	{
		id: 'endBreakoutRound',
		method: 'post',
		path: `${round}/end`,
		summary: 'End the running round now (ending a closed round again changes nothing)',
		tag: 'breakouts',
		successStatus: 204
	},
	{
		id: 'broadcastToBreakoutRooms',
		method: 'post',
		path: `${round}/broadcast`,
		summary: 'A message to every room of the running round',
		tag: 'breakouts',
		request: BroadcastToRooms.omit({ round: true }),
		successStatus: 204
	},
	{
		id: 'extendBreakoutRound',
		method: 'post',
		path: `${round}/extend`,
		summary: 'More minutes for the running round (from its end, or from now once it is over)',
		tag: 'breakouts',
		request: ExtendRound.omit({ round: true }),
		response: z.object({ endsAt: z.string() })
	},
	{
		id: 'getBreakoutOverview',
		method: 'get',
		path: `${round}/overview`,
		summary: 'Every room of the round with its cards (members named only with their consent)',
		tag: 'breakouts',
		response: OverviewResponse
	}
];
