import { apiHandler } from '$lib/server/http/api';
import { getAppContext } from '$lib/server/app';
import { renderDocumentation } from '$lib/server/services/documentation';
import { downloadResponse } from '../../../../../../files/downloads';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';

/**
 * GET /api/v1/meetings/{series}/{number}/documentation.{pdf,docx,html,md,zip}?lang=&version=
 * Public once published; before that (and for the current data or any version) organizers only.
 */
export const GET = apiHandler(async ({ locals, params, url }) => {
	const { config } = await getAppContext();
	const rendered = await renderDocumentation(
		locals.db,
		locals.actor,
		meetingAddressFromParams(params),
		{
			format: params.format,
			lang: url.searchParams.get('lang') || undefined,
			versionId: url.searchParams.get('version') || undefined
		},
		{ dataDir: config.dataDir }
	);
	return downloadResponse(rendered, {
		// A downloaded HTML file may show its inline styles and nothing else; the other formats need nothing.
		contentSecurityPolicy:
			params.format === 'html' ? "default-src 'none'; style-src 'unsafe-inline'" : "default-src 'none'"
	});
});
