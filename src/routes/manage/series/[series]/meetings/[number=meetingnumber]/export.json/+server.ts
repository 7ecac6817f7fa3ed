import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { translateMessage } from '$lib/i18n/translate';
import { exportMeeting } from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

/** The meeting's export as a download: `{series}-{number}.json`. */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		const { seriesId, number } = meetingAddressFromParams(params);
		const document = await exportMeeting(locals.db, locals.actor, seriesId, number);
		return new Response(`${JSON.stringify(document, null, 2)}\n`, {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="${params.series}-${params.number}.json"`,
				// Personal data: never kept by a shared cache.
				'cache-control': 'private, no-store'
			}
		});
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], translateMessage(locals.locale, caught.summary));
		throw caught;
	}
};
