import { z } from 'zod';
import { MeetingDocument } from '../../../domain/exchange-format/schema';
import type { ApiOperation } from './types';

const ImportAnswer = z.object({
	address: z.string().describe('SERIES-ID/NUMBER of the imported meeting'),
	seriesId: z.string(),
	number: z.number().int(),
	isSeriesCreated: z.boolean(),
	isReplaced: z.boolean(),
	seriesDifferences: z
		.array(z.string())
		.describe(
			"When the series existed: JSON pointers of the document's series fields that differ from the stored series, which was kept as it is"
		)
});

/** The exchange endpoints under /api/v1, for the OpenAPI document. */
export const exchangeOperations: ApiOperation[] = [
	{
		id: 'importMeeting',
		method: 'post',
		path: '/import',
		summary:
			'Import a meeting document (netzwerkstatt.meeting/v1). Query: replace=true replaces an existing meeting number, publish=true publishes the meeting and its series, organization=SLUG names the organization of a new series (needed when you organize for several).',
		tag: 'exchange',
		request: MeetingDocument,
		response: ImportAnswer,
		successStatus: 201,
		successDescription: 'Imported; the answer names the meeting address'
	},
	{
		id: 'exportMeeting',
		method: 'get',
		path: '/meetings/{series}/{number}/export',
		summary:
			"Export a meeting as a netzwerkstatt.meeting/v1 document (organizers of the meeting's series only).",
		tag: 'exchange',
		response: MeetingDocument
	}
];
