import type { ApiOperation } from './types';

/** The network directory's open-data endpoints under /api/v1 (public, CORS `*` for GET). */
export const networkOperations: ApiOperation[] = [
	{
		id: 'listNetworks',
		method: 'get',
		path: '/networks',
		summary:
			'The published network directory of Westfalen-Lippe (licence in the answer, default CC BY 4.0). Query: q (German full-text search), kind, topic, district (5-digit AGS), sort (relevance, name, newest, founded), page',
		tag: 'networks',
		isPublic: true
	},
	{
		id: 'getNetwork',
		method: 'get',
		path: '/networks/{entry}',
		summary:
			'One published directory entry (by id or slug) with the published meetings where it was presented',
		tag: 'networks',
		isPublic: true
	},
	{
		id: 'exportNetworks',
		method: 'get',
		path: '/networks/export.{format}',
		summary:
			'The published entries as a file: format csv (semicolon, UTF-8 with BOM), xlsx or json; the same query as listNetworks',
		tag: 'networks',
		isPublic: true,
		responseMediaType: 'text/csv'
	}
];
