import { error } from '@sveltejs/kit';
import { isAppError, statusOf } from '$lib/domain/errors';
import { meetingAddressFromParams } from '$lib/domain/meeting-address';
import { toCsv, toXlsx } from '$lib/server/exports/table-files';
import { exportLiveResults } from '$lib/server/services/live-results-export';
import type { RequestHandler } from './$types';

const contentTypes = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/** The meeting's poll results (imported and live) as CSV or XLSX, for the moderator. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const format = params.format === 'xlsx' ? 'xlsx' : 'csv';
	const { seriesId, number } = meetingAddressFromParams(params);
	try {
		const table = await exportLiveResults(locals.db, locals.actor, seriesId, number, locals.locale);
		const body = format === 'xlsx' ? await toXlsx(table) : toCsv(table);
		return new Response(new Uint8Array(body), {
			headers: {
				'Content-Type': contentTypes[format],
				'Content-Disposition': `attachment; filename="umfrageergebnisse-${seriesId}-${number}.${format}"`,
				'Cache-Control': 'no-store'
			}
		});
	} catch (caught) {
		if (isAppError(caught)) error(statusOf[caught.kind], caught.summary.key);
		throw caught;
	}
};
