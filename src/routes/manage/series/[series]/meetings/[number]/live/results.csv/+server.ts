import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { parseMeetingNumber } from '$lib/domain/meeting-display';
import { toCsv } from '$lib/server/exports/table-files';
import { exportLiveResults } from '$lib/server/services/live';
import type { RequestHandler } from './$types';

/** The meeting's poll results (imported and live) as CSV, for the moderator. */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		const table = await exportLiveResults(
			locals.db,
			locals.actor,
			params.series,
			parseMeetingNumber(params.number) ?? -1,
			locals.locale
		);
		const body = toCsv(table);
		return new Response(new Uint8Array(body), {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="umfrageergebnisse-${params.series}-${params.number}.csv"`,
				'Cache-Control': 'no-store'
			}
		});
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
};
