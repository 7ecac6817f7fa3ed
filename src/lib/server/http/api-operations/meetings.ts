import { UpdateMeeting } from '../../services/meetings';
import type { ApiOperation } from './types';

/** The meetings endpoints under /api/v1, for the OpenAPI document. */
export const meetingOperations: ApiOperation[] = [
	{
		id: 'getMeeting',
		method: 'get',
		path: '/meetings/{series}/{number}',
		summary: 'A meeting with its topic, credits and agenda',
		tag: 'meetings',
		isPublic: true
	},
	{
		id: 'updateMeeting',
		method: 'patch',
		path: '/meetings/{series}/{number}',
		summary:
			'Change a meeting; missing keys keep their value. New times must keep the agenda inside; the number changes only while unpublished',
		tag: 'meetings',
		request: UpdateMeeting
	},
	{
		id: 'publishMeeting',
		method: 'post',
		path: '/meetings/{series}/{number}/publish',
		summary: 'Publish a meeting (it is public once its series is published too)',
		tag: 'meetings'
	},
	{
		id: 'unpublishMeeting',
		method: 'post',
		path: '/meetings/{series}/{number}/unpublish',
		summary: 'Take a meeting back to draft',
		tag: 'meetings'
	}
];
