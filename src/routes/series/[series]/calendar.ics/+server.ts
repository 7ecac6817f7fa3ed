import { getAppContext } from '$lib/server/app';
import { orErrorPage } from '$lib/server/http/pages';
import { seriesCalendar } from '$lib/server/services/calendar-feeds';
import type { RequestHandler } from './$types';

/** The series' feed to subscribe to: every published meeting (METHOD:PUBLISH). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { config } = await getAppContext();
	const calendar = await orErrorPage(() =>
		seriesCalendar(locals.db, params.series, { publicOrigin: config.publicOrigin, mailFrom: config.mailFrom })
	);
	return new Response(calendar, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${params.series}.ics"`,
			// Calendar apps poll the feed; an hour's caching spares the server.
			'cache-control': 'public, max-age=3600'
		}
	});
};
