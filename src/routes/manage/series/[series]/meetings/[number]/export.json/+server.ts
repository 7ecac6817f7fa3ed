import { error } from '@sveltejs/kit';
import { isAppError, notFound, statusOf } from '$lib/domain/errors';
import { translateMessage } from '$lib/i18n/translate';
import { exportMeeting } from '$lib/server/services/exchange';
import type { RequestHandler } from './$types';

/** The meeting's export as a download: `{series}-{number}.json`. */
export const GET: RequestHandler = async ({ params, locals }) => {
	try {
		if (!/^[1-9][0-9]{0,8}$/.test(params.number)) throw notFound();
		const document = await exportMeeting(locals.db, locals.actor, params.series, Number(params.number));
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
