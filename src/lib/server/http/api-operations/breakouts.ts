import { z } from 'zod';
import { assignmentModes, roundStatuses } from '../../../domain/breakouts/config';
import {
	AddCard,
	CreateCluster,
	CreateRound,
	EditCard,
	ChooseRoom,
	MovePerson,
	PlaceLateJoiner,
	RunAssignment,
	SetCardCluster,
	UpdateRoom,
	UpdateRound,
	WriteFindings,
	WriteSynthesis
} from '../../services/breakouts';
import type { ApiOperation } from './types';
import { breakoutLiveOperations, CardResponse } from './breakouts-live';

const Member = z.object({
	personId: z.string(),
	name: z.string(),
	organization: z.string().nullable(),
	hasEmail: z.boolean(),
	isGuest: z.boolean()
});

const Round = z.object({
	key: z.string(),
	title: z.string(),
	description: z.string().nullable(),
	questions: z.array(z.string()),
	columns: z.array(z.string()),
	roomCount: z.number().int().nullable(),
	roomSize: z.number().int().nullable(),
	durationMinutes: z.number().int(),
	mode: z.enum(assignmentModes),
	dotsPerPerson: z.number().int(),
	status: z.enum(roundStatuses),
	startedAt: z.string().nullable(),
	endsAt: z.string().nullable(),
	synthesis: z.array(z.string()),
	rooms: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			topic: z.string().nullable(),
			cap: z.number().int().nullable(),
			rapporteurPersonId: z.string().nullable(),
			members: z.array(Member),
			cardCount: z.number().int()
		})
	),
	unassigned: z.array(Member)
});

const Meeting = z.object({ seriesSlug: z.string(), number: z.number().int(), title: z.string() });
const RoundResponse = z.object({ meeting: Meeting, round: Round });
const RoundsResponse = z.object({ meeting: Meeting, rounds: z.array(Round), findings: z.array(z.string()) });

const BoardResponse = z.object({
	meeting: Meeting,
	round: z.object({
		key: z.string(),
		title: z.string(),
		questions: z.array(z.string()),
		columns: z.array(z.string()),
		dotsPerPerson: z.number().int(),
		status: z.enum(roundStatuses),
		endsAt: z.string().nullable()
	}),
	room: z.object({
		id: z.string(),
		name: z.string(),
		topic: z.string().nullable(),
		rapporteurPersonId: z.string().nullable()
	}),
	cards: z.array(CardResponse),
	dotsLeft: z.number().int(),
	isModerator: z.boolean()
});

const SynthesisResponse = z.object({
	meeting: Meeting,
	round: z.object({
		key: z.string(),
		title: z.string(),
		columns: z.array(z.string()),
		synthesis: z.array(z.string())
	}),
	clusters: z.array(
		z.object({ id: z.string(), roundId: z.string(), position: z.number().int(), label: z.string() })
	),
	cards: z.array(
		z.object({
			id: z.string(),
			roomName: z.string(),
			text: z.string(),
			column: z.string().nullable(),
			votes: z.number().int(),
			clusterId: z.string().nullable(),
			author: z.string().nullable()
		})
	),
	findings: z.array(z.string())
});

const base = '/meetings/{series}/{number}/breakouts';
const round = `${base}/{round}`;

/** The breakout endpoints under /api/v1 (organizers and moderators; boards also for room members). */
export const breakoutOperations: ApiOperation[] = [
	{
		id: 'listBreakoutRounds',
		method: 'get',
		path: base,
		summary: "A meeting's breakout rounds with rooms and members, and the meeting's findings",
		tag: 'breakouts',
		response: RoundsResponse
	},
	{
		id: 'createBreakoutRound',
		method: 'post',
		path: base,
		summary:
			'Create a round: give exactly one of roomCount and roomSize; columns default to Erfahrungen, Ideen, Herausforderungen',
		tag: 'breakouts',
		request: CreateRound,
		response: z.object({ key: z.string() }),
		successStatus: 201
	},
	{
		id: 'getBreakoutRound',
		method: 'get',
		path: round,
		summary: 'One round',
		tag: 'breakouts',
		response: RoundResponse
	},
	{
		id: 'updateBreakoutRound',
		method: 'patch',
		path: round,
		summary: 'Change a round (all fields as when creating it)',
		tag: 'breakouts',
		request: UpdateRound.omit({ round: true }),
		response: RoundResponse
	},
	{
		id: 'deleteBreakoutRound',
		method: 'delete',
		path: round,
		summary: 'Delete a round with its rooms and boards',
		tag: 'breakouts',
		successStatus: 204
	},
	{
		id: 'runBreakoutAssignment',
		method: 'post',
		path: `${round}/assignment`,
		summary:
			"Assign the meeting's participants to rooms by the round's mode (a seed makes the draw repeatable)",
		tag: 'breakouts',
		request: RunAssignment.omit({ round: true }),
		response: z.object({ assigned: z.number().int(), unplaced: z.number().int() })
	},
	{
		id: 'moveBreakoutMember',
		method: 'post',
		path: `${round}/moves`,
		summary: 'Move a person into a room, or out of every room (no roomId)',
		tag: 'breakouts',
		request: MovePerson.omit({ round: true }),
		response: RoundResponse
	},
	{
		id: 'placeBreakoutLateJoiner',
		method: 'post',
		path: `${round}/late-joiners`,
		summary:
			"Place someone who arrived after the assignment by the round's rule (smallest room, best-spreading room, or their choice)",
		tag: 'breakouts',
		request: PlaceLateJoiner.omit({ round: true }),
		response: z.object({ roomId: z.string() })
	},
	{
		id: 'chooseBreakoutRoom',
		method: 'post',
		path: `${round}/choice`,
		summary: 'A participant picks a room of a self-chosen round (409/400 when it is full)',
		tag: 'breakouts',
		request: ChooseRoom.omit({ round: true }),
		successStatus: 204
	},
	{
		id: 'exportBreakoutAssignment',
		method: 'get',
		path: `${round}/export`,
		summary: 'The assignment as a file: ?format=zoom (Zoom pre-assignment CSV), csv or xlsx',
		tag: 'breakouts',
		responseMediaType: 'text/csv'
	},
	{
		id: 'updateBreakoutRoom',
		method: 'patch',
		path: `${round}/rooms/{room}`,
		summary: "A room's name, topic, cap and rapporteur (a member of the room)",
		tag: 'breakouts',
		request: UpdateRoom.omit({ round: true, roomId: true }),
		response: RoundResponse
	},
	{
		id: 'getBreakoutBoard',
		method: 'get',
		path: `${round}/rooms/{room}/cards`,
		summary: "A room's board (its members and the moderators); authors are not named",
		tag: 'breakouts',
		response: BoardResponse
	},
	{
		id: 'addBreakoutCard',
		method: 'post',
		path: `${round}/rooms/{room}/cards`,
		summary: 'Add a card to the board',
		tag: 'breakouts',
		request: AddCard.omit({ round: true, roomId: true }),
		response: z.object({ id: z.string(), version: z.number().int() }),
		successStatus: 201
	},
	{
		id: 'editBreakoutCard',
		method: 'patch',
		path: `${round}/cards/{card}`,
		summary:
			'Edit a card, naming the version the edit is based on; a stale version is refused (409) with the current text',
		tag: 'breakouts',
		request: EditCard.omit({ cardId: true }),
		response: z.object({ version: z.number().int() })
	},
	{
		id: 'deleteBreakoutCard',
		method: 'delete',
		path: `${round}/cards/{card}`,
		summary: 'Delete a card (own cards; the rapporteur and moderators: all)',
		tag: 'breakouts',
		successStatus: 204
	},
	{
		id: 'castBreakoutDot',
		method: 'post',
		path: `${round}/cards/{card}/dot`,
		summary: "Give the card a dot, within the round's per-person limit (409 beyond it)",
		tag: 'breakouts',
		response: z.object({ dotsLeft: z.number().int() })
	},
	{
		id: 'withdrawBreakoutDot',
		method: 'delete',
		path: `${round}/cards/{card}/dot`,
		summary: 'Take back a dot',
		tag: 'breakouts',
		successStatus: 204
	},
	{
		id: 'setBreakoutCardCluster',
		method: 'put',
		path: `${round}/cards/{card}/cluster`,
		summary: 'Put a card into a cluster of the synthesis, or out of every cluster',
		tag: 'breakouts',
		request: SetCardCluster.omit({ cardId: true }),
		successStatus: 204
	},
	{
		id: 'createBreakoutCluster',
		method: 'post',
		path: `${round}/clusters`,
		summary: 'Create a cluster for the synthesis',
		tag: 'breakouts',
		request: CreateCluster.omit({ round: true }),
		response: z.object({ id: z.string() }),
		successStatus: 201
	},
	{
		id: 'deleteBreakoutCluster',
		method: 'delete',
		path: `${round}/clusters/{cluster}`,
		summary: 'Delete a cluster (its cards stay)',
		tag: 'breakouts',
		successStatus: 204
	},
	{
		id: 'getBreakoutSynthesis',
		method: 'get',
		path: `${round}/synthesis`,
		summary: "All rooms' cards side by side, clusters and synthesis (authors named only with consent)",
		tag: 'breakouts',
		response: SynthesisResponse
	},
	{
		id: 'writeBreakoutSynthesis',
		method: 'put',
		path: `${round}/synthesis`,
		summary: "The round's synthesis (paragraphs)",
		tag: 'breakouts',
		request: WriteSynthesis.omit({ round: true }),
		response: SynthesisResponse
	},
	{
		id: 'writeMeetingFindings',
		method: 'put',
		path: `${base}/findings`,
		summary: "The meeting's findings (paragraphs)",
		tag: 'breakouts',
		request: WriteFindings,
		response: z.object({ findings: z.array(z.string()) })
	},
	...breakoutLiveOperations
];
