import { json } from '@sveltejs/kit';
import { problem, validationFailed } from '$lib/domain/errors';
import { apiHandler } from '$lib/server/http/api';
import {
	assertMayImport,
	importMeeting,
	MAX_DOCUMENT_BYTES,
	parseDocumentText
} from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

const isTrue = (value: string | null) => value === 'true' || value === '1';

/** POST /api/v1/import?replace=true&publish=true&organization=SLUG — body: the document. */
export const POST: RequestHandler = apiHandler(async ({ request, url, locals }) => {
	// Rights before the body: anonymous callers and participants get 401/403, nothing is read.
	assertMayImport(locals.actor);
	if (Number(request.headers.get('content-length') ?? 0) > MAX_DOCUMENT_BYTES)
		throw validationFailed([
			problem('', 'exchange.fileTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 })
		]);
	const text = await request.text();
	if (Buffer.byteLength(text) > MAX_DOCUMENT_BYTES)
		throw validationFailed([
			problem('', 'exchange.fileTooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 })
		]);
	const result = await importMeeting(locals.db, locals.actor, parseDocumentText(text), {
		replace: isTrue(url.searchParams.get('replace')),
		publish: isTrue(url.searchParams.get('publish')),
		organization: url.searchParams.get('organization') ?? undefined
	});
	return json(result, { status: 201, headers: { location: `/api/v1/meetings/${result.address}/export` } });
});
