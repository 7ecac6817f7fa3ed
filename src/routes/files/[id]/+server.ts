import { getAppContext } from '$lib/server/app';
import { apiHandler } from '$lib/server/http/api';
import { readAttachmentFile } from '$lib/server/services/attachments';
import { downloadResponse } from '../downloads';

/**
 * GET /files/{id} — an uploaded attachment: for organizers always, for everyone once the meeting
 * is published and its published documentation version lists the file (the service decides). Always a download with its stored,
 * content-checked media type, never rendered in the browser.
 */
export const GET = apiHandler(async ({ locals, params }) => {
	const { config } = await getAppContext();
	const file = await readAttachmentFile(locals.db, locals.actor, params.id ?? '', {
		dataDir: config.dataDir
	});
	return downloadResponse(file, { contentSecurityPolicy: "default-src 'none'" });
});
