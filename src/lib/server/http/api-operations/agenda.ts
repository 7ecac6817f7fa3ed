import { z } from 'zod';
import { agendaKinds } from '../../../domain/agenda-items';
import { AddAgendaItem, ReorderAgenda, UpdateAgendaItem } from '../../services/agenda';
import type { ApiOperation } from './types';

const AgendaItemResponse = z.object({
	id: z.string(),
	position: z.number().int(),
	start: z.string(),
	end: z.string(),
	kind: z.enum(agendaKinds),
	title: z.string(),
	details: z.array(z.string()),
	/** The poll the item opens: its id (as `pollId` in requests and the live actions) and its key. */
	pollId: z.string().nullable(),
	pollKey: z.string().nullable(),
	breakoutRoundId: z.string().nullable(),
	speakers: z.array(
		z.object({
			personId: z.string(),
			personKey: z.string(),
			name: z.string(),
			organization: z.string().nullable()
		})
	)
});

const AgendaResponse = z.object({
	meeting: z.object({
		seriesSlug: z.string(),
		number: z.number().int(),
		date: z.string(),
		start: z.string(),
		end: z.string(),
		timeZone: z.string(),
		isPublished: z.boolean()
	}),
	items: z.array(AgendaItemResponse)
});

const base = '/meetings/{series}/{number}/agenda';

/** The agenda endpoints under /api/v1, for the OpenAPI document. */
export const agendaOperations: ApiOperation[] = [
	{
		id: 'getAgenda',
		method: 'get',
		path: base,
		summary: "A meeting's agenda (public when the meeting is published)",
		tag: 'agenda',
		isPublic: true,
		response: AgendaResponse
	},
	{
		id: 'addAgendaItem',
		method: 'post',
		path: base,
		summary:
			'Add an item: a start (default: the next free start) and an end or a duration in minutes; an item of kind poll may name the poll it opens (pollId)',
		tag: 'agenda',
		request: AddAgendaItem,
		response: AgendaItemResponse,
		successStatus: 201,
		successDescription: 'The item as stored'
	},
	{
		id: 'updateAgendaItem',
		method: 'patch',
		path: `${base}/{itemId}`,
		summary: 'Change an item; a new start alone keeps its duration; pollId null opens no poll',
		tag: 'agenda',
		request: UpdateAgendaItem,
		response: AgendaItemResponse
	},
	{
		id: 'deleteAgendaItem',
		method: 'delete',
		path: `${base}/{itemId}`,
		summary: 'Delete an item',
		tag: 'agenda',
		successStatus: 204,
		successDescription: 'Deleted'
	},
	{
		id: 'reorderAgenda',
		method: 'post',
		path: `${base}/reorder`,
		summary: 'Put the items in a new order; times are recomputed from the durations',
		tag: 'agenda',
		request: ReorderAgenda,
		response: AgendaResponse.shape.items
	},
	{
		id: 'copyPreviousAgenda',
		method: 'post',
		path: `${base}/copy-previous`,
		summary: "Start an empty agenda from the previous meeting's, shifted to this meeting's start",
		tag: 'agenda',
		response: z.object({ fromNumber: z.number().int(), items: z.array(AgendaItemResponse) }),
		successStatus: 201
	}
];
