import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { getAppContext } from '$lib/server/app';
import { orErrorPage } from '$lib/server/http/pages';
import { meetingCalendar } from '$lib/server/services/calendar-feeds';
import type { RequestHandler } from './$types';

/** One meeting as an .ics download (METHOD:PUBLISH); drafts only for their organizers. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const address = meetingAddressFromParams(params);
	const { config } = await getAppContext();
	const calendar = await orErrorPage(() =>
		meetingCalendar(locals.db, locals.actor, address, {
			publicOrigin: config.publicOrigin,
			mailFrom: config.mailFrom
		})
	);
	return new Response(calendar, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${address.seriesId}-${address.number}.ics"`
		}
	});
};
