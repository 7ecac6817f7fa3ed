import type { ApiOperation } from './types';

/** The good practice endpoints under /api/v1, for the OpenAPI document. */
export const goodPracticeOperations: ApiOperation[] = [
	{
		id: 'listGoodPractice',
		method: 'get',
		path: '/good-practice',
		summary:
			"Published good practice (and drafts of the caller's organizations); the query parameter q searches title, what, how, municipality and topics",
		tag: 'good-practice',
		isPublic: true
	},
	{
		id: 'getGoodPractice',
		method: 'get',
		path: '/good-practice/{id}',
		summary:
			'One good practice entry with its meetings, talks, slides, cards and networks; its contact only with the contact’s consent',
		tag: 'good-practice',
		isPublic: true
	}
];
