import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { downloadResponse } from '$lib/server/http/downloads';
import { orErrorPage } from '$lib/server/http/pages';
import { exportMeeting } from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

/** The meeting's export as a download: `{series}-{number}.json`. */
export const GET: RequestHandler = async ({ params, locals }) =>
	orErrorPage(async () => {
		const { seriesId, number } = meetingAddressFromParams(params);
		const document = await exportMeeting(locals.db, locals.actor, seriesId, number);
		return downloadResponse({
			body: `${JSON.stringify(document, null, 2)}\n`,
			contentType: 'application/json; charset=utf-8',
			fileName: `${params.series}-${params.number}.json`
		});
	});
