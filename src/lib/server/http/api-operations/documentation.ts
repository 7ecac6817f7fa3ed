import {
	CreateDocumentationVersion,
	PublishDocumentation,
	documentationFormats,
	mediaTypes
} from '../../services/documentation';
import { UpdateDocumentationTexts } from '../../services/documentation-texts';
import type { ApiOperation } from './types';

/** The documentation endpoints under /api/v1, for the OpenAPI document. */
export const documentationOperations: ApiOperation[] = [
	...documentationFormats.map((format): ApiOperation => ({
		id: `downloadDocumentation${format[0]!.toUpperCase()}${format.slice(1)}`,
		method: 'get',
		path: `/meetings/{series}/{number}/documentation.${format}`,
		summary: `The documentation as ${format.toUpperCase()} (query: lang=de|en, version=ID). Public once published; the current data and other versions for organizers only`,
		tag: 'documentation',
		isPublic: true,
		responseMediaType: mediaTypes[format].replace(/;.*$/, ''),
		successDescription: 'The file, as an attachment'
	})),
	{
		id: 'listDocumentationVersions',
		method: 'get',
		path: '/meetings/{series}/{number}/documentation/versions',
		summary: 'The generated versions of the documentation, newest first',
		tag: 'documentation'
	},
	{
		id: 'createDocumentationVersion',
		method: 'post',
		path: '/meetings/{series}/{number}/documentation/versions',
		summary: "Generate a version: freeze the meeting's current data (language: the series' unless given)",
		tag: 'documentation',
		request: CreateDocumentationVersion,
		successStatus: 201,
		successDescription: 'The new version'
	},
	{
		id: 'publishDocumentation',
		method: 'post',
		path: '/meetings/{series}/{number}/documentation/publish',
		summary: 'Make one version the public documentation (any other is withdrawn)',
		tag: 'documentation',
		request: PublishDocumentation,
		successStatus: 204,
		successDescription: 'Published'
	},
	{
		id: 'unpublishDocumentation',
		method: 'post',
		path: '/meetings/{series}/{number}/documentation/unpublish',
		summary: 'Withdraw the published documentation',
		tag: 'documentation',
		successStatus: 204,
		successDescription: 'Withdrawn'
	},
	{
		id: 'getDocumentationTexts',
		method: 'get',
		path: '/meetings/{series}/{number}/documentation/texts',
		summary: 'The free texts of the documentation (topic summary, outlook, findings, syntheses)',
		tag: 'documentation'
	},
	{
		id: 'updateDocumentationTexts',
		method: 'put',
		path: '/meetings/{series}/{number}/documentation/texts',
		summary: 'Replace the free texts; paragraphs are separated by blank lines',
		tag: 'documentation',
		request: UpdateDocumentationTexts
	}
];
