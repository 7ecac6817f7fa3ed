import { CreateMeeting } from '../../services/meetings';
import { CreateSeries, UpdateSeries } from '../../services/series';
import type { ApiOperation } from './types';

/** The series endpoints under /api/v1, for the OpenAPI document. */
export const seriesOperations: ApiOperation[] = [
	{
		id: 'listSeries',
		method: 'get',
		path: '/series',
		summary: 'The series the caller may see: published ones, and drafts of organizations they manage',
		tag: 'series',
		isPublic: true
	},
	{
		id: 'createSeries',
		method: 'post',
		path: '/series',
		summary: 'Create a series (the id is derived from the title when left out)',
		tag: 'series',
		request: CreateSeries,
		successStatus: 201,
		successDescription: 'The series as created'
	},
	{
		id: 'getSeries',
		method: 'get',
		path: '/series/{series}',
		summary: 'A series with its visible meetings',
		tag: 'series',
		isPublic: true
	},
	{
		id: 'updateSeries',
		method: 'patch',
		path: '/series/{series}',
		summary: 'Change a series; missing keys keep their value, the id changes only while unpublished',
		tag: 'series',
		request: UpdateSeries
	},
	{
		id: 'publishSeries',
		method: 'post',
		path: '/series/{series}/publish',
		summary: 'Publish a series',
		tag: 'series'
	},
	{
		id: 'unpublishSeries',
		method: 'post',
		path: '/series/{series}/unpublish',
		summary: 'Take a series back to draft',
		tag: 'series'
	},
	{
		id: 'createMeeting',
		method: 'post',
		path: '/series/{series}/meetings',
		summary: 'Create a meeting in a series (the number defaults to the next free one)',
		tag: 'meetings',
		request: CreateMeeting,
		successStatus: 201,
		successDescription: 'The meeting as created'
	}
];
