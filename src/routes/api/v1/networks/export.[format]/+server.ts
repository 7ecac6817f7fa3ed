import { error } from '@sveltejs/kit';
import { apiHandler } from '$lib/server/http/api';
import { directoryQueryFrom } from '$lib/server/services/networks';
import { exportDirectoryFile, type ExportFormat } from '$lib/server/services/networks-transfer';

const FORMATS: readonly string[] = ['csv', 'xlsx', 'json'];

/** The published entries (with the directory's filters) as CSV, XLSX or JSON: open data, any origin. */
export const GET = apiHandler(async ({ locals, params, url }) => {
	if (!params.format || !FORMATS.includes(params.format)) error(404, 'error.notFound');
	const file = await exportDirectoryFile(
		locals.db,
		directoryQueryFrom(url.searchParams),
		params.format as ExportFormat,
		url.origin
	);
	return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'access-control-allow-origin': '*'
		}
	});
});
